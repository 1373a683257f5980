import type { ClusterSnapshot } from "@/lib/k8s/snapshot";
import type { TopologyStore } from "@/lib/store/store";
import type { ListRead } from "@/lib/wire/first-read";
import type { SourceInfo, SourceStatus } from "@/lib/wire/payload";
import type { ProbedLinks } from "../node-links/probed-links";

// Sources hold what "Inspect node links" found (server/node-links/probed-links.ts).
export { ProbedLinks } from "../node-links/probed-links";

import type { ProbeKube } from "../probes/kube";
import type { ClusterWriter } from "../writers/types";

/** One place the cluster's objects come from: the demo, a snapshot file, or a live API server. */
export interface ClusterSource {
  readonly info: SourceInfo;
  /** bumps on every change of snapshot or status */
  revision(): number;
  snapshot(): ClusterSnapshot;
  status(): SourceStatus;
  /** resolves once the first complete read is in (or failed), so the first answer is not an empty graph */
  ready(): Promise<void>;
  /** the listener is called after every change; returns the unsubscribe function */
  subscribe(listener: () => void): () => void;
  close(): Promise<void>;
  /** why the API server stopped accepting the source's credentials (401): it reads nothing more */
  signedOut?(): string | null;
  /** why the server closed this source while it was in use (it made room for another identity) */
  retired?(): string | null;
  /** closes the source while views hold it: they end with `reason` and reopen on a new one */
  retire?(reason: string): Promise<void>;
  /** where writes go; null for read-only sources (a snapshot file) */
  writer(): ClusterWriter | null;
  /**
   * Probe pods run as this source's identity (server/probes/); absent for sources that are no cluster (demo,
   * snapshot), null for the read-only service account.
   */
  prober?(): ProbeKube | null;
  /**
   * The namespaces whose objects of `resource` (e.g. "network-attachment-definitions") were read: "all", or only
   * these when the identity may not list the kind cluster-wide. Absent: everything the source has was read.
   */
  readScope?(resource: string): "all" | string[];
  /** what "Inspect node links" found (live sources only): stands in for missing or stale NodeNetworkStates */
  readonly probedLinks?: ProbedLinks;
  /**
   * The source whose picture (snapshot and status) equals this one's right now, so their tabs may read one store
   * (`feedOf`): an access group's member answers its group's source while nothing it is shown is its own alone.
   * Absent: itself. It may change: readers follow it (server/shown-feed.ts).
   */
  picture?(): ClusterSource;
  /**
   * Each List's items read so far and whether the first round is over (live sources: what the page shows before
   * the first picture). Absent: a source with nothing to list (the demo, a file).
   */
  lists?(): { lists: ListRead[]; done: boolean };
  /** the store its first round was built into as it streamed in (live sources), once: its feed builds on it */
  takeFirstStore?(): TopologyStore | undefined;
}

/** A tiny synchronous emitter shared by the sources. */
export class Listeners {
  private readonly set = new Set<() => void>();
  add(fn: () => void): () => void {
    this.set.add(fn);
    return () => this.set.delete(fn);
  }
  emit(): void {
    for (const fn of [...this.set]) fn();
  }
  private queued = false;
  /** Emits once, after the code running now: a burst of changes is heard as one. */
  emitSoon(): void {
    if (this.queued) return;
    this.queued = true;
    queueMicrotask(() => {
      this.queued = false;
      this.emit();
    });
  }
  get size(): number {
    return this.set.size;
  }
}
