import { EXPIRES_ANNOTATION, RUN_LABEL } from "@/lib/probes/manifest";
import { log } from "../log";
import type { ProbeKube } from "./kube";

/**
 * Removes probe runs past their expiry (a server killed mid-run never stopped them): their owner ConfigMap and
 * their pods. Looks in `namespaces`, or in every namespace (when the caller may list ConfigMaps cluster-wide;
 * else nowhere). Returns the run ids removed.
 */
export async function sweepStaleRuns(
  kube: ProbeKube,
  now: number,
  namespaces: readonly string[] | "everywhere",
): Promise<string[]> {
  const owners =
    namespaces === "everywhere"
      ? ((await kube.listConfigMapsEverywhere(RUN_LABEL)) ?? [])
      : (await Promise.all(namespaces.map((ns) => kube.listConfigMaps(ns, RUN_LABEL).catch(() => [])))).flat();
  const removed: string[] = [];
  for (const cm of owners) {
    const expires = Number(cm.metadata.annotations?.[EXPIRES_ANNOTATION]);
    const id = cm.metadata.labels?.[RUN_LABEL];
    const ns = cm.metadata.namespace;
    if (!id || !ns || !(expires * 1000 <= now)) continue;
    await kube.delete("ConfigMap", ns, cm.metadata.name);
    const pods = await kube.listPods(ns, `${RUN_LABEL}=${id}`);
    await Promise.all(pods.map((p) => kube.delete("Pod", ns, p.metadata.name)));
    removed.push(id);
  }
  if (removed.length) log.info({ runs: removed }, "removed stale probe runs");
  return removed;
}
