import { compareCodePoints } from "../compare";
import type { Finding } from "../contract/schema";
import type { KubeObject } from "../k8s/objects";
import { isObject } from "../result";

/**
 * Network events read per namespace. A namespace's editor may create Events: without a bound, a flood of them
 * (issue 25: 16 KiB FailedCreatePodSandBox texts about one pod) is work for every rebuild of the hosts its pods are on,
 * and for everyone else's views there. Beyond the bound only the newest are read and the namespace's view says so:
 * the flood costs that namespace's picture, not the server. 10 events for each of 50 stuck pods fit.
 */
export const EVENTS_PER_NAMESPACE = 500;

const namespaceOf = (e: KubeObject): string => e.metadata.namespace ?? "default";
const timeOf = (e: KubeObject): string => (isObject(e.spec) && typeof e.spec.time === "string" ? e.spec.time : "");

/**
 * The events to read: every namespace's, but at most `max` per namespace, the newest (then by name: the same
 * ones whatever the input order), with a warning per namespace over the bound. Linear when no namespace is over it.
 */
export function boundEventsPerNamespace(
  events: readonly KubeObject[],
  max = EVENTS_PER_NAMESPACE,
): { events: readonly KubeObject[]; notes: Finding[] } {
  const counts = new Map<string, number>();
  for (const e of events) counts.set(namespaceOf(e), (counts.get(namespaceOf(e)) ?? 0) + 1);
  const over = [...counts].filter(([, n]) => n > max).map(([ns]) => ns);
  if (over.length === 0) return { events, notes: [] };
  const flooded = new Map<string, KubeObject[]>(over.map((ns) => [ns, []]));
  const kept: KubeObject[] = [];
  for (const e of events) (flooded.get(namespaceOf(e)) ?? kept).push(e);
  const notes: Finding[] = [];
  for (const ns of over.sort(compareCodePoints)) {
    const newest = (flooded.get(ns) ?? [])
      .sort((a, b) => compareCodePoints(timeOf(b), timeOf(a)) || compareCodePoints(a.metadata.name, b.metadata.name))
      .slice(0, max);
    for (const e of newest) kept.push(e);
    notes.push({
      severity: "warning",
      code: "source-degraded",
      message: `namespace ${ns} has ${counts.get(ns)} network events, more than the ${max} read per namespace: only the newest ${max} are shown`,
      elements: [],
    });
  }
  return { events: kept, notes };
}
