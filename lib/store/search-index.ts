import { compareCodePoints } from "../compare";
import { KIND_ORDER } from "../contract/kind-order";
import type { TopologyElement } from "../contract/schema";
import { matchElement, nameOf, parseSearchQuery, type Rank, type SearchHit } from "../match/search";
import { normMac, normPci, type SearchQuery } from "../match/search-query";
import { addressOf, cidrContains, type Ip } from "../net/ip";

/**
 * What an element can be found by, taken from it once when it changes. Kept small (issue 26: at 150,000 pods the
 * index holds half a million of these): no per-element map of its addresses, one shared empty list.
 */
interface Keys {
  exact: readonly string[];
  /** lower-cased: the hit's label and the element's own name (interfaces are not found by name) */
  names: [string, string] | null;
}

const NO_KEYS: readonly string[] = [];
const ipKey = (ip: Ip): string => `ip${ip.family}:${ip.value.toString(16)}`;
/** the text lower-cased, the same string when it already is (most names are: one string, not two) */
const lower = (s: string): string => {
  const l = s.toLowerCase();
  return l === s ? s : l;
};

/** The addresses `matchElement` looks at for this element, as it looks at them. */
function addressesOf(el: TopologyElement): readonly string[] {
  if (el.kind === "interface") return el.ips;
  if (el.kind === "pod") return el.podIPs;
  if (el.kind === "host") return [...el.addresses, ...el.interfaces.flatMap((i) => i.ips)];
  return [];
}

/** An element's keys, each parsed address put into `addresses` (the range queries' walk) under its key. */
function keysOf(el: TopologyElement, addresses: Map<string, Ip>): Keys {
  const exact: string[] = [];
  for (const a of addressesOf(el)) {
    const ip = addressOf(a);
    if (!ip) continue;
    const key = ipKey(ip);
    exact.push(key);
    if (!addresses.has(key)) addresses.set(key, ip);
  }
  if (el.kind === "interface") {
    if (el.mac) exact.push(`mac:${normMac(el.mac)}`);
    for (const pci of [el.deviceInfo?.pciAddress, el.deviceInfo?.pfPciAddress]) {
      const n = pci ? normPci(pci) : null;
      if (n) exact.push(`pci:${n}`);
    }
  }
  const names: [string, string] | null = el.kind === "interface" ? null : [lower(nameOf(el)), lower(el.name)];
  return { exact: exact.length > 0 ? exact : NO_KEYS, names };
}

const byTopologyOrder = (a: TopologyElement, b: TopologyElement): number =>
  KIND_ORDER[a.kind] - KIND_ORDER[b.kind] || compareCodePoints(a.id, b.id);

/**
 * The explorer's search (`searchTopology`) answered from an index kept up to date by commits: addresses, MACs and
 * PCI addresses are looked up, a range walks the distinct addresses, a name walks the lower-cased names. Candidates
 * are then judged by the explorer's own `matchElement` and ordered as in the whole topology, so the answer is
 * exactly `searchTopology(store.topology(), query)`.
 */
export class SearchIndex {
  private readonly keys = new Map<string, Keys>();
  /** the ids under each exact key: the one id itself, or a set when several share it (most keys have one) */
  private readonly exact = new Map<string, string | Set<string>>();
  /** every distinct address, parsed, for range queries */
  private readonly addresses = new Map<string, Ip>();

  constructor(private readonly lookup: (id: string) => TopologyElement | undefined) {}

  /** Takes in a commit: the ids it upserted and removed. */
  update(upserted: Iterable<string>, removed: Iterable<string>): void {
    for (const id of removed) this.drop(id);
    for (const id of upserted) {
      this.drop(id);
      const el = this.lookup(id);
      if (!el) continue;
      const keys = keysOf(el, this.addresses);
      this.keys.set(id, keys);
      for (const k of keys.exact) {
        const ids = this.exact.get(k);
        if (ids === undefined) this.exact.set(k, id);
        else if (typeof ids !== "string") ids.add(id);
        else if (ids !== id) this.exact.set(k, new Set([ids, id]));
      }
    }
  }

  private drop(id: string): void {
    const keys = this.keys.get(id);
    if (!keys) return;
    this.keys.delete(id);
    for (const k of keys.exact) {
      const ids = this.exact.get(k);
      if (typeof ids === "string") {
        if (ids === id) this.forget(k);
      } else if (ids) {
        ids.delete(id);
        if (ids.size === 0) this.forget(k);
        else if (ids.size === 1) this.exact.set(k, ids.values().next().value ?? "");
      }
    }
  }

  /** a key no element holds any more */
  private forget(k: string): void {
    this.exact.delete(k);
    this.addresses.delete(k);
  }

  /** The ids under an exact key. */
  private idsOf(k: string): Iterable<string> {
    const ids = this.exact.get(k);
    return ids === undefined ? [] : typeof ids === "string" ? [ids] : ids;
  }

  /** The ids that may match; `matchElement` decides. */
  private candidates(q: SearchQuery): Iterable<string> {
    if (q.kind === "address") return this.idsOf(ipKey(q.ip));
    if (q.kind === "mac") return this.idsOf(`mac:${q.mac}`);
    if (q.kind === "pci") return this.idsOf(`pci:${q.pci}`);
    const out = new Set<string>();
    if (q.kind === "range") {
      for (const [k, ip] of this.addresses) {
        if (cidrContains(q.cidr, ip)) for (const id of this.idsOf(k)) out.add(id);
      }
      return out;
    }
    for (const [id, { names }] of this.keys) {
      if (names && (names[0].includes(q.lower) || names[1].startsWith(q.lower))) out.add(id);
    }
    return out;
  }

  search(query: string, limit = 12): SearchHit[] {
    const q = parseSearchQuery(query);
    if (!q) return [];
    const ranked: TopologyElement[][] = [[], [], []];
    const hits = new Map<string, SearchHit>();
    for (const id of this.candidates(q)) {
      const el = this.lookup(id);
      const m = el ? matchElement(el, q) : null;
      if (!el || !m) continue;
      ranked[m.rank satisfies Rank]?.push(el);
      hits.set(id, m.hit);
    }
    const out: SearchHit[] = [];
    for (const bucket of ranked) {
      for (const el of bucket.sort(byTopologyOrder)) {
        if (out.length >= limit) return out;
        const hit = hits.get(el.id);
        if (hit) out.push(hit);
      }
    }
    return out;
  }
}
