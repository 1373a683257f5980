import { hostId, refOf } from "@/lib/contract/ids";
import type { TopologyElement } from "@/lib/contract/schema";
import { type Placement, placementOf } from "@/lib/graph/placement";
import type { TopologyStore } from "@/lib/store/store";

/**
 * Where a network's pods could land, over every host of the cluster: the browser holds only its view, and the view
 * of a network nobody uses yet has no hosts in it. Null when the network does not exist (any more).
 */
export function placementInStore(store: TopologyStore, network: string): Placement | null {
  const net = store.networks().find((e) => e.kind === "network" && refOf(e) === network);
  if (net?.kind !== "network") return null;
  const hosts: TopologyElement[] = [];
  for (const name of store.shardNames()) {
    const host = store.shard(name)?.elements.get(hostId(name));
    if (host) hosts.push(host);
  }
  return placementOf(net, { elements: hosts, links: [], findings: [] });
}
