import type { Informer, KubernetesObject, ObjectCache } from "@kubernetes/client-node";
import type { Finding } from "@/lib/contract/schema";
import type { KubeObject } from "@/lib/k8s/objects";
import { asSnapshotObject, type ClusterSnapshot, emptySnapshot } from "@/lib/k8s/snapshot";
import type { SourceStatus } from "@/lib/wire/payload";
import type { WatchedResource } from "./resources";

// The live source's parts (one per kind, and per fallback namespace) and what they add up to: its status and its
// snapshot. Pure functions of the parts, so LiveSource keeps only the watching.

export type PartState =
  | { kind: "pending" }
  | { kind: "synced" }
  | { kind: "absent" }
  /** `lost`: it was synced before, so access was taken away while the user watched */
  | { kind: "forbidden"; message: string; lost?: string }
  | { kind: "error"; message: string; since: string };

export type PartInformer = Informer<KubernetesObject> & ObjectCache<KubernetesObject>;

export interface Part {
  resource: WatchedResource;
  namespace?: string;
  informer: PartInformer;
  state: PartState;
  /** had a complete list once: its objects are the last good picture */
  everSynced: boolean;
  attempt: number;
  timer?: NodeJS.Timeout;
  /** informer.start() is under way: a retry now would start it twice */
  starting: boolean;
}

/** The source's status: connecting, failed, stale (the reason of the first broken part) or live. */
export function partsStatus(parts: readonly Part[], liveSince: string | null): SourceStatus {
  const errored = parts.flatMap((p) => (p.state.kind === "error" ? [p.state] : []));
  if (parts.some((p) => p.state.kind === "pending") && errored.length === 0) return { state: "connecting" };
  if (errored.length > 0) {
    const [first] = errored;
    if (!first) return { state: "connecting" };
    const reason = errored.length > 1 ? `${first.message} (and ${errored.length - 1} more)` : first.message;
    if (!parts.some((p) => p.everSynced)) return { state: "failed", reason };
    return { state: "stale", since: first.since, reason };
  }
  // Live means every part is synced now: a part whose access was taken away makes the picture degraded.
  // (Cluster-wide parts that lose access fall back to namespaces or leave their kind out, named in a finding.)
  const [lost] = parts.flatMap((p) =>
    p.state.kind === "forbidden" && p.state.lost && !coveredByFallback(p) ? [p.state] : [],
  );
  if (lost?.lost)
    return { state: "stale", since: lost.lost, reason: `${lost.message}; its objects are no longer shown` };
  return { state: "live", since: liveSince ?? new Date().toISOString() };
}

/** Cluster-wide parts that lose access fall back to namespaces or leave their kind out, named in a finding. */
const coveredByFallback = (p: Part): boolean => !p.namespace;

/** An informer object as the snapshot holds it (null: not a valid object), made once per informer object. */
export function stamp(
  raw: KubernetesObject,
  resource: WatchedResource,
  stamps: WeakMap<KubernetesObject, KubeObject | null>,
): KubeObject | null {
  let stamped = stamps.get(raw);
  if (stamped === undefined) {
    const obj = asSnapshotObject(raw, { apiVersion: resource.apiVersion, kind: resource.kind });
    // Typed lists carry no apiVersion/kind on their items; watch events do. Stamp them alike.
    stamped = typeof obj === "string" ? null : { ...obj, apiVersion: resource.apiVersion, kind: resource.kind };
    stamps.set(raw, stamped);
  }
  return stamped;
}

/** The objects of every part, with the notes (absent features, forbidden kinds) and the kinds not fully read. */
export function partsSnapshot(
  parts: readonly Part[],
  /** stamped objects by informer object: the same object every time until the informer replaces it */
  stamps: WeakMap<KubernetesObject, KubeObject | null> = new WeakMap(),
): ClusterSnapshot {
  const snap = emptySnapshot();
  // While a kind changes between cluster-wide and per-namespace watches (RBAC revoked or restored), one object can
  // sit in two parts' caches: it is taken once, from the part listed first (the cluster-wide one).
  const seen = new Set<string>();
  for (const part of parts) {
    const { resource } = part;
    // Only what a part may read now (synced), or its last good picture while it reconnects (shown as stale):
    // a forbidden part's cache is never shown.
    if (part.state.kind !== "synced" && part.state.kind !== "error") continue;
    for (const raw of part.informer.list()) {
      const stamped = stamp(raw, resource, stamps);
      if (stamped === null) continue;
      const key = `${resource.slot}|${stamped.metadata.namespace ?? ""}|${stamped.metadata.name}`;
      if (seen.has(key)) continue;
      seen.add(key);
      if (resource.slot === "operatorNetwork") {
        if (stamped.metadata.name === "cluster") snap.operatorNetwork = stamped;
      } else {
        snap[resource.slot].push(stamped);
      }
    }
  }
  snap.notes = partsNotes(parts);
  snap.absent = [...new Set(parts.filter((p) => p.state.kind === "absent").map((p) => p.resource.resource))];
  snap.incomplete = [
    ...new Set(
      parts.filter((p) => p.state.kind !== "synced" && p.state.kind !== "absent").map((p) => p.resource.resource),
    ),
  ];
  return snap;
}

function partsNotes(parts: readonly Part[]): Finding[] {
  const notes: Finding[] = [];
  const absent = new Set<string>();
  for (const p of parts) {
    const s = p.state;
    if (s.kind === "absent" && p.resource.absentMessage && !absent.has(p.resource.kind)) {
      absent.add(p.resource.kind);
      notes.push({ severity: "info", code: "feature-absent", message: p.resource.absentMessage, elements: [] });
    } else if (s.kind === "forbidden") {
      // A cluster-wide part that lost access falls back to namespaces, and its message already says so.
      const message =
        s.lost && !coveredByFallback(p)
          ? `${s.message} (access lost at ${s.lost}: its objects are no longer shown)`
          : s.message;
      // one note per refusal, however many parts (event reasons) it stopped
      if (!notes.some((n) => n.message === message))
        notes.push({ severity: "warning", code: "source-degraded", message, elements: [] });
    }
  }
  return notes;
}
