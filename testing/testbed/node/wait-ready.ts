// The node is up when its Node object says Ready (runtime and CNI config loaded: Multus is in place) and the
// controller-manager has lifted the not-ready taint the kubelet registers with (until then nothing schedules).
import { kubeRequest, type TestCluster } from "../cluster";
import { nodeSchema } from "./api-schemas";
import { type Component, waitFor } from "./procs";

export async function waitNodeReady(
  c: TestCluster,
  name: string,
  kubelet: Component,
  timeoutMs = 120_000,
): Promise<void> {
  let last = "no Node object yet";
  try {
    await waitFor(
      `node ${name} Ready`,
      kubelet,
      async () => {
        const r = await kubeRequest(c, "GET", `/api/v1/nodes/${name}`);
        if (r.status !== 200) return false;
        const node = nodeSchema.parse(r.body);
        const ready = (node.status?.conditions ?? []).find((x) => x.type === "Ready");
        const taints = (node.spec?.taints ?? []).map((t) => t.key);
        last = ready ? `Ready=${ready.status} (${ready.reason ?? ""}: ${ready.message ?? ""})` : "no Ready condition";
        if (taints.length > 0) last += `; taints ${taints.join(", ")}`;
        return ready?.status === "True" && taints.length === 0;
      },
      timeoutMs,
    );
  } catch (e) {
    throw new Error(`${e instanceof Error ? e.message : String(e)}\nlast seen: ${last}`);
  }
}
