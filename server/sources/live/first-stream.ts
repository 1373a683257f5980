import type { KubeObject } from "@/lib/k8s/objects";
import type { ClusterSnapshot, SnapshotSlot } from "@/lib/k8s/snapshot";
import { TopologyStore } from "@/lib/store/store";
import type { StreamBuild } from "@/lib/store/stream-build";
import type { Part } from "./parts";

/** The kinds a node's shard does not read while its pods are added: their lists may end after the pods began. */
const LATE: ReadonlySet<SnapshotSlot> = new Set(["pods", "events", "workloads", "ipPools", "ipReservations"]);

/** How long a store built during the first round waits for its feed (the first view) before it is dropped. */
const KEPT_MS = 60_000;

/**
 * With PLUMBLINE_STREAM_BUILD=true, the source's first round built into a store while it streams in
 * (lib/store/stream-build.ts; off by default: measured slower, docs/performance.md "Cold start"): once every kind a
 * node's shard reads besides pods is in, each pod of the pods' List is added to its node's shard as it is read,
 * while the rest of the List is still on its way, instead of after the last pod. The feed takes the store
 * (`take`); its first build takes each streamed shard whose inputs are still exactly its own and builds the rest.
 */
export class FirstStream {
  /** the store pods stream into, until the first round is over */
  private building: TopologyStore | null = new TopologyStore();
  /** the same, until a feed takes it or nobody did for KEPT_MS */
  private untaken: TopologyStore | null = this.building;
  /** (kept once the round is over: it counts what the store took of it) */
  private stream: StreamBuild | null = null;
  /** the pods read before the other kinds were in */
  private waiting: KubeObject[] = [];

  /** every kind a shard reads besides pods is in: the source's snapshot to start from, once a pod comes */
  private kindsIn: (() => ClusterSnapshot) | null = null;

  /** A pod of a pods List, as it is read (only a source that streams hands them: PLUMBLINE_STREAM_BUILD). */
  pod(pod: KubeObject): void {
    if (!this.building) return;
    if (!this.stream && this.kindsIn) this.start(this.building, this.kindsIn);
    if (this.stream) this.stream.add(pod);
    else this.waiting.push(pod);
  }

  /** The parts' states changed: the stream starts once the kinds shards read are in, and ends with the round. */
  check(parts: readonly Part[], snapshot: () => ClusterSnapshot): void {
    if (!this.building) return;
    const pending = parts.filter((p) => p.state.kind === "pending");
    if (pending.length === 0) {
      this.end();
    } else if (!this.kindsIn && pending.every((p) => LATE.has(p.resource.slot))) {
      this.kindsIn = snapshot;
      if (this.waiting.length) this.start(this.building, snapshot);
    }
  }

  private start(store: TopologyStore, snapshot: () => ClusterSnapshot): void {
    this.stream = store.streamFrom(snapshot());
    for (const pod of this.waiting) this.stream.add(pod);
    this.waiting = [];
  }

  /** The first round is over: nothing more streams in. */
  end(): void {
    if (!this.building) return;
    this.building = null;
    this.waiting = [];
    setTimeout(() => (this.untaken = null), KEPT_MS).unref?.();
  }

  /** How many shards the store's first build took from the stream (what tests count). */
  streamedShards(): number {
    return this.stream?.taken ?? 0;
  }

  /** The store built so far, once: the source's feed builds on it. */
  take(): TopologyStore | undefined {
    const store = this.untaken ?? undefined;
    this.untaken = null;
    return store;
  }
}
