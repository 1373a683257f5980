import type { Finding, Severity, TopologyElement } from "../contract/schema";
import type { ProblemCounts } from "../overview/schema";
import { keyOf } from "./finding-window";
import { CELL, type Lookup, zero } from "./overview";
import type { ShardResult } from "./shard";

/** What one cluster-wide finding touches, with the shards it was read from. */
interface FindingShare {
  severity: Severity;
  hosts: Set<string>;
  networks: Set<string>;
  cells: Set<string>;
  /** the shards holding what it names: when one of them is rebuilt, it is read again */
  shards: Set<string>;
  /** it names something no shard holds and that is no network: read again whenever a shard comes or changes */
  loose: boolean;
}

/** Which hosts and cells an update changed the counts of. */
export interface Touched {
  hosts: Set<string>;
  cells: Set<string>;
}

/**
 * The cluster-wide findings counted per host, network and cell, kept as running counts: a finding that comes or goes
 * adds or takes out its share, and a finding is read again only when a shard holding an element it names is rebuilt.
 * A finding naming every host (an island split across 2,000 nodes) costs a change on another node nothing, and the
 * hosts and cells whose counts changed are known without comparing every count.
 */
export class GlobalProblems {
  readonly hosts = new Map<string, ProblemCounts>();
  readonly networks = new Map<string, ProblemCounts>();
  readonly cells = new Map<string, ProblemCounts>();
  private readonly entries = new Map<string, FindingShare>();
  private readonly byShard = new Map<string, Set<string>>();
  private readonly loose = new Set<string>();

  /** Takes in the cluster-wide findings now, the shards rebuilt or removed since the last update named in `changed`. */
  update(global: readonly Finding[], changed: ReadonlySet<string>, lookup: Lookup, touched: Touched): void {
    const next = new Map<string, Finding>();
    for (const f of global) {
      let key = keyOf(f);
      // the same finding twice counts twice
      while (next.has(key)) key += "+";
      next.set(key, f);
    }
    const stale = new Set<string>();
    for (const key of this.entries.keys()) if (!next.has(key)) stale.add(key);
    for (const name of changed) for (const key of this.byShard.get(name) ?? []) stale.add(key);
    if (changed.size > 0) for (const key of this.loose) stale.add(key);
    for (const key of stale) this.drop(key, touched);
    for (const [key, f] of next) if (!this.entries.has(key)) this.put(key, shareOf(f, lookup), touched);
  }

  private put(key: string, share: FindingShare, touched: Touched): void {
    this.entries.set(key, share);
    for (const name of share.shards) {
      const keys = this.byShard.get(name) ?? new Set();
      keys.add(key);
      this.byShard.set(name, keys);
    }
    if (share.loose) this.loose.add(key);
    this.count(share, 1, touched);
  }

  private drop(key: string, touched: Touched): void {
    const share = this.entries.get(key);
    if (!share) return;
    this.entries.delete(key);
    for (const name of share.shards) {
      const keys = this.byShard.get(name);
      keys?.delete(key);
      if (keys?.size === 0) this.byShard.delete(name);
    }
    this.loose.delete(key);
    this.count(share, -1, touched);
  }

  private count(share: FindingShare, sign: 1 | -1, touched: Touched): void {
    for (const k of share.hosts) bump(this.hosts, k, share.severity, sign) && touched.hosts.add(k);
    for (const k of share.networks) bump(this.networks, k, share.severity, sign);
    for (const k of share.cells) bump(this.cells, k, share.severity, sign) && touched.cells.add(k);
  }
}

/** Adds one to (or takes one from) a key's count; a count back at zero is no entry, as one never counted. */
function bump(m: Map<string, ProblemCounts>, key: string, s: Severity, sign: 1 | -1): true {
  const c = m.get(key) ?? zero();
  c[s] += sign;
  if (c.error === 0 && c.warning === 0 && c.info === 0) m.delete(key);
  else m.set(key, c);
  return true;
}

function shareOf(f: Finding, lookup: Lookup): FindingShare {
  const share: FindingShare = {
    severity: f.severity,
    hosts: new Set(),
    networks: new Set(),
    cells: new Set(),
    shards: new Set(),
    loose: false,
  };
  for (const id of f.elements) {
    const network = lookup.isNetwork(id);
    if (network) share.networks.add(id);
    const name = lookup.shardName(id);
    const shard = lookup.shard(id);
    const el = shard?.elements.get(id);
    if (name === undefined || !shard || !el) {
      share.loose ||= !network && !id.startsWith("workload/");
      continue;
    }
    share.shards.add(name);
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
