import { appendAll } from "../append";
import { compareCodePoints } from "../compare";
import { hostId, podIdOfRef, refOf } from "../contract/ids";
import { KIND_ORDER } from "../contract/kind-order";
import type { Finding, Topology, TopologyElement, TopologyLink } from "../contract/schema";
import { type Criteria, filterTopology } from "../match/filter";
import { pastMatrixThresholds } from "../overview/thresholds";
import type { ShardResult } from "./shard";
import { mayHold, summaryOf } from "./shard-summary";
import type { TopologyStore } from "./store";

/** No criterion: the whole cluster. */
export const isEmpty = (c: Criteria): boolean => !c.namespace && !c.network && !c.host && !c.pod;

/** Whether the unfiltered cluster view is served as the overview rather than as its elements. */
export const isOverviewScale = (store: TopologyStore): boolean => pastMatrixThresholds(store.counts());

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
    for (const name of store.shardNames()) {
      const r = store.shard(name);
      if (r && mayHold(r, c) && podsOf(r, c, elements, links)) drawn.add(name);
    }
  const findings = findingsFor(store, drawn);
  return { topology: ordered(filterTopology({ elements, links, findings }, c)), shards: drawn };
}

/**
 * Every finding a view drawing `drawn` can keep, in store.findings() order: the cluster-wide ones, every finding of
 * a drawn shard, and of the others those that name nothing or something outside their shard (one about a pod
 * elsewhere also names its network, which this view may keep).
 */
function findingsFor(store: TopologyStore, drawn: ReadonlySet<string>): Finding[] {
  const all = store.globalFindings();
  for (const name of store.shardNames()) {
    const r = store.shard(name);
    if (r) appendAll(all, drawn.has(name) ? r.findings : summaryOf(r).outward);
  }
  return all;
}

/**
 * The pods of one shard that a namespace or network criterion can keep, with what they hang off (found in the
 * shard's summary, not by a scan of its pods); false if none. Of the shard's links only those filterTopology can
 * keep: a link of a picked pod or interface, or one between points.
 */
function podsOf(r: ShardResult, c: Criteria, elements: TopologyElement[], links: TopologyLink[]): boolean {
  const s = summaryOf(r);
  const candidates = c.network ? s.podsByNetwork.get(c.network) : s.podsByNamespace.get(c.namespace ?? "");
  const picked = new Set<TopologyLink>();
  let any = false;
  for (const podId of candidates ?? []) {
    const pod = r.elements.get(podId);
    if (pod?.kind !== "pod" || (c.namespace && pod.namespace !== c.namespace)) continue;
    any = true;
    for (const id of r.pods.get(podId) ?? []) {
      const el = r.elements.get(id);
      if (el) elements.push(el);
      for (const l of s.podLinks.get(id) ?? []) picked.add(l);
    }
  }
  if (!any) return false;
  // The host and its points come along; filterTopology keeps only those a kept interface hangs off.
  appendAll(elements, s.points);
  appendAll(links, s.pointLinks);
  for (const l of picked) links.push(l);
  return true;
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
const catalogs = new WeakMap<TopologyStore, { revision: number; value: Catalog; json: string }>();

/** The toolbar's lists, computed once per store revision however many views ask. */
export function catalogOf(store: TopologyStore): Catalog {
  return catalogEntry(store).value;
}

/** catalogOf as JSON, made once per revision (what a view compares with what it last sent). */
export function catalogJson(store: TopologyStore): string {
  return catalogEntry(store).json;
}

function catalogEntry(store: TopologyStore) {
  const hit = catalogs.get(store);
  if (hit?.revision === store.revision) return hit;
  const value = freshCatalog(store);
  const entry = { revision: store.revision, value, json: JSON.stringify(value) };
  catalogs.set(store, entry);
  return entry;
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
    if (!r) continue;
    if (r.elements.get(hostId(name))?.kind === "host") hosts.push(name);
    for (const ns of summaryOf(r).namespaces) namespaces.add(ns);
  }
  return { namespaces: [...namespaces].sort(), networks: networks.sort(), hosts: hosts.sort() };
}
