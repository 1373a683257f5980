import type { Finding, Severity, TopologyElement } from "../contract/schema";
import type { ProblemCounts } from "../overview/schema";
import { keyOf } from "./finding-window";
import { CELL, type Lookup, zero } from "./overview";
import type { ShardResult } from "./shard";
import { work } from "./work";

type Kind = "hosts" | "networks" | "cells";

/** What the elements of one finding held by one shard add: hosts, networks and cells, once per element. */
interface Part {
  ids: string[];
  adds: [Kind, string][];
}

/** One cluster-wide finding, by the shards holding what it names. */
interface Entry {
  severity: Severity;
  parts: Map<string, Part>;
  /** the networks it names itself */
  own: string[];
  /** ids no shard holds and that are no network or workload: placed again whenever a shard comes or changes */
  loose: string[];
  /** how many of its elements add each host, network and cell: it counts once for each while any does */
  refs: Record<Kind, Map<string, number>>;
}

/** Which hosts and cells an update changed the counts of. */
export interface Touched {
  hosts: Set<string>;
  cells: Set<string>;
}

/**
 * The cluster-wide findings counted per host, network and cell, kept as running counts: a finding that comes or goes
 * adds or takes out its share, and when a shard is rebuilt only the elements of each finding that it held are read
 * again. A finding naming a point on every host (an island split across 2,000 nodes) costs a change on one node that
 * node's point, and the hosts and cells whose counts changed are known without comparing every count.
 */
export class GlobalProblems {
  readonly hosts = new Map<string, ProblemCounts>();
  readonly networks = new Map<string, ProblemCounts>();
  readonly cells = new Map<string, ProblemCounts>();
  private readonly entries = new Map<string, Entry>();
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
    for (const key of [...this.entries.keys()]) if (!next.has(key)) this.drop(key, touched);
    // the elements held by the changed shards (and those held by none) are taken out first, then placed where they are now
    const moved = new Map<string, string[]>();
    const take = (key: string, ids: readonly string[]) => {
      const list = moved.get(key);
      if (list) list.push(...ids);
      else moved.set(key, [...ids]);
    };
    for (const name of changed)
      for (const key of [...(this.byShard.get(name) ?? [])]) take(key, this.unplace(key, name, touched));
    if (changed.size > 0)
      for (const key of [...this.loose]) {
        const entry = this.entries.get(key);
        this.loose.delete(key);
        if (entry) take(key, entry.loose.splice(0));
      }
    for (const [key, ids] of moved) this.place(key, ids, lookup, touched);
    for (const [key, f] of next) if (!this.entries.has(key)) this.put(key, f, lookup, touched);
  }

  private put(key: string, f: Finding, lookup: Lookup, touched: Touched): void {
    const refs = { hosts: new Map(), networks: new Map(), cells: new Map() };
    const entry: Entry = { severity: f.severity, parts: new Map(), own: [], loose: [], refs };
    this.entries.set(key, entry);
    for (const id of f.elements) {
      if (!lookup.isNetwork(id)) continue;
      entry.own.push(id);
      this.add(entry, "networks", id, 1, touched);
    }
    this.place(key, f.elements, lookup, touched);
  }

  private drop(key: string, touched: Touched): void {
    const entry = this.entries.get(key);
    if (!entry) return;
    for (const name of [...entry.parts.keys()]) this.unplace(key, name, touched);
    for (const id of entry.own) this.add(entry, "networks", id, -1, touched);
    this.entries.delete(key);
    this.loose.delete(key);
  }

  /** Files the finding's elements under the shards holding them now, and counts what they add. */
  private place(key: string, ids: readonly string[], lookup: Lookup, touched: Touched): void {
    const entry = this.entries.get(key);
    if (!entry) return;
    work.problemElements += ids.length;
    for (const id of ids) {
      const shard = lookup.shard(id);
      const name = shard && lookup.shardName(id);
      const el = shard?.elements.get(id);
      if (!shard || name === undefined || !el) {
        if (!lookup.isNetwork(id) && !id.startsWith("workload/")) entry.loose.push(id);
        continue;
      }
      let part = entry.parts.get(name);
      if (!part) {
        part = { ids: [], adds: [] };
        entry.parts.set(name, part);
        const keys = this.byShard.get(name) ?? new Set();
        keys.add(key);
        this.byShard.set(name, keys);
      }
      part.ids.push(id);
      const host = hostOf(el, shard);
      if (host) this.note(entry, part, "hosts", host, touched);
      for (const net of networksOf(el, shard, lookup)) {
        this.note(entry, part, "networks", net, touched);
        if (host) this.note(entry, part, "cells", `${host}${CELL}${net}`, touched);
      }
    }
    if (entry.loose.length > 0) this.loose.add(key);
  }

  /** One element of the finding held by the part adds a host, network or cell: noted to be taken out with the part. */
  private note(entry: Entry, part: Part, kind: Kind, key: string, touched: Touched): void {
    part.adds.push([kind, key]);
    this.add(entry, kind, key, 1, touched);
  }

  /** Takes out what the finding's elements held by one shard add; their ids, to be placed again. */
  private unplace(key: string, name: string, touched: Touched): string[] {
    const entry = this.entries.get(key);
    const part = entry?.parts.get(name);
    const keys = this.byShard.get(name);
    keys?.delete(key);
    if (keys?.size === 0) this.byShard.delete(name);
    if (!entry || !part) return [];
    entry.parts.delete(name);
    for (const [kind, k] of part.adds) this.add(entry, kind, k, -1, touched);
    return part.ids;
  }

  /** An element of a finding adds (or no longer adds) a host, network or cell: counted as the first comes, the last goes. */
  private add(entry: Entry, kind: Kind, key: string, sign: 1 | -1, touched: Touched): void {
    const was = entry.refs[kind].get(key) ?? 0;
    const now = was + sign;
    if (now === 0) entry.refs[kind].delete(key);
    else entry.refs[kind].set(key, now);
    if ((was === 0) === (now === 0)) return;
    bump(this[kind], key, entry.severity, sign);
    if (kind !== "networks") touched[kind].add(key);
  }
}

