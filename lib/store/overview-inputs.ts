import type { Finding, NetworkElement } from "../contract/schema";
import type { OverviewInputs } from "./overview-memo";
import type { ShardResult } from "./shard";

/** What the overview reads of the store (store.ts: its own methods). */
export interface OverviewSource {
  shardNames(): Iterable<string>;
  shard(name: string): ShardResult | undefined;
  shardOfElement(id: string): string | undefined;
  globalFindings(): Finding[];
}

/**
 * What the store's overview memo reads when it advances to a new revision: the shards' results, the networks
 * (`elements`), the cluster-wide findings and where an element lies (`networks`: the shard name the store files its
 * networks under).
 */
export function overviewInputs(
  store: OverviewSource,
  elements: readonly NetworkElement[],
  networks: string,
): OverviewInputs {
  const shards: [string, ShardResult][] = [];
  for (const name of store.shardNames()) {
    const result = store.shard(name);
    if (result) shards.push([name, result]);
  }
  const owner = (id: string) => store.shardOfElement(id) ?? networks;
  return {
    shards,
    networks: elements,
    global: () => store.globalFindings(),
    lookup: {
      shard: (id: string) => store.shard(owner(id)),
      shardName: owner,
      isNetwork: (id: string) => store.shardOfElement(id) === networks,
    },
  };
}
