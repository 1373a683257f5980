import type { Finding, NetworkElement, Severity, TopologyElement } from "../contract/schema";
import { clusterOverview } from "../overview/cluster-overview";
import type { ClusterOverview, OverviewNetwork, ProblemCounts } from "../overview/schema";
import type { ShardResult } from "./shard";

/**
 * One node's share of the cluster overview: the aggregate of its shard alone (its own findings only), with the
 * networks its links and findings name. The others add nothing to its share (a network counts a pod, a finding or a
 * cell only through a link or a finding naming it), and all 200 in each of 500 shards' aggregates cost a cold start
 * a fifth of its overview.
 */
export function shardOverview(shard: ShardResult, networks: ReadonlyMap<string, NetworkElement>): ClusterOverview {
  const named = new Map<string, NetworkElement>();
  const take = (id: string): void => {
    const n = networks.get(id);
    if (n) named.set(id, n);
  };
  for (const l of shard.links) {
    take(l.source);
    take(l.target);
  }
  for (const f of shard.findings) for (const id of f.elements) take(id);
  return clusterOverview({
    elements: [...shard.elements.values(), ...named.values()],
    links: shard.links,
    findings: shard.findings,
  });
}

/** Where an element lies, for the findings that belong to no shard (duplicate addresses, NADs, pools). */
export interface Lookup {
  /** the shard that holds the element, undefined for networks and unknown ids */
  shard(id: string): ShardResult | undefined;
  isNetwork(id: string): boolean;
}

export const CELL = "\u0000";
export const zero = (): ProblemCounts => ({ error: 0, warning: 0, info: 0 });
export const plus = (a: ProblemCounts, b: ProblemCounts): ProblemCounts => ({
  error: a.error + b.error,
  warning: a.warning + b.warning,
  info: a.info + b.info,
});

/**
 * The overview's networks (namespace, name order) from the shards' sums and the cluster-wide findings' counts: pods
 * add up (a pod lies in one shard), as do the shards' own findings; the cluster-wide ones are counted once per
 * network they touch, as clusterOverview counts them.
 */
export function netsOf(
  networks: readonly NetworkElement[],
  sums: ReadonlyMap<string, { pods: number; problems: ProblemCounts }>,
  extra: ReadonlyMap<string, ProblemCounts>,
): OverviewNetwork[] {
  return [...networks]
    .sort((a, b) => cmp(a.namespace, b.namespace) || cmp(a.name, b.name) || cmp(a.id, b.id))
    .map((n) => {
      const sum = sums.get(n.id);
      return {
        id: n.id,
        namespace: n.namespace,
        name: n.name,
        type: typeOf(n),
        pods: sum?.pods ?? 0,
        problems: plus(sum?.problems ?? zero(), extra.get(n.id) ?? zero()),
      };
    });
}

export const cmp = (a: string, b: string): number => (a < b ? -1 : a > b ? 1 : 0);
const typeOf = (n: NetworkElement): string =>
  n.mainType && n.mainType !== "other" ? n.mainType : (n.cniType ?? "unknown");

export interface GlobalProblems {
  hosts: Map<string, ProblemCounts>;
  networks: Map<string, ProblemCounts>;
  cells: Map<string, ProblemCounts>;
}

/** What one cluster-wide finding touches, with the shards it was read from. */
interface FindingShare {
  shards: (ShardResult | undefined)[];
  hosts: Set<string>;
  networks: Set<string>;
  cells: Set<string>;
}
export type ProblemsMemo = Map<string, FindingShare>;

/**
 * The cluster-wide findings counted per host, network and cell. What each finding touches is kept until that
 * finding or a shard holding an element it names changes: a finding naming every host (an island split across
 * 500 nodes) is not walked again for each pod that changes elsewhere.
 */
export function globalProblems(
  global: readonly Finding[],
  lookup: Lookup,
  memo: ProblemsMemo = new Map(),
): { value: GlobalProblems; memo: ProblemsMemo } {
  const value: GlobalProblems = { hosts: new Map(), networks: new Map(), cells: new Map() };
  const next: ProblemsMemo = new Map();
  const bump = (m: Map<string, ProblemCounts>, key: string, s: Severity) => {
    const c = m.get(key) ?? zero();
    c[s]++;
    m.set(key, c);
  };
  for (const f of global) {
    let key = JSON.stringify(f);
    // the same finding twice counts twice
    while (next.has(key)) key += "+";
    const shards = f.elements.map((id) => lookup.shard(id));
    const was = memo.get(key);
    const share = was?.shards.every((sh, i) => sh === shards[i]) ? was : findingShare(f, shards, lookup);
    next.set(key, share);
    for (const k of share.hosts) bump(value.hosts, k, f.severity);
    for (const k of share.networks) bump(value.networks, k, f.severity);
    for (const k of share.cells) bump(value.cells, k, f.severity);
  }
  return { value, memo: next };
}

function findingShare(f: Finding, shards: (ShardResult | undefined)[], lookup: Lookup): FindingShare {
  const share: FindingShare = { shards, hosts: new Set(), networks: new Set(), cells: new Set() };
  for (const [i, id] of f.elements.entries()) {
    if (lookup.isNetwork(id)) share.networks.add(id);
    const shard = shards[i];
    const el = shard?.elements.get(id);
    if (!shard || !el) continue;
    const host = hostOf(el, shard);
    if (host) share.hosts.add(host);
    for (const net of networksOf(el, shard, lookup)) {
      share.networks.add(net);
      if (host) share.cells.add(`${host}${CELL}${net}`);
    }
  }
  return share;
}

function hostOf(el: TopologyElement, shard: ShardResult): string | undefined {
  let current: TopologyElement | undefined = el;
  for (let depth = 0; current && depth < 3; depth++) {
    if (current.kind === "host") return current.id;
    current = current.parent ? shard.elements.get(current.parent) : undefined;
  }
  return undefined;
}

/** A shard's links by what networksOf asks: each interface's network-link targets, each point's interfaces. */
interface LinkIndex {
  targets: Map<string, string[]>;
  attached: Map<string, string[]>;
}
const linkIndexes = new WeakMap<ShardResult, LinkIndex>();

/** Built once per shard result (a shard is rebuilt, never changed), in link order. */
function linkIndexOf(shard: ShardResult): LinkIndex {
  let index = linkIndexes.get(shard);
  if (index) return index;
  const fresh: LinkIndex = { targets: new Map(), attached: new Map() };
  const push = (m: Map<string, string[]>, k: string, v: string) => {
    const list = m.get(k);
    if (list) list.push(v);
    else m.set(k, [v]);
  };
  for (const l of shard.links) {
    if (l.kind === "network") push(fresh.targets, l.source, l.target);
    else if (l.kind === "attachment") push(fresh.attached, l.target, l.source);
  }
  linkIndexes.set(shard, fresh);
  index = fresh;
  return index;
}

/**
 * As clusterOverview reads it: an interface belongs to its NAD, a point to the NADs attached through it. Looked up
 * in the shard's link index: a finding naming many elements of a big shard would otherwise scan its links for each.
 */
function networksOf(el: TopologyElement, shard: ShardResult, lookup: Lookup): string[] {
  const index = linkIndexOf(shard);
  const netOf = (iface: string) => index.targets.get(iface)?.find((t) => lookup.isNetwork(t));
  if (el.kind === "interface") {
    const n = netOf(el.id);
    return n ? [n] : [];
  }
  return (index.attached.get(el.id) ?? []).flatMap((iface) => {
    const n = netOf(iface);
    return n ? [n] : [];
  });
}