/** Adds one to (or takes one from) a key's count; a count back at zero is no entry, as one never counted. */
function bump(m: Map<string, ProblemCounts>, key: string, s: Severity, sign: 1 | -1): void {
  const c = m.get(key) ?? zero();
  c[s] += sign;
  if (c.error === 0 && c.warning === 0 && c.info === 0) m.delete(key);
  else m.set(key, c);
}

function hostOf(el: TopologyElement, shard: ShardResult): string | undefined {
  let current: TopologyElement | undefined = el;
  for (let depth = 0; current && depth < 3; depth++) {
    if (current.kind === "host") return current.id;
    current = current.parent ? shard.elements.get(current.parent) : undefined;
  }
  return undefined;
}

/**
 * A shard's links by what networksOf asks: each interface's network-link targets (the one target itself, as nearly
 * every interface has: a list only from a second on, not an array per interface kept for every shard), each point's
 * interfaces.
 */
interface LinkIndex {
  targets: Map<string, string | string[]>;
  attached: Map<string, string[]>;
}
const linkIndexes = new WeakMap<ShardResult, LinkIndex>();

/** Built once per shard result (a shard is rebuilt, never changed), in link order. */
function linkIndexOf(shard: ShardResult): LinkIndex {
  let index = linkIndexes.get(shard);
  if (index) return index;
  const fresh: LinkIndex = { targets: new Map(), attached: new Map() };
  for (const l of shard.links) {
    if (l.kind === "network") {
      const had = fresh.targets.get(l.source);
      if (had === undefined) fresh.targets.set(l.source, l.target);
      else if (typeof had === "string") fresh.targets.set(l.source, [had, l.target]);
      else had.push(l.target);
    } else if (l.kind === "attachment") {
      const list = fresh.attached.get(l.target);
      if (list) list.push(l.source);
      else fresh.attached.set(l.target, [l.source]);
    }
  }
  linkIndexes.set(shard, fresh);
  index = fresh;
  return index;
}

/** The first of an interface's network-link targets that is a network now (clusterOverview's reading). */
function networkOf(index: LinkIndex, iface: string, lookup: Lookup): string | undefined {
  const targets = index.targets.get(iface);
  if (typeof targets === "string") return lookup.isNetwork(targets) ? targets : undefined;
  if (targets) for (const t of targets) if (lookup.isNetwork(t)) return t;
  return undefined;
}

/**
 * As clusterOverview reads it: an interface belongs to its NAD, a point to the NADs attached through it, each once in
 * the order first met (a bridge with 40 pods of one NAD adds that NAD once: it counts once per element however often,
 * and 40 copies cost a cold start 40 cell keys per island point). Looked up in the shard's link index: a finding
 * naming many elements of a big shard would otherwise scan its links for each.
 */
function networksOf(el: TopologyElement, shard: ShardResult, lookup: Lookup): string[] {
  const index = linkIndexOf(shard);
  if (el.kind === "interface") {
    const n = networkOf(index, el.id, lookup);
    return n ? [n] : [];
  }
  const out: string[] = [];
  for (const iface of index.attached.get(el.id) ?? []) {
    const n = networkOf(index, iface, lookup);
    if (n !== undefined && !out.includes(n)) out.push(n);
  }
  return out;
}
