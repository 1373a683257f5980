// The node is up when its Node object says Ready (runtime and CNI config loaded: Multus is in place).
import { kubeRequest, type TestCluster } from "../cluster";
import { NODE_NAME } from "./config";
import { type Component, waitFor } from "./procs";

interface Condition {
  type: string;
  status: string;
  reason?: string;
  message?: string;
}

export async function waitNodeReady(c: TestCluster, kubelet: Component, timeoutMs = 120_000): Promise<void> {
  let last = "no Node object yet";
  try {
    await waitFor(
      `node ${NODE_NAME} Ready`,
      kubelet,
      async () => {
        const r = await kubeRequest(c, "GET", `/api/v1/nodes/${NODE_NAME}`);
        if (r.status !== 200) return false;
        const conds = (r.body as { status?: { conditions?: Condition[] } }).status?.conditions ?? [];
        const ready = conds.find((x) => x.type === "Ready");
        last = ready ? `Ready=${ready.status} (${ready.reason ?? ""}: ${ready.message ?? ""})` : "no Ready condition";
        return ready?.status === "True";
      },
      timeoutMs,
    );
  } catch (e) {
    throw new Error(`${(e as Error).message}\nlast seen: ${last}`);
  }
}
