import { setImmediate as nextTurn } from "node:timers/promises";
import type { SearchHit } from "@/lib/match/search";
import type { SearchIndex } from "@/lib/store/search-index";
import type { TopologyFeed } from "./topology-feed";

/** Shards indexed per turn of the event loop by a search that finds the index unfinished: a turn stays a few ms. */
const SHARDS_PER_TURN = 8;

/**
 * The feed's search index, filled: normally ahead, while the feed was idle (topology-feed.ts); a search that comes
 * before (right after a cold start, or while changes keep the feed busy) fills the rest itself, a few shards per turn,
 * so other requests go on meanwhile.
 */
async function indexOf(feed: TopologyFeed): Promise<SearchIndex> {
  while (feed.search.step(SHARDS_PER_TURN)) await nextTurn();
  return feed.search.index;
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
