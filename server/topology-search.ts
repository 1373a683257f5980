import type { SearchHit } from "@/lib/graph/search";
import { SearchIndex } from "@/lib/topology/incremental/search-index";
import type { TopologyFeed } from "./topology-feed";

const indexes = new WeakMap<TopologyFeed, SearchIndex>();

/** The search index of a feed: filled from the store once, then kept up to date by each commit. */
function indexOf(feed: TopologyFeed): SearchIndex {
  const index = indexes.get(feed);
  if (index) return index;
  const store = feed.store;
  const fresh = new SearchIndex((id) => store.element(id));
  const ids = store.networks().map((e) => e.id);
  for (const name of store.shardNames()) ids.push(...(store.shard(name)?.elements.keys() ?? []));
  fresh.update(ids, []);
  feed.listen((commit) => {
    if (commit) fresh.update(commit.upserted, commit.removed);
  });
  indexes.set(feed, fresh);
  return fresh;
}

/**
 * The explorer's search, answered on the server over the whole cluster (the browser holds only its view), from an
 * index. Each hit names the host it lies on, so the explorer can open that host's view to show it.
 */
export function searchFeed(feed: TopologyFeed, query: string, limit = 12): (SearchHit & { host?: string })[] {
  return indexOf(feed)
    .search(query, limit)
    .map((hit) => {
      const host = feed.store.hostOf(hit.id);
      return host ? { ...hit, host } : hit;
    });
}
