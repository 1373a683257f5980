import { appendAll } from "../append";
import { compareCodePoints } from "../compare";
import { KIND_ORDER } from "../contract/kind-order";
import type { Finding, Topology, TopologyElement, TopologyLink } from "../contract/schema";
import type { ShardResult } from "./shard";

/** What the whole topology is read from: the store's parts (TopologyStore has them). */
interface Parts {
  networks(): readonly TopologyElement[];
  workloads(): Iterable<TopologyElement>;
  globalFindings(): Finding[];
  shardNames(): Iterable<string>;
  shard(name: string): ShardResult | undefined;
}

/** The whole topology, in the full build's element and link order (TopologyStore.topology). */
export function wholeTopology(store: Parts): Topology {
  const elements: TopologyElement[] = [...store.networks(), ...store.workloads()];
  const links: TopologyLink[] = [];
  const findings = store.globalFindings();
  for (const name of store.shardNames()) {
    const r = store.shard(name);
    if (!r) continue;
    for (const el of r.elements.values()) elements.push(el);
    appendAll(links, r.links);
    appendAll(findings, r.findings);
  }
  elements.sort((a, b) => KIND_ORDER[a.kind] - KIND_ORDER[b.kind] || compareCodePoints(a.id, b.id));
  links.sort((a, b) => compareCodePoints(a.id, b.id));
  return { elements, links, findings };
}

/** How many elements and links wholeTopology would hold, counted without assembling it (what an answer's size follows). */
export function topologyItems(store: Parts): number {
  let n = store.networks().length;
  for (const _ of store.workloads()) n++;
  for (const name of store.shardNames()) {
    const r = store.shard(name);
    if (r) n += r.elements.size + r.links.length;
  }
  return n;
}
