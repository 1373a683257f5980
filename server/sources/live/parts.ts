import type { Informer, KubernetesObject, ObjectCache } from "@kubernetes/client-node";
import type { KubeObject } from "@/lib/k8s/objects";
import { asSnapshotObject, type ClusterSnapshot, emptySnapshot } from "@/lib/k8s/snapshot";
import type { SourceStatus } from "@/lib/topology/payload";
import type { Finding } from "@/lib/topology/schema";
import type { WatchedResource } from "./resources";

// The live source's parts (one per kind, and per fallback namespace) and what they add up to: its status and its
// snapshot. Pure functions of the parts, so LiveSource keeps only the watching.

export type PartState =
  | { kind: "pending" }
  | { kind: "synced" }
  | { kind: "absent" }
  | { kind: "forbidden"; message: string }
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
  return { state: "live", since: liveSince ?? new Date().toISOString() };
}

/** The objects of every part, with the notes (absent features, forbidden kinds) and the kinds not fully read. */
export function partsSnapshot(parts: readonly Part[]): ClusterSnapshot {
  const snap = emptySnapshot();
  // While a kind changes between cluster-wide and per-namespace watches (RBAC revoked or restored), one object can
  // sit in two parts' caches: it is taken once, from the part listed first (the cluster-wide one).
  const seen = new Set<string>();
  for (const part of parts) {
    const { resource } = part;
    for (const raw of part.informer.list()) {
      const obj = asSnapshotObject(raw, { apiVersion: resource.apiVersion, kind: resource.kind });
      if (typeof obj === "string") continue;
      const key = `${resource.slot}|${obj.metadata.namespace ?? ""}|${obj.metadata.name}`;
      if (seen.has(key)) continue;
      seen.add(key);
      // Typed lists carry no apiVersion/kind on their items; watch events do. Stamp them alike.
      const stamped: KubeObject = { ...obj, apiVersion: resource.apiVersion, kind: resource.kind };
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
    } else if (s.kind === "forbidden" && !notes.some((n) => n.message === s.message)) {
      // one note per refusal, however many parts (event reasons) it stopped
      notes.push({ severity: "warning", code: "source-degraded", message: s.message, elements: [] });
    }
  }
  return notes;
}
