import type { Finding, HostElement, NetworkElement, Severity, Topology, TopologyElement } from "../contract/schema";
import type { ClusterOverview, OverviewCell, OverviewNetwork, ProblemCounts } from "./schema";

/**
 * The hosts × networks aggregate of a topology (see ./schema.ts). Linear in the topology's size; each finding counts
 * once per host, per network and per cell it touches, however many of its elements lie there.
 */
export function clusterOverview(
  topology: Topology,
  /** the elements by id, when the caller holds them so (a shard does): not made again */
  byId?: ById,
): ClusterOverview {
  const index = indexTopology(topology, byId);
  const hostProblems = new Map<string, Set<number>>();
  const networkProblems = new Map<string, Set<number>>();
  const cellProblems = new Map<string, Set<number>>();
  for (const [i, finding] of topology.findings.entries()) {
    for (const id of finding.elements) {
      const host = index.hostOf(id);
      if (host) add(hostProblems, host, i);
      for (const network of index.networksOf.get(id) ?? []) {
        add(networkProblems, network, i);
        if (host) add(cellProblems, cellKey(host, network), i);
      }
    }
  }
  const count = (sets: Map<string, Set<number>>, key: string) => countSeverities(topology.findings, sets.get(key));

  const hosts = index.hosts.map((h) => ({
    id: h.id,
    name: h.name,
    pods: index.podsOnHost.get(h.id) ?? 0,
    interfaces: index.interfacesOnHost.get(h.id) ?? 0,
    problems: count(hostProblems, h.id),
    linksObserved: h.linksObserved,
  }));
  const networks: OverviewNetwork[] = index.networks.map((n) => ({
    id: n.id,
    namespace: n.namespace,
    name: n.name,
    type: networkType(n),
    pods: index.podsOnNetwork.get(n.id)?.size ?? 0,
    problems: count(networkProblems, n.id),
  }));
  const cellKeys = new Set([...index.podsInCell.keys(), ...cellProblems.keys()]);
  const cells: OverviewCell[] = [...cellKeys].sort().map((key) => {
    const [host = "", network = ""] = key.split(CELL_SEPARATOR);
    return { host, network, pods: index.podsInCell.get(key)?.size ?? 0, problems: count(cellProblems, key) };
  });
  return {
    hosts,
    networks,
    cells,
    totals: {
      hosts: hosts.length,
      pods: index.podCount,
      networks: networks.length,
      findings: topology.findings.length,
    },
  };
}

// A character no Kubernetes name or element id contains, so a cell key splits back unambiguously.
const CELL_SEPARATOR = "\u0000";
const cellKey = (host: string, network: string) => `${host}${CELL_SEPARATOR}${network}`;

function add<V>(map: Map<string, Set<V>>, key: string, value: V): void {
  const set = map.get(key);
  if (set) set.add(value);
  else map.set(key, new Set([value]));
}

function countSeverities(findings: Finding[], indices: Set<number> | undefined): ProblemCounts {
  const counts: Record<Severity, number> = { error: 0, warning: 0, info: 0 };
  for (const i of indices ?? []) {
    const finding = findings[i];
    if (finding) counts[finding.severity] += 1;
  }
  return counts;
}

function networkType(n: NetworkElement): string {
  if (n.mainType && n.mainType !== "other") return n.mainType;
  return n.cniType ?? "unknown";
}

interface TopologyIndex {
  hosts: HostElement[];
  networks: NetworkElement[];
  podCount: number;
  /** element id → the host it lies on (hosts map to themselves) */
  hostOf: (id: string) => string | undefined;
  /** element id → the networks it belongs to (interfaces: their NAD; points: the NADs attached through them) */
  networksOf: Map<string, Set<string>>;
  podsOnHost: Map<string, number>;
  interfacesOnHost: Map<string, number>;
  podsOnNetwork: Map<string, Set<string>>;
  podsInCell: Map<string, Set<string>>;
}

