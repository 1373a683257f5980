import type { Informer, KubeConfig, KubernetesObject, ObjectCache } from "@kubernetes/client-node";
import type { Finding } from "@/lib/contract/schema";
import type { KubeObject } from "@/lib/k8s/objects";
import { asSnapshotObject, type ClusterSnapshot, emptySnapshot } from "@/lib/k8s/snapshot";
import { parsedAnnotations } from "@/lib/topology/pod-annotations";
import type { ListRead } from "@/lib/wire/first-read";
import type { SourceStatus } from "@/lib/wire/payload";
import { boundedInformer } from "./credentials";
import { describeApiError } from "./errors";
import { listFn } from "./list-fn";
import { resourcePath, type WatchedResource } from "./resources";

// The live source's parts (one per kind, and per fallback namespace) and what they add up to: its status and its
// snapshot. Pure functions of the parts, so LiveSource keeps only the watching.

export type PartState =
  | { kind: "pending" }
  | { kind: "synced" }
  | { kind: "absent" }
  /**
   * `lost`: it was synced before, so access was taken away while the user watched; `regained`: an access review
   * says it may be listed again, and it is being read
   */
  | { kind: "forbidden"; message: string; lost?: string; regained?: string }
  | { kind: "error"; message: string; since: string };

export type PartInformer = Informer<KubernetesObject> & ObjectCache<KubernetesObject>;

export interface Part {
  resource: WatchedResource;
  namespace?: string;
  /** the kubeconfig context read, named in its errors when the server reads several */
  context?: string;
  informer: PartInformer;
  state: PartState;
  /** had a complete list once: its objects are the last good picture */
  everSynced: boolean;
  attempt: number;
  /** 429s ("come back later") in a row before its first read: see retry.ts */
  throttled?: number;
  timer?: NodeJS.Timeout;
  /** informer.start() is under way: a retry now would start it twice */
  starting: boolean;
  /** reads started because an access review allowed the part again since it was last read, and when the next may */
  regains?: number;
  regainAt?: number;
  /** shown to this identity by a shared source it left (when): refused now, it is access lost */
  shown?: string;
  /** when the API server last began refusing it (a refusal that follows no read is reviewed only for a while) */
  refusedAt?: number;
}

/** Each informer's List: items read so far, counted as they stream in, set back to 0 when it lists again. */
const listed = new WeakMap<PartInformer, { items: number }>();

export type PartErrorHandler = (informer: PartInformer, err: unknown) => void;

/** A part's informer: its changes call `changed`, its errors `onError` (with the informer, which may be replaced). */
export function partInformer(
  kc: KubeConfig,
  what: {
    resource: WatchedResource;
    namespace?: string;
    timeoutSeconds: number;
    stamps: Stamps;
    /** each object of the List as it is read, stamped */
    streamed?: ((obj: KubeObject) => void) | undefined;
  },
  /** each add, update and delete, after the informer's cache took it (`gone`: a delete) */
  changed: (informer: PartInformer, raw: KubernetesObject, gone: boolean) => void,
  onError: PartErrorHandler,
): PartInformer {
  const { resource, namespace, timeoutSeconds, stamps, streamed } = what;
  const count = { items: 0 };
  // Bounded watches (authorised afresh every timeout); event parts watch one reason each (a field selector).
  // Each item is stamped as it is read, while the rest of the list is still on its way.
  const read = listFn(kc, resource, namespace, (item) => {
    count.items++;
    const stamped = stamp(item, resource, stamps);
    if (stamped) streamed?.(stamped);
  });
  // a List read again (a retry, a relist) counts from 0: the count is of one List, never of two added up
  const list: typeof read = () => {
    count.items = 0;
    return read();
  };
  const informer = boundedInformer(kc, resourcePath(resource, namespace), list, {
    timeoutSeconds,
    kind: resource.kind,
    fieldSelector: resource.fieldSelector,
    labelSelector: resource.labelSelector,
  });
  listed.set(informer, count);
  informer.on("add", (raw) => changed(informer, raw, false));
  informer.on("update", (raw) => changed(informer, raw, false));
  informer.on("delete", (raw) => changed(informer, raw, true));
  informer.on("error", (err: unknown) => onError(informer, err));
  return informer;
}

type Stamps = WeakMap<KubernetesObject, KubeObject | null>;

/** The parts' Lists as the page is told of them before the first picture (lib/wire/first-read.ts); done: none pending. */
export function partsLists(parts: readonly Part[]): { lists: ListRead[]; done: boolean } {
  return { lists: parts.map(listRead), done: !parts.some((p) => p.state.kind === "pending") };
}

function listRead(p: Part): ListRead {
  const { resource, namespace, state } = p;
  const kind = state.kind;
  return {
    resource: resource.resource,
    ...(namespace ? { namespace } : {}),
    items: listed.get(p.informer)?.items ?? 0,
    state:
      kind === "pending"
        ? "reading"
        : kind === "synced"
          ? "read"
          : kind === "forbidden"
            ? "refused"
            : kind === "error"
              ? "failed"
              : "absent",
  };
}

/** A part the API server (or an access review) refused: what is shown instead, and since when it was lost. */
export function forbiddenState(part: Part, err: unknown, fallback: readonly string[]): PartState {
  const { resource, namespace } = part;
  const message =
    describeApiError(
      "list",
      resource.resource,
      { namespace, namespaced: resource.namespaced, context: part.context },
      err,
    ) +
    (fallback.length
      ? `; showing namespace${fallback.length > 1 ? "s" : ""} ${fallback.join(", ")} only`
      : `; ${resource.resource} are left out`);
  const lost =
    part.state.kind === "forbidden"
      ? part.state.lost
      : part.everSynced || part.shown
        ? new Date().toISOString()
        : undefined;
  return { kind: "forbidden", message, ...(lost ? { lost } : {}) };
}

