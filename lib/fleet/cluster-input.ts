import type { NetworkElement, Topology, TopologyElement } from "../contract/schema";
import { clusterOverview } from "../overview/cluster-overview";
import type { OverviewNetwork } from "../overview/schema";
import { canonicalConfig } from "./config-diff";
import type { FleetCluster, FleetNetwork, FleetWant } from "./schema";

const NO_PROBLEMS = { error: 0, warning: 0, info: 0 };

/** One cluster's networks as the fleet compares them: what each is, its pods and problems (from the overview). */
export function fleetNetworks(
  networks: Iterable<TopologyElement>,
  overview: readonly OverviewNetwork[],
): FleetNetwork[] {
  const counts = new Map(overview.map((n) => [n.id, n]));
  const out: FleetNetwork[] = [];
  for (const el of networks) {
    if (el.kind !== "network") continue;
    const o = counts.get(el.id);
    out.push({
      id: el.id,
      namespace: el.namespace,
      name: el.name,
      type: o?.type ?? el.mainType ?? el.cniType ?? "unknown",
      ...linkOf(el),
      ...(el.vlan !== undefined ? { vlan: el.vlan } : {}),
      ranges: rangesOf(el),
      config: canonicalConfig(el.rawConfig),
      pods: o?.pods ?? 0,
      problems: o?.problems ?? NO_PROBLEMS,
    });
  }
  return out.sort((a, b) => (a.namespace + a.name < b.namespace + b.name ? -1 : 1));
}

/** The networks the workloads' pod templates ask for. */
export function fleetWants(workloads: Iterable<TopologyElement>): FleetWant[] {
  const out: FleetWant[] = [];
  for (const w of workloads) {
    if (w.kind !== "workload") continue;
    for (const t of w.template)
      out.push({ workload: `${w.workloadKind} ${w.namespace}/${w.name}`, network: t.network });
  }
  return out;
}

function linkOf(n: NetworkElement): { link?: string } {
  const link = n.master ?? n.bridge ?? n.device ?? n.resourceName;
  return link ? { link } : {};
}

function rangesOf(n: NetworkElement): string[] {
  if (!n.ipam) return [];
  // ranges an IPAM allocates from; static addresses are the pods' own, never handed out twice by IPAM
  return n.ipam.ranges.map((r) => (r.start && r.end ? `${r.subnet} ${r.start}-${r.end}` : r.subnet));
}

/** A cluster of the fleet from a whole topology (the command line's one read of each context). */
export function clusterFromTopology(
  base: Pick<FleetCluster, "context" | "label" | "state" | "known"> & Partial<Pick<FleetCluster, "reason" | "since">>,
  topology: Topology,
): FleetCluster {
  const overview = clusterOverview(topology);
  const findings = { error: 0, warning: 0, info: 0 };
  for (const f of topology.findings) findings[f.severity]++;
  return {
    ...base,
    networks: fleetNetworks(topology.elements, overview.networks),
    wants: fleetWants(topology.elements),
    totals: { pods: overview.totals.pods, findings },
  };
}
