import { type SearchHit, searchTopology } from "@/lib/graph/search";
import type { TopologyStore } from "@/lib/topology/incremental/store";
import type { TopologyElement } from "@/lib/topology/schema";

const flat = new WeakMap<TopologyStore, { revision: number; elements: TopologyElement[] }>();

/** Every element of the store, gathered once per revision however many searches run against it. */
function elementsOf(store: TopologyStore): TopologyElement[] {
  const hit = flat.get(store);
  if (hit?.revision === store.revision) return hit.elements;
  const elements: TopologyElement[] = [...store.networks()];
  for (const name of store.shardNames()) {
    for (const el of store.shard(name)?.elements.values() ?? []) elements.push(el);
  }
  flat.set(store, { revision: store.revision, elements });
  return elements;
}

/**
 * The explorer's search, answered on the server over the whole cluster (the browser holds only its view). Each hit
 * names the host it lies on, so the explorer can open that host's view to show it.
 */
export function searchStore(store: TopologyStore, query: string, limit = 12): (SearchHit & { host?: string })[] {
  return searchTopology({ elements: elementsOf(store), links: [], findings: [] }, query, limit).map((hit) => {
    const host = store.hostOf(hit.id);
    return host ? { ...hit, host } : hit;
  });
}
