import { setImmediate as nextTurn } from "node:timers/promises";
import { SearchFill } from "@/lib/store/search-fill";
import { hasParts, partsOf } from "@/lib/store/shard-summary";
import type { Commit } from "@/lib/store/store";
import { TopologyStore } from "@/lib/store/store";
import type { ClusterSource } from "./sources/types";

/** Shards built per turn of the event loop: a 40-pod node is about a millisecond, so a turn stays a few ms. */
const SHARDS_PER_TURN = 4;
/** Watch events arriving within this window are taken in together. */
const COALESCE_MS = 10;
/**
 * How long the feed has been idle (no change taken in) before it makes the shards' view parts ahead, then fills the
 * search index: the first namespace or network view then finds the parts made instead of making them for every shard
 * it reads (partsOf: the most of a first namespace pick at 20k, docs/performance.md "A new view's first message"), and
 * the first search finds the index filled. After a cold start's build, not during it: the first picture comes first.
 */
const AHEAD_AFTER_MS = 1000;
/** Shards whose parts are made per turn of the event loop: 0.2–1 ms each at 20k. */
const PARTS_PER_TURN = 4;
/** Shards read into the search index per idle turn: ~1 ms each at 20k (~150 elements). */
const INDEX_PER_TURN = 4;

type FeedListener = (commit: Commit | null) => void;

/**
 * Keeps one source's topology up to date by parts, off the request path: a burst of watch events is taken in
 * at once, the shards it touches are rebuilt a few per turn of the event loop, and the result becomes visible
 * at once (commit). Listeners hear every commit, and every status change (commit null).
 */
export class TopologyFeed {
  /** the store the source's first round streamed into (live sources), else a new one */
  readonly store: TopologyStore;
  /** the store's search index, filled while the feed is idle (or by the first search), then kept by each commit */
  readonly search: SearchFill;
  private synced = -1;
  private running = false;
  private again = false;
  private waiters: { revision: number; resolve: () => void }[] = [];
  private readonly listeners = new Set<FeedListener>();
  private statusJson = "";
  private ahead: ReturnType<typeof setTimeout> | undefined = undefined;
  /** bumps whenever the source's status (live, stale, …) changes, which no element revision records */
  statusSeq = 0;
  /**
   * Nothing is built before the source's first round is in: every reader waits for it (`current`), and a store built
   * from the kinds listed first (500 nodes without their pods) would be built again when the pods came, on the thread
   * that is still reading them.
   */
  private firstRound = false;

  /** the first build: waiting for the first round, its shards while they are built, then done */
  private first: "waiting" | { of: number } | "done" = "waiting";

  /** The first build: its hosts (shards) built so far of all, "waiting" for its first turn, or "done" (committed). */
  firstBuild(): { built: number; of: number } | "waiting" | "done" {
    if (typeof this.first === "string") return this.first;
    const left = this.store.shardsToBuild();
    // (the network stage, built by the first step, may add shards to build after `of` was read)
    this.first.of = Math.max(this.first.of, left);
    return { built: this.first.of - left, of: this.first.of };
  }

  constructor(readonly source: ClusterSource) {
    this.store = source.takeFirstStore?.() ?? new TopologyStore();
    this.search = new SearchFill(this.store);
    source.subscribe(() => this.kick());
    void source.ready().then(() => {
      this.firstRound = true;
      this.kick();
    });
  }

  /** Resolves once the store holds the source as it is now (its first complete read included). */
  async current(): Promise<void> {
    await this.source.ready();
    this.firstRound = true;
    const revision = this.source.revision();
    if (this.synced >= revision) return;
    this.kick();
    await new Promise<void>((resolve) => this.waiters.push({ revision, resolve }));
  }

  listen(fn: FeedListener): () => void {
    this.listeners.add(fn);
    return () => this.listeners.delete(fn);
  }

  private kick(): void {
    if (!this.firstRound) return;
    if (this.running) {
      this.again = true;
      return;
    }
    this.running = true;
    setTimeout(() => void this.run(), COALESCE_MS);
  }

  private async run(): Promise<void> {
    try {
      do {
        this.again = false;
        const revision = this.source.revision();
        this.store.sync(this.source.snapshot());
        if (this.first === "waiting") this.first = { of: this.store.shardsToBuild() };
        while (this.store.step(SHARDS_PER_TURN)) await nextTurn();
        const commit = this.store.commit();
        this.first = "done";
        this.synced = revision;
        const status = JSON.stringify(this.source.status());
        if (status !== this.statusJson) {
          this.statusJson = status;
          this.statusSeq++;
        }
        if (commit) this.search.commit(commit);
        for (const fn of [...this.listeners]) fn(commit);
        this.wake(false);
      } while (this.again || this.synced !== this.source.revision());
    } finally {
      this.running = false;
      this.wake(true);
      clearTimeout(this.ahead);
      this.ahead = setTimeout(() => void this.workAhead(), AHEAD_AFTER_MS);
      // (a process, a test or the command line, is never held open for it)
      this.ahead.unref?.();
    }
  }

  /**
   * Makes the view parts of every shard that has none (a shard rebuilt by a change has none), then fills the search
   * index, a few shards per turn, while no change is being taken in: a run that starts stops it (the index keeps its
   * place), and schedules it again when it ends. Views and searches are answered between the turns.
   */
  private async workAhead(): Promise<void> {
    let made = 0;
    for (const name of [...this.store.shardNames()]) {
      if (this.running) return;
      const r = this.store.shard(name);
      if (!r || hasParts(r)) continue;
      partsOf(r);
      if (++made % PARTS_PER_TURN === 0) await nextTurn();
    }
    while (!this.running && this.search.step(INDEX_PER_TURN)) await nextTurn();
  }

  /** Wakes the readers the store has caught up with (all of them when the run ends, even by an error). */
  private wake(all: boolean): void {
    const ready = this.waiters.filter((w) => all || w.revision <= this.synced);
    this.waiters = this.waiters.filter((w) => !ready.includes(w));
    for (const w of ready) w.resolve();
  }
}

const feeds = new WeakMap<ClusterSource, TopologyFeed>();

/** The one feed of a source, however many tabs read it (members of an access group: their group's, see picture). */
export function feedOf(of: ClusterSource): TopologyFeed {
  const source = of.picture?.() ?? of;
  let feed = feeds.get(source);
  if (!feed) {
    feed = new TopologyFeed(source);
    feeds.set(source, feed);
  }
  return feed;
}
