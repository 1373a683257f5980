import type { Commit } from "./commit";
import { SearchIndex } from "./search-index";
import type { TopologyStore } from "./store";

/**
 * A store's search index, filled from the store a few shards at a time: ahead, while the server is idle, so that a
 * first search finds it ready (issue 26: 0.46 s at 20,000 pods, 3.6 s at 150,000 when the first search built it), or
 * at once by a search that finds it unfinished. Pure: the caller decides when each step runs.
 *
 * Every commit is taken in as it comes, whether the fill has started, is half-way or is done: before it starts there is
 * nothing to update (it reads the store as it is then); half-way, a commit's upserted elements are indexed as the store
 * has them now (a shard read later reads them again, which replaces their keys) and its removed ones dropped (a shard
 * read later no longer has them). So at every point the index holds exactly what the shards read so far and the commits
 * since hold, and once every shard is read, the whole store.
 */
export class SearchFill {
  readonly index: SearchIndex;
  /** the shards still to read; null before the first step */
  private left: string[] | null = null;
  private done = false;

  constructor(private readonly store: TopologyStore) {
    this.index = new SearchIndex((id) => store.element(id));
  }

  /** Whether the index holds the whole store. */
  get ready(): boolean {
    return this.done;
  }

  /** Takes in a commit of the store (every one, in order). */
  commit(commit: Commit): void {
    if (this.left !== null || this.done) this.index.update(commit.upserted, commit.removed);
  }

  /** Reads up to `shards` more shards into the index (the networks at the first step); true while some are left. */
  step(shards: number): boolean {
    if (this.done) return false;
    if (this.left === null) {
      this.index.update(
        this.store.networks().map((e) => e.id),
        [],
      );
      this.left = [...this.store.shardNames()].reverse();
    }
    for (let n = 0; n < shards; n++) {
      const name = this.left.pop();
      if (name === undefined) break;
      this.index.update(this.store.shard(name)?.elements.keys() ?? [], []);
    }
    if (this.left.length > 0) return true;
    this.done = true;
    this.left = null;
    return false;
  }
}