/** A part that failed otherwise (network, 5xx): its last picture stays, stale since the first failure. */
export function errorState(part: Part, err: unknown): PartState {
  const { resource, namespace } = part;
  const verb = part.everSynced ? "watch" : "list";
  const scope = { namespace, namespaced: resource.namespaced, context: part.context };
  const message = describeApiError(verb, resource.resource, scope, err);
  return { kind: "error", message, since: part.state.kind === "error" ? part.state.since : new Date().toISOString() };
}

/**
 * The kind may be listed cluster-wide again (RBAC restored): the per-namespace parts that stood in for it go (from
 * `parts`, in place), or every object in those namespaces would be there twice.
 */
export async function dropFallbacks(parts: Part[], resource: WatchedResource): Promise<void> {
  const fallbacks = parts.filter((p) => p.resource === resource && p.namespace);
  if (fallbacks.length === 0) return;
  parts.splice(0, parts.length, ...parts.filter((p) => !fallbacks.includes(p)));
  for (const p of fallbacks) {
    clearTimeout(p.timer);
    await p.informer.stop();
  }
}

/** The source's status: connecting, failed, stale (the reason of the first broken part) or live. */
export function partsStatus(parts: readonly Part[], liveSince: string | null): SourceStatus {
  const errored = parts.flatMap((p) => (p.state.kind === "error" ? [p.state] : []));
  // Access taken away is said at once, even while the namespaces standing in are still being read.
  const [lost] = parts.flatMap((p) =>
    p.state.kind === "forbidden" && p.state.lost && !coveredByFallback(p, parts) ? [p.state] : [],
  );
  const pending = parts.some((p) => p.state.kind === "pending");
  if (pending && errored.length === 0 && !lost) return { state: "connecting" };
  if (errored.length > 0) {
    const [first] = errored;
    if (!first) return { state: "connecting" };
    const reason = errored.length > 1 ? `${first.message} (and ${errored.length - 1} more)` : first.message;
    if (!parts.some((p) => p.everSynced)) return { state: "failed", reason };
    return { state: "stale", since: first.since, reason };
  }
  // Live means every part is synced now: a part whose access was taken away makes the picture degraded.
  // (Cluster-wide parts that lose access fall back to namespaces or leave their kind out, named in a finding.)
  if (lost?.lost)
    return { state: "stale", since: lost.lost, reason: `${lost.message}; its objects are no longer shown` };
  // Access granted again (an access review says so) but not read yet: the picture lacks what the identity may list.
  const [regained] = parts.flatMap((p) => (p.state.kind === "forbidden" && p.state.regained ? [p.state] : []));
  if (regained?.regained)
    return { state: "stale", since: regained.regained, reason: `${regained.message}; access is back, reading again` };
  return { state: "live", since: liveSince ?? new Date().toISOString() };
}

/**
 * A cluster-wide part that lost access is covered when every namespace standing in for it is read: the picture is
 * then what the identity may list now. With no fallback, or fallbacks refused too, what was shown is simply gone.
 */
function coveredByFallback(p: Part, parts: readonly Part[]): boolean {
  if (p.namespace) return false;
  const fallbacks = parts.filter((f) => f.resource === p.resource && f.namespace);
  return fallbacks.length > 0 && fallbacks.every((f) => f.state.kind === "synced");
}

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
    // a pod's annotations parsed now, while the rest of its List is still on its way, not by the store's build
    if (stamped && resource.slot === "pods") parsedAnnotations(stamped);
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
  return { ...snap, ...partsState(parts) };
}

/** What the parts' states say beside their objects: the notes, the kinds absent, the kinds not fully read. */
export function partsState(parts: readonly Part[]): Pick<ClusterSnapshot, "notes" | "absent" | "incomplete"> {
  return {
    notes: partsNotes(parts),
    absent: [...new Set(parts.filter((p) => p.state.kind === "absent").map((p) => p.resource.resource))],
    incomplete: [
      ...new Set(
        parts.filter((p) => p.state.kind !== "synced" && p.state.kind !== "absent").map((p) => p.resource.resource),
      ),
    ],
  };
}

function partsNotes(parts: readonly Part[]): Finding[] {
  const notes: Finding[] = [];
  const absent = new Set<string>();
  for (const p of parts) {
    const s = p.state;
    if (s.kind === "absent" && p.resource.absentMessage && !absent.has(p.resource.kind)) {
      absent.add(p.resource.kind);
      notes.push({ severity: "info", code: "feature-absent", message: p.resource.absentMessage, elements: [] });
    } else if (s.kind === "forbidden" && !s.regained) {
      // (a part whose access is back is being read again: its refusal is no longer true)
      // A cluster-wide part that lost access falls back to namespaces, and its message already says so.
      const message =
        s.lost && !coveredByFallback(p, parts)
          ? `${s.message} (access lost at ${s.lost}: its objects are no longer shown)`
          : s.message;
      // one note per refusal, however many parts (event reasons) it stopped
      if (!notes.some((n) => n.message === message))
        notes.push({ severity: "warning", code: "source-degraded", message, elements: [] });
    }
  }
  return notes;
}

/**
 * The namespaces whose objects of `resource` are read: "all" unless the kind is refused cluster-wide, then the
 * fallback namespaces read now (none: nothing of that kind is known).
 */
export function partsReadScope(parts: readonly Part[], resource: string): "all" | string[] {
  const wide = parts.find((p) => p.resource.resource === resource && !p.namespace);
  if (wide?.state.kind !== "forbidden") return "all";
  return parts.flatMap((p) =>
    p.resource.resource === resource && p.namespace && p.state.kind === "synced" ? [p.namespace] : [],
  );
}
