import { EXPIRES_ANNOTATION, RUN_LABEL } from "@/lib/probes/manifest";
import { log } from "../log";
import type { ProbeKube } from "./kube";

/**
 * Removes probe runs past their expiry (a server killed mid-run never stopped them): their owner ConfigMap and
 * their pods. Looks in all namespaces when the caller may list ConfigMaps there, else in `namespaces`.
 * Returns the run ids removed.
 */
export async function sweepStaleRuns(
  kube: ProbeKube,
  now: number,
  namespaces: readonly string[] = [],
): Promise<string[]> {
  const selector = RUN_LABEL;
  const everywhere = await kube.listConfigMapsEverywhere(selector);
  const owners =
    everywhere ?? (await Promise.all(namespaces.map((ns) => kube.listConfigMaps(ns, selector).catch(() => [])))).flat();
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
