import { compareCodePoints } from "../compare";
import { KIND_ORDER } from "../contract/kind-order";
import type { Topology, TopologyElement } from "../contract/schema";
import type { TopologyStore } from "./store";
import { catalogOf } from "./view";

/**
 * What the network and attach forms read of the cluster: every network (the attach picker, overlapping ranges), every
 * host with the NICs NodeNetworkState reports and every bridge (the master, device and bridge pickers), and the
 * namespaces. No pod, interface or link: at 20,000 pods those are nearly all of the topology, and no form reads them.
 */
export interface FormTopology {
  topology: Topology;
  /** every namespace of a pod or a network, as the toolbar's catalogue has them */
  namespaces: string[];
}

/** The kinds a form reads from a host's shard. */
const FROM_SHARDS = new Set<TopologyElement["kind"]>(["host", "bridge"]);
const cache = new WeakMap<TopologyStore, { revision: number; value: FormTopology }>();

/** The forms' part of the topology: exactly the full topology's hosts, bridges and networks, computed once per revision. */
export function formTopology(store: TopologyStore): FormTopology {
  const hit = cache.get(store);
  if (hit?.revision === store.revision) return hit.value;
  const elements: TopologyElement[] = store.networks().filter((e) => e.kind === "network");
  for (const name of store.shardNames())
    for (const el of store.shard(name)?.elements.values() ?? []) if (FROM_SHARDS.has(el.kind)) elements.push(el);
  elements.sort((a, b) => KIND_ORDER[a.kind] - KIND_ORDER[b.kind] || compareCodePoints(a.id, b.id));
  const value = { topology: { elements, links: [], findings: [] }, namespaces: catalogOf(store).namespaces };
  cache.set(store, { revision: store.revision, value });
  return value;
}
