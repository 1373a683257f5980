import { EXPIRES_ANNOTATION, RUN_LABEL } from "@/lib/probes/manifest";
import { log } from "../log";
import type { ProbeKube } from "./kube";

/**
 * Removes probe runs past their expiry: their owner Job and their pods. The cluster does this by itself (the Job's
 * deadline, then its TTL after finishing, then garbage collection), so this is for clusters where those controllers
 * lag or do not run. Looks in `namespaces`, or in every namespace (when the caller may list Jobs cluster-wide; else
 * nowhere). Returns the run ids removed.
 */
export async function sweepStaleRuns(
  kube: ProbeKube,
  now: number,
  namespaces: readonly string[] | "everywhere",
): Promise<string[]> {
  const owners =
    namespaces === "everywhere"
      ? ((await kube.listJobsEverywhere(RUN_LABEL)) ?? [])
      : (await Promise.all(namespaces.map((ns) => kube.listJobs(ns, RUN_LABEL).catch(() => [])))).flat();
  const removed: string[] = [];
  for (const job of owners) {
    const expires = Number(job.metadata.annotations?.[EXPIRES_ANNOTATION]);
    const id = job.metadata.labels?.[RUN_LABEL];
    const ns = job.metadata.namespace;
    if (!id || !ns || !(expires * 1000 <= now)) continue;
    await kube.delete("Job", ns, job.metadata.name);
    const pods = await kube.listPods(ns, `${RUN_LABEL}=${id}`);
    await Promise.all(pods.map((p) => kube.delete("Pod", ns, p.metadata.name)));
    removed.push(id);
  }
  if (removed.length) log.info({ runs: removed }, "removed stale probe runs");
  return removed;
}
