import { appendAll } from "../append";
import { compareCodePoints } from "../compare";
import { hostId, podIdOfRef, refOf } from "../contract/ids";
import { KIND_ORDER } from "../contract/kind-order";
import type { Finding, Topology, TopologyElement, TopologyLink } from "../contract/schema";
import { type Criteria, filterTopology } from "../match/filter";
import { pastMatrixThresholds } from "../overview/thresholds";
import type { ShardResult } from "./shard";
import type { TopologyStore } from "./store";

/** No criterion: the whole cluster. */
export const isEmpty = (c: Criteria): boolean => !c.namespace && !c.network && !c.host && !c.pod;

/** Whether the unfiltered cluster view is served as the overview rather than as its elements. */
export const isOverviewScale = (store: TopologyStore): boolean => pastMatrixThresholds(store.counts());

/**
 * What the explorer draws for the criteria: exactly filterTopology(full topology, criteria), computed from the
 * shards that can hold a match (one host's shard; the pods of a namespace or on a network) instead of from all.
 */
export function viewTopology(store: TopologyStore, c: Criteria): Topology {
  const elements: TopologyElement[] = [...store.networks(), ...store.workloads()];
  const links: TopologyLink[] = [];
  // Every finding is a candidate: one about a pod elsewhere also names its network, which this view may keep.
  const findings: Finding[] = store.findings();
  const whole = (r: ShardResult) => {
    for (const el of r.elements.values()) elements.push(el);
    appendAll(links, r.links);
  };
  if (isEmpty(c)) {
    for (const name of store.shardNames()) {
      const r = store.shard(name);
      if (r) whole(r);
    }
    return ordered({ elements, links, findings });
  }
  if (c.host || c.pod) {
    const name = c.host ?? store.shardOfElement(podIdOfRef(c.pod ?? ""));
    const r = name === undefined ? undefined : store.shard(name);
    if (r) whole(r);
    return ordered(filterTopology({ elements, links, findings }, c));
  }
  for (const name of store.shardNames()) {
    const r = store.shard(name);
    if (r) podsOf(r, c, elements, links);
  }
  return ordered(filterTopology({ elements, links, findings }, c));
}

/** The pods of one shard that a namespace or network criterion can keep, with what they hang off. */
function podsOf(r: ShardResult, c: Criteria, elements: TopologyElement[], links: TopologyLink[]) {
  let any = false;
  for (const [podId, ids] of r.pods) {
    const pod = r.elements.get(podId);
    if (pod?.kind !== "pod" || (c.namespace && pod.namespace !== c.namespace)) continue;
    const parts = ids.flatMap((id) => r.elements.get(id) ?? []);
    if (c.network && !parts.some((e) => e.kind === "interface" && e.network === c.network)) continue;
    any = true;
    appendAll(elements, parts);
  }
  if (!any) return;
  // Points and the host come along; filterTopology keeps only those a kept interface hangs off.
  for (const el of r.elements.values()) if (el.kind !== "pod" && el.kind !== "interface") elements.push(el);
  appendAll(links, r.links);
}

function ordered(t: Topology): Topology {
  return {
    elements: [...t.elements].sort((a, b) => KIND_ORDER[a.kind] - KIND_ORDER[b.kind] || compareCodePoints(a.id, b.id)),
    links: [...t.links].sort((a, b) => compareCodePoints(a.id, b.id)),
    findings: t.findings,
  };
}

/** The choices the toolbar offers, for the whole cluster: namespaces, networks (namespace/name), host names. */
export type Catalog = { namespaces: string[]; networks: string[]; hosts: string[] };
const catalogs = new WeakMap<TopologyStore, { revision: number; value: Catalog }>();

/** The toolbar's lists, computed once per store revision however many views ask (it walks every pod). */
export function catalogOf(store: TopologyStore): Catalog {
  const hit = catalogs.get(store);
  if (hit?.revision === store.revision) return hit.value;
  const value = freshCatalog(store);
  catalogs.set(store, { revision: store.revision, value });
  return value;
}

function freshCatalog(store: TopologyStore): Catalog {
  const namespaces = new Set<string>();
  const networks: string[] = [];
  for (const n of store.networks()) {
    if (n.kind !== "network") continue;
    namespaces.add(n.namespace);
    networks.push(refOf(n));
  }
  const hosts: string[] = [];
  for (const name of store.shardNames()) {
    const r = store.shard(name);
    if (r?.elements.get(hostId(name))?.kind === "host") hosts.push(name);
    for (const id of r?.pods.keys() ?? []) {
      const pod = r?.elements.get(id);
      if (pod?.kind === "pod") namespaces.add(pod.namespace);
    }
  }
  return { namespaces: [...namespaces].sort(), networks: networks.sort(), hosts: hosts.sort() };
}
