import { setImmediate as nextTurn } from "node:timers/promises";
import type { SearchHit } from "@/lib/match/search";
import { SearchIndex } from "@/lib/store/search-index";
import type { Commit } from "@/lib/store/store";
import type { TopologyFeed } from "./topology-feed";

/** Shards indexed per turn of the event loop: ~150 elements each, so a turn stays a few milliseconds. */
const SHARDS_PER_TURN = 8;

const indexes = new WeakMap<TopologyFeed, Promise<SearchIndex>>();

/** The search index of a feed: built at the first search, then kept up to date by each commit. */
function indexOf(feed: TopologyFeed): Promise<SearchIndex> {
  let index = indexes.get(feed);
  if (!index) {
    index = buildIndex(feed);
    indexes.set(feed, index);
  }
  return index;
}

/**
 * Fills the index from the store a few shards per turn (20,000 pods take seconds: other requests go on meanwhile).
 * Commits that land during the build are applied once it is done; applying one again is harmless, since the index
 * reads each upserted element as the store has it now.
 */
async function buildIndex(feed: TopologyFeed): Promise<SearchIndex> {
  const store = feed.store;
  const index = new SearchIndex((id) => store.element(id));
  let during: Commit[] | null = [];
  feed.listen((commit) => {
    if (!commit) return;
    if (during) during.push(commit);
    else index.update(commit.upserted, commit.removed);
  });
  index.update(
    store.networks().map((e) => e.id),
    [],
  );
  const names = [...store.shardNames()];
  for (const [i, name] of names.entries()) {
    index.update(store.shard(name)?.elements.keys() ?? [], []);
    if (i % SHARDS_PER_TURN === SHARDS_PER_TURN - 1) await nextTurn();
  }
  for (const commit of during) index.update(commit.upserted, commit.removed);
  during = null;
  return index;
}

/**
 * The explorer's search, answered on the server over the whole cluster (the browser holds only its view), from an
 * index. Each hit names the host it lies on, so the explorer can open that host's view to show it.
 */
export async function searchFeed(
  feed: TopologyFeed,
  query: string,
  limit = 12,
): Promise<(SearchHit & { host?: string })[]> {
  const index = await indexOf(feed);
  return index.search(query, limit).map((hit) => {
    const host = feed.store.hostOf(hit.id);
    return host ? { ...hit, host } : hit;
  });
}
