import type { KubeObject } from "../k8s/objects";
import { isObject } from "../result";
import type { EventSpec, PodEvent } from "./schema";

/**
 * The event reasons that say something about a pod's secondary networks, and who writes them:
 * kubelet FailedCreatePodSandBox (the CNI ADD failed; the runtime's text carries Multus' and the plugin's error),
 * Multus AddedInterface ("Add net1 [ips] from ns/nad") and NoNetworkFound ("cannot find a
 * network-attachment-definition …"), ovn-kubernetes ErrorAddingLogicalPort (its layer-2/localnet secondary networks).
 */
export const NETWORK_EVENT_REASONS = [
  "FailedCreatePodSandBox",
  "AddedInterface",
  "NoNetworkFound",
  "ErrorAddingLogicalPort",
] as const;

/** Events kept per pod, newest first: enough to see the current failure and the attempts before it. */
export const EVENTS_PER_POD = 10;

const RELEVANT = new Set<string>(NETWORK_EVENT_REASONS);

/** The relevant events of each pod ("namespace/name"), newest first, at most EVENTS_PER_POD each. */
export function podNetworkEvents(events: readonly KubeObject[]): Map<string, PodEvent[]> {
  const byPod = new Map<string, PodEvent[]>();
  for (const e of events) {
    const spec = asEventSpec(e.spec);
    if (!spec) continue;
    const { regarding, ...event } = spec;
    if (regarding.kind !== "Pod" || !RELEVANT.has(event.reason)) continue;
    const key = `${regarding.namespace ?? e.metadata.namespace ?? "default"}/${regarding.name}`;
    const list = byPod.get(key) ?? [];
    list.push(event);
    byPod.set(key, list);
  }
  for (const [key, list] of byPod) {
    // ISO 8601 strings compare as times; undated events sort last
    list.sort((a, b) => (b.time ?? "").localeCompare(a.time ?? "") || a.message.localeCompare(b.message));
    byPod.set(key, list.slice(0, EVENTS_PER_POD));
  }
  return byPod;
}

/**
 * The spec eventSpec() wrote, checked by hand: a schema parse per event was most of this stage's time, and the
 * shape is ours (a hand-made object with some other spec is skipped, never trusted).
 */
function asEventSpec(v: unknown): EventSpec | null {
  if (!isObject(v) || !isObject(v.regarding)) return null;
  const { regarding, reason, type, message, count } = v;
  if (typeof regarding.kind !== "string" || typeof regarding.name !== "string") return null;
  if (typeof reason !== "string" || typeof type !== "string" || typeof message !== "string") return null;
  if (typeof count !== "number" || !Number.isSafeInteger(count) || count < 1) return null;
  if (v.time !== undefined && typeof v.time !== "string") return null;
  // biome-ignore lint/plugin: every field the topology reads was checked above (checked by hand: cheaper than zod per event)
  return v as EventSpec;
}
