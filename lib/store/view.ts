import { appendAll } from "../append";
import { compareCodePoints } from "../compare";
import { podIdOfRef, refOf } from "../contract/ids";
import { KIND_ORDER } from "../contract/kind-order";
import type { Finding, Topology, TopologyElement, TopologyLink } from "../contract/schema";
import { type Criteria, filterTopology } from "../match/filter";
import { pastMatrixThresholds } from "../overview/thresholds";
import { CATALOG_HOSTS } from "../wire/view-protocol";
import { summaryOf } from "./shard-summary";
import type { TopologyStore } from "./store";
import { shareOf } from "./view-share";
import { work } from "./work";

/** No criterion: the whole cluster. */
export const isEmpty = (c: Criteria): boolean => !c.namespace && !c.network && !c.host && !c.pod;

/** Whether the unfiltered cluster view is served as the overview rather than as its elements. */
export const isOverviewScale = (store: TopologyStore): boolean => pastMatrixThresholds(storeCounts(store));

/**
 * Hosts and pods, as the shard index counts them when shards are placed: not a pass over 2,000 shards per change
 * (27-52 ms of the cluster view's refresh at 150,000 pods at load 8-14, view-sizes.ts --profile).
 */
export function storeCounts(store: TopologyStore): { hosts: number; pods: number } {
  return { hosts: store.index.hosts.size, pods: store.index.pods };
}

/** A view's topology, with the shards it drew elements from (what a later commit must touch to change it). */
export interface DrawnView {
  topology: Topology;
  shards: ReadonlySet<string>;
}

/**
 * What the explorer draws for the criteria: exactly filterTopology(full topology, criteria), computed from the
 * shards that can hold a match (one host's shard; the shards holding pods of a namespace or on a network) instead of
 * from all, and of the other shards only the findings that can reach the view (ShardSummary.outward).
 */
export function viewTopology(store: TopologyStore, c: Criteria): Topology {
  return drawView(store, c).topology;
}

export function drawView(store: TopologyStore, c: Criteria): DrawnView {
  const elements: TopologyElement[] = [...store.networks(), ...store.workloads()];
  const links: TopologyLink[] = [];
  const drawn = new Set<string>();
  const whole = (name: string | undefined) => {
    const r = name === undefined ? undefined : store.shard(name);
    if (!r || name === undefined) return;
    drawn.add(name);
    for (const el of r.elements.values()) elements.push(el);
    appendAll(links, r.links);
  };
  if (isEmpty(c)) {
    for (const name of store.shardNames()) whole(name);
    return { topology: ordered({ elements, links, findings: store.findings() }), shards: drawn };
  }
  if (c.host || c.pod) whole(c.host ?? store.shardOfElement(podIdOfRef(c.pod ?? "")));
  else
    for (const name of store.index.shardsFor(c)) {
      const r = store.shard(name);
      const share = r && shareOf(r, c);
      if (!share) continue;
      drawn.add(name);
      appendAll(elements, share.elements);
      appendAll(links, share.links);
    }
  const findings = findingsFor(store, drawn);
  return { topology: ordered(filterTopology({ elements, links, findings }, c)), shards: drawn };
}

/**
 * Every finding a view drawing `drawn` can keep: the cluster-wide ones, every finding of a drawn shard, and of the
 * others those that name nothing or something outside their shard (one about a pod elsewhere also names its network,
 * which this view may keep), read only from the shards the index says have such findings.
 */
function findingsFor(store: TopologyStore, drawn: ReadonlySet<string>): Finding[] {
  const all = store.globalFindings();
  for (const name of drawn) appendAll(all, store.shard(name)?.findings ?? []);
  for (const name of store.index.outward) {
    const r = drawn.has(name) ? undefined : store.shard(name);
    if (!r) continue;
    work.outwardShards++;
    appendAll(all, summaryOf(r).outward);
  }
  return all;
}

function ordered(t: Topology): Topology {
  return {
    elements: [...t.elements].sort((a, b) => KIND_ORDER[a.kind] - KIND_ORDER[b.kind] || compareCodePoints(a.id, b.id)),
    links: [...t.links].sort((a, b) => compareCodePoints(a.id, b.id)),
    findings: t.findings,
  };
}

/** The choices the toolbar offers, for the whole cluster: namespaces, networks (namespace/name), host names. */
export type Catalog = { namespaces: string[]; networks: string[]; hosts: string[]; moreHosts?: number };
const catalogs = new WeakMap<TopologyStore, { key: [number, unknown]; value: Catalog; json: string }>();

/** The toolbar's lists, made again only when a namespace, a host or the networks came or went. */
export function catalogOf(store: TopologyStore): Catalog {
  return catalogEntry(store).value;
}

/** catalogOf as JSON, made with it (what a view compares with what it last sent). */
export function catalogJson(store: TopologyStore): string {
  return catalogEntry(store).json;
}

function catalogEntry(store: TopologyStore) {
  const hit = catalogs.get(store);
  const key: [number, unknown] = [store.index.version, store.networks()];
  if (hit && hit.key[0] === key[0] && hit.key[1] === key[1]) return hit;
  const value = freshCatalog(store);
  const entry = { key, value, json: JSON.stringify(value) };
  catalogs.set(store, entry);
  return entry;
}

function freshCatalog(store: TopologyStore): Catalog {
  work.catalogs++;
  const namespaces = new Set(store.index.namespaces());
  const networks: string[] = [];
  for (const n of store.networks()) {
    if (n.kind !== "network") continue;
    namespaces.add(n.namespace);
    networks.push(refOf(n));
  }
  const hosts = [...store.index.hosts].sort();
  const more = hosts.length > CATALOG_HOSTS ? { moreHosts: hosts.length - CATALOG_HOSTS } : {};
  return {
    namespaces: [...namespaces].sort(),
    networks: networks.sort(),
    hosts: hosts.slice(0, CATALOG_HOSTS),
    ...more,
  };
}
