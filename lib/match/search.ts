import { podRefOf, refOf } from "../contract/ids";
import type { Topology, TopologyElement } from "../contract/schema";
import { addressOf, cidrContains, type Ip, ipEquals } from "../net/ip";
import { normMac, normPci, parseSearchQuery, type SearchQuery } from "./search-query";

export { parseSearchQuery, type SearchQuery } from "./search-query";

export interface SearchHit {
  id: string;
  kind: TopologyElement["kind"];
  label: string;
  /** why it matched, e.g. "IP 192.168.12.21" */
  reason: string;
}

/** 0: exact (an address, a MAC, a PCI address, a whole name), 1: a name starting with the query, 2: containing it */
export type Rank = 0 | 1 | 2;

/**
 * Finds a pod, an interface by IP, MAC or PCI address, every interface, pod and node address inside a range, a host
 * (also by its node addresses), a bridge or NIC, or a network. Exact matches come first, then names that start with
 * the query, then names that contain it; within a rank, element order.
 */
export function searchTopology(t: Topology, query: string, limit = 12): SearchHit[] {
  const q = parseSearchQuery(query);
  if (!q) return [];
  const ranked: SearchHit[][] = [[], [], []];
  for (const el of t.elements) {
    const m = matchElement(el, q);
    if (m) ranked[m.rank]?.push(m.hit);
  }
  return ranked.flat().slice(0, limit);
}

const inRange = (q: SearchQuery, ip: Ip): boolean =>
  q.kind === "range" ? cidrContains(q.cidr, ip) : q.kind === "address" && ipEquals(q.ip, ip);

/** The first of `addresses` (bare or CIDR) that the address or range query matches, without its prefix. */
function matchAddress(q: SearchQuery, addresses: readonly string[]): string | null {
  if (q.kind !== "range" && q.kind !== "address") return null;
  for (const a of addresses) {
    const ip = addressOf(a);
    if (ip && inRange(q, ip)) return a.split("/")[0] ?? a;
  }
  return null;
}

/** The label a hit shows and the text a name query looks in. */
export const nameOf = (el: TopologyElement): string =>
  el.kind === "pod" || el.kind === "network"
    ? refOf(el)
    : el.kind === "host"
      ? el.name
      : el.kind === "interface"
        ? `${podRefOf(el.parent ?? "")} ${el.interface}`
        : `${el.name} on ${"host" in el ? el.host : ""}`;

/** One element against a parsed query: a hit and its rank, or null. Pure, so a server index can use it too. */
export function matchElement(el: TopologyElement, q: SearchQuery): { hit: SearchHit; rank: Rank } | null {
  const hit = (reason: string, rank: Rank) => ({ hit: { id: el.id, kind: el.kind, label: nameOf(el), reason }, rank });
  if (el.kind === "interface") return matchInterface(el, q, hit);
  // A workload is not a place in the graph to go to: its chips and its pods' details lead to it.
  if (el.kind === "workload") return null;
  if (q.kind === "range" || q.kind === "address") {
    const via = q.kind === "range" ? ` in ${q.text}` : "";
    if (el.kind === "pod") {
      const ip = matchAddress(q, el.podIPs);
      return ip ? hit(`pod IP ${ip}${via}`, 0) : null;
    }
    if (el.kind === "host") {
      const ip = matchAddress(q, [...el.addresses, ...el.interfaces.flatMap((i) => i.ips)]);
      return ip ? hit(`node address ${ip}${via}`, 0) : null;
    }
    return null;
  }
  if (q.kind !== "name") return null;
  const name = nameOf(el).toLowerCase();
  const own = el.name.toLowerCase();
  if (own === q.lower || name === q.lower) return hit(el.kind, 0);
  if (own.startsWith(q.lower)) return hit(el.kind, 1);
  if (name.includes(q.lower)) return hit(el.kind, 2);
  return null;
}

function matchInterface(
  el: Extract<TopologyElement, { kind: "interface" }>,
  q: SearchQuery,
  hit: (reason: string, rank: Rank) => { hit: SearchHit; rank: Rank },
): { hit: SearchHit; rank: Rank } | null {
  if (q.kind === "range" || q.kind === "address") {
    const ip = matchAddress(q, el.ips);
    return ip ? hit(`IP ${ip}${q.kind === "range" ? ` in ${q.text}` : ""}`, 0) : null;
  }
  if (q.kind === "mac") return el.mac && normMac(el.mac) === q.mac ? hit(`MAC ${el.mac}`, 0) : null;
  if (q.kind === "pci") {
    const info = el.deviceInfo;
    if (info?.pciAddress && normPci(info.pciAddress) === q.pci) return hit(`PCI ${info.pciAddress}`, 0);
    if (info?.pfPciAddress && normPci(info.pfPciAddress) === q.pci) return hit(`PF PCI ${info.pfPciAddress}`, 0);
  }
  // Interfaces are not matched by name: net1 is on every pod.
  return null;
}
