import { addressOf, ipEquals } from "../net/ip";
import type { Topology, TopologyElement } from "../topology/schema";

export interface SearchHit {
  id: string;
  kind: TopologyElement["kind"];
  label: string;
  /** why it matched, e.g. "IP 192.168.12.21" */
  reason: string;
}

const normMac = (s: string): string => s.toLowerCase().replace(/-/g, ":");

/**
 * Finds a pod, an interface by IP or MAC, a host, a bridge or NIC, or a network. Exact address and MAC matches come
 * first, then names that start with the query, then names that contain it.
 */
export function searchTopology(t: Topology, query: string, limit = 12): SearchHit[] {
  const q = query.trim();
  if (q === "") return [];
  const lower = q.toLowerCase();
  const ip = addressOf(q);
  const exact: SearchHit[] = [];
  const prefix: SearchHit[] = [];
  const contains: SearchHit[] = [];
  for (const el of t.elements) {
    if (el.kind === "interface") {
      const owner = el.parent?.replace(/^pod\//, "") ?? "";
      const byIp =
        ip &&
        el.ips.find((a) => {
          const x = addressOf(a);
          return x !== null && ipEquals(x, ip);
        });
      if (byIp)
        exact.push({ id: el.id, kind: el.kind, label: `${owner} ${el.interface}`, reason: `IP ${byIp.split("/")[0]}` });
      else if (el.mac && normMac(el.mac) === normMac(q))
        exact.push({ id: el.id, kind: el.kind, label: `${owner} ${el.interface}`, reason: `MAC ${el.mac}` });
      continue;
    }
    const name =
      el.kind === "pod" || el.kind === "network"
        ? `${el.namespace}/${el.name}`
        : el.kind === "host"
          ? el.name
          : `${el.name} on ${"host" in el ? el.host : ""}`;
    if (
      el.kind === "pod" &&
      ip &&
      el.podIPs.some((a) => {
        const x = addressOf(a);
        return x !== null && ipEquals(x, ip);
      })
    ) {
      exact.push({ id: el.id, kind: el.kind, label: name, reason: `pod IP ${q}` });
      continue;
    }
    const n = name.toLowerCase();
    const hit = { id: el.id, kind: el.kind, label: name, reason: el.kind };
    if (el.name.toLowerCase() === lower || n === lower) exact.push(hit);
    else if (el.name.toLowerCase().startsWith(lower)) prefix.push(hit);
    else if (n.includes(lower)) contains.push(hit);
  }
  return [...exact, ...prefix, ...contains].slice(0, limit);
}
