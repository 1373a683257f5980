import { clusterOverview } from "../../overview/cluster-overview";
import type { ClusterOverview, OverviewCell, ProblemCounts } from "../../overview/schema";
import type { Finding, NetworkElement, Severity, TopologyElement } from "../schema";
import type { ShardResult } from "./shard";

/** One node's share of the cluster overview: the aggregate of its shard alone (its own findings only). */
export function shardOverview(shard: ShardResult, networks: readonly NetworkElement[]): ClusterOverview {
  return clusterOverview({
    elements: [...shard.elements.values(), ...networks],
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
  global: readonly Finding[],
  lookup: Lookup,
  totalFindings: number,
): ClusterOverview {
  const extra = globalProblems(global, lookup);
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

function globalProblems(global: readonly Finding[], lookup: Lookup) {
  const hosts = new Map<string, ProblemCounts>();
  const networks = new Map<string, ProblemCounts>();
  const cells = new Map<string, ProblemCounts>();
  const bump = (m: Map<string, ProblemCounts>, key: string, s: Severity) => {
    const c = m.get(key) ?? zero();
    c[s]++;
    m.set(key, c);
  };
  for (const f of global) {
    const h = new Set<string>();
    const n = new Set<string>();
    const c = new Set<string>();
    for (const id of f.elements) {
      if (lookup.isNetwork(id)) n.add(id);
      const shard = lookup.shard(id);
      const el = shard?.elements.get(id);
      if (!shard || !el) continue;
      const host = hostOf(el, shard);
      if (host) h.add(host);
      for (const net of networksOf(el, shard, lookup)) {
        n.add(net);
        if (host) c.add(`${host}${CELL}${net}`);
      }
    }
    for (const k of h) bump(hosts, k, f.severity);
    for (const k of n) bump(networks, k, f.severity);
    for (const k of c) bump(cells, k, f.severity);
  }
  return { hosts, networks, cells };
}

function hostOf(el: TopologyElement, shard: ShardResult): string | undefined {
  let current: TopologyElement | undefined = el;
  for (let depth = 0; current && depth < 3; depth++) {
    if (current.kind === "host") return current.id;
    current = current.parent ? shard.elements.get(current.parent) : undefined;
  }
  return undefined;
}

/** As clusterOverview reads it: an interface belongs to its NAD, a point to the NADs attached through it. */
function networksOf(el: TopologyElement, shard: ShardResult, lookup: Lookup): string[] {
  const netOf = (iface: string) =>
    shard.links.find((l) => l.kind === "network" && l.source === iface && lookup.isNetwork(l.target))?.target;
  if (el.kind === "interface") {
    const n = netOf(el.id);
    return n ? [n] : [];
  }
  return shard.links.flatMap((l) => {
    if (l.kind !== "attachment" || l.target !== el.id) return [];
    const n = netOf(l.source);
    return n ? [n] : [];
  });
}
