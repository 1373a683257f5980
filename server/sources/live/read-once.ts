import type { ClusterSnapshot } from "@/lib/k8s/snapshot";
import { describeContext, loadKubeConfig } from "../kubeconfig";
import { LiveSource } from "./live-source";

/** One complete read of a live cluster for the command-line tools (topology, check): list, wait, close. */
export async function readLiveOnce(
  kubeconfig?: string,
  context?: string,
  timeoutMs = 30_000,
): Promise<ClusterSnapshot> {
  const kc = loadKubeConfig({ kubeconfig, context });
  const source = new LiveSource(kc, { label: describeContext(kc), backoff: { min: 200, max: 1000 } });
  try {
    const timeout = new Promise<"timeout">((r) => setTimeout(() => r("timeout"), timeoutMs).unref());
    if ((await Promise.race([source.ready(), timeout])) === "timeout")
      throw new Error(`${describeContext(kc)}: no answer within ${Math.round(timeoutMs / 1000)} s`);
    const status = source.status();
    if (status.state === "failed") throw new Error(`${describeContext(kc)}: ${status.reason}`);
    return source.snapshot();
  } finally {
    await source.close();
  }
}