type ById = Pick<ReadonlyMap<string, TopologyElement>, "get">;

function indexTopology(topology: Topology, held?: ById): TopologyIndex {
  let byId = held;
  if (!byId) {
    const made = new Map<string, TopologyElement>();
    for (const e of topology.elements) made.set(e.id, e);
    byId = made;
  }
  const get = byId;
  // Up the parent chain when asked (the findings' elements, the pods and interfaces counted), not kept for every
  // element: a cold start's 500 shards held a map of their 71k elements' hosts to read ~66k of them once.
  const findHost = (e: TopologyElement | undefined) => hostAbove(e, get);
  const hostOf = (id: string) => findHost(get.get(id));
  // only what a finding names is asked for its networks: a set per interface of the cluster was a cold start's garbage
  const named = new Set<string>();
  for (const f of topology.findings) for (const id of f.elements) named.add(id);
  const networksOf = new Map<string, Set<string>>();
  for (const e of topology.elements) if (e.kind === "network" && named.has(e.id)) add(networksOf, e.id, e.id);
  const networkOfInterface = new Map<string, string>();
  for (const link of topology.links) {
    if (link.kind === "network" && byId.get(link.target)?.kind === "network") {
      networkOfInterface.set(link.source, link.target);
      if (named.has(link.source)) add(networksOf, link.source, link.target);
    }
  }
  if (named.size > 0)
    for (const link of topology.links) {
      const network = networkOfInterface.get(link.source);
      if (link.kind === "attachment" && network && named.has(link.target)) add(networksOf, link.target, network);
    }
  return { ...countPods(topology, findHost, networkOfInterface), hostOf, networksOf };
}

/** Containment is at most host → pod → interface (or host → point), so three steps up always reach the host. */
function hostAbove(e: TopologyElement | undefined, byId: ById): string | undefined {
  let current = e;
  for (let depth = 0; current && depth < 3; depth += 1) {
    if (current.kind === "host") return current.id;
    current = current.parent ? byId.get(current.parent) : undefined;
  }
  return undefined;
}

const compare = (a: string, b: string) => (a < b ? -1 : a > b ? 1 : 0);

/** The pods and interfaces counted by host, network and cell, and the hosts and networks, in one pass. */
function countPods(
  topology: Topology,
  findHost: (e: TopologyElement) => string | undefined,
  networkOfInterface: Map<string, string>,
): Omit<TopologyIndex, "hostOf" | "networksOf"> {
  const podsOnHost = new Map<string, number>();
  const interfacesOnHost = new Map<string, number>();
  const podsOnNetwork = new Map<string, Set<string>>();
  const podsInCell = new Map<string, Set<string>>();
  const hosts: HostElement[] = [];
  const networks: NetworkElement[] = [];
  let podCount = 0;
  for (const e of topology.elements) {
    if (e.kind === "host") hosts.push(e);
    else if (e.kind === "network") networks.push(e);
    if (e.kind === "pod") {
      podCount++;
      const host = findHost(e);
      if (host) podsOnHost.set(host, (podsOnHost.get(host) ?? 0) + 1);
    }
    if (e.kind !== "interface" || e.isDefault || !e.parent) continue;
    const host = findHost(e);
    if (host) interfacesOnHost.set(host, (interfacesOnHost.get(host) ?? 0) + 1);
    const network = networkOfInterface.get(e.id);
    if (!network) continue;
    add(podsOnNetwork, network, e.parent);
    if (host) add(podsInCell, cellKey(host, network), e.parent);
  }
  hosts.sort((a, b) => compare(a.name, b.name) || compare(a.id, b.id));
  networks.sort((a, b) => compare(a.namespace, b.namespace) || compare(a.name, b.name) || compare(a.id, b.id));
  return { podsOnHost, interfacesOnHost, podsOnNetwork, podsInCell, hosts, networks, podCount };
}
