import type { Finding, NetworkElement, Severity, TopologyElement } from "../contract/schema";
import { clusterOverview } from "../overview/cluster-overview";
import type { ClusterOverview, OverviewCell, ProblemCounts } from "../overview/schema";
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

/** The store's overview, kept per revision: each shard's share until that shard is rebuilt. */
export class OverviewMemo {
  private readonly parts = new WeakMap<ShardResult, ClusterOverview>();
  private at: { revision: number; value: ClusterOverview } | null = null;
  private problems: ProblemsMemo = new Map();

  of(
    revision: number,
    shards: readonly ShardResult[],
    networks: readonly NetworkElement[],
    global: () => Finding[],
    lookup: Lookup,
  ): ClusterOverview {
    if (this.at?.revision === revision) return this.at.value;
    let findings = 0;
    const byId = new Map(networks.map((n) => [n.id, n]));
    const parts = shards.map((result) => {
      findings += result.findings.length;
      const hit = this.parts.get(result);
      if (hit) return hit;
      const part = shardOverview(result, byId);
      this.parts.set(result, part);
      return part;
    });
    const all = global();
    const extra = globalProblems(all, lookup, this.problems);
    this.problems = extra.memo;
    const value = mergeOverview(parts, networks, extra.value, findings + all.length);
    this.at = { revision, value };
    return value;
  }
}

/** Where an element lies, for the findings that belong to no shard (duplicate addresses, NADs, pools). */
export interface Lookup {
  /** the shard that holds the element, undefined for networks and unknown ids */
  shard(id: string): ShardResult | undefined;
  isNetwork(id: string): boolean;
}

const CELL = "\u0000";
const zero = (): ProblemCounts => ({ error: 0, warning: 0, info: 0 });
const plus = (a: ProblemCounts, b: ProblemCounts): ProblemCounts => ({
  error: a.error + b.error,
  warning: a.warning + b.warning,
  info: a.info + b.info,
});

/**
 * The cluster overview of the whole topology from the shards' shares: pods and the shards' findings add up
 * (a pod, and each such finding, lies in one shard); the cluster-wide findings are counted once per host,
 * network and cell they touch, as clusterOverview counts them.
 */
export function mergeOverview(
  parts: readonly ClusterOverview[],
  networks: readonly NetworkElement[],
  extra: GlobalProblems,
  totalFindings: number,
): ClusterOverview {
  const hosts = parts
    .flatMap((p) => p.hosts)
    // A host no cluster-wide finding touches keeps its shard's object, so an unchanged host is the same object.
    .map((h) => {
      const more = extra.hosts.get(h.id);
      return more ? { ...h, problems: plus(h.problems, more) } : h;
    })
    .sort((a, b) => cmp(a.name, b.name) || cmp(a.id, b.id));
  const byNetwork = new Map(networks.map((n) => [n.id, { pods: 0, problems: extra.networks.get(n.id) ?? zero() }]));
  const cells = new Map<string, OverviewCell>();
  let pods = 0;
  for (const p of parts) {
    pods += p.totals.pods;
    for (const n of p.networks) {
      const sum = byNetwork.get(n.id);
      if (sum) Object.assign(sum, { pods: sum.pods + n.pods, problems: plus(sum.problems, n.problems) });
    }
    for (const c of p.cells) cells.set(`${c.host}${CELL}${c.network}`, c);
  }
  for (const [key, problems] of extra.cells) {
    const [host = "", network = ""] = key.split(CELL);
    const c = cells.get(key) ?? { host, network, pods: 0, problems: zero() };
    cells.set(key, { ...c, problems: plus(c.problems, problems) });
  }
  const nets = [...networks]
    .sort((a, b) => cmp(a.namespace, b.namespace) || cmp(a.name, b.name) || cmp(a.id, b.id))
    .map((n) => {
      const sum = byNetwork.get(n.id) ?? { pods: 0, problems: zero() };
      return {
        id: n.id,
        namespace: n.namespace,
        name: n.name,
        type: typeOf(n),
        pods: sum.pods,
        problems: sum.problems,
      };
    });
  return {
    hosts,
    networks: nets,
    cells: [...cells.entries()].sort(([a], [b]) => cmp(a, b)).map(([, c]) => c),
    totals: { hosts: hosts.length, pods, networks: nets.length, findings: totalFindings },
  };
}

const cmp = (a: string, b: string): number => (a < b ? -1 : a > b ? 1 : 0);
const typeOf = (n: NetworkElement): string =>
  n.mainType && n.mainType !== "other" ? n.mainType : (n.cniType ?? "unknown");

interface GlobalProblems {
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
