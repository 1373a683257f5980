import { hostId } from "../contract/ids";
import type { Topology, TopologyElement } from "../contract/schema";
import type { Criteria } from "../match/filter";
import { clusterOverview } from "../overview/cluster-overview";
import type { ClusterOverview } from "../overview/schema";
import { hostsAndPods, pastMatrixThresholds } from "../overview/thresholds";
import type { ViewQuery } from "../wire/view-protocol";
import type { TopologyStore } from "./store";
import { isEmpty, isOverviewScale, viewTopology } from "./view";

/** What one view sends: its topology, and for the matrix its overview (then the topology holds no pods). */
export interface ServedView {
  topology: Topology;
  overview: ClusterOverview | null;
  /** with a filtered overview: the networks its interfaces use, for colours (see ViewSnapshot.networksInUse) */
  networksInUse: string[] | null;
}

const criteria = (q: ViewQuery): Criteria => ({
  ...(q.namespace ? { namespace: q.namespace } : {}),
  ...(q.network ? { network: q.network } : {}),
  ...(q.host ? { host: q.host } : {}),
  ...(q.pod ? { pod: q.pod } : {}),
});

/** What the matrix and the panels beside it read: hosts and networks (names, colours), workloads (the bar). */
const besideMatrix = (e: TopologyElement): boolean =>
  e.kind === "host" || e.kind === "network" || e.kind === "workload";

/**
 * The view a query asks for. The whole cluster past the thresholds is the store's overview, with hosts and networks;
 * a filtered cluster view the page draws as the matrix (`aggregate`) is, past the same thresholds, the overview of
 * what the filters keep — exactly what the page would aggregate from the pods — with its hosts, networks, workloads
 * and findings, so a namespace of thousands of pods is a few kilobytes. Anything else is its elements.
 */
export function servedView(store: TopologyStore, q: ViewQuery): ServedView {
  const c = criteria(q);
  if (isEmpty(c) && isOverviewScale(store)) {
    const elements: TopologyElement[] = [...store.networks()];
    for (const name of store.shardNames()) {
      const host = store.shard(name)?.elements.get(hostId(name));
      if (host) elements.push(host);
    }
    return {
      topology: { elements, links: [], findings: store.findings() },
      overview: store.overview(),
      networksInUse: null,
    };
  }
  const t = viewTopology(store, c);
  if (!q.aggregate || c.host || c.pod || isEmpty(c) || !pastMatrixThresholds(hostsAndPods(t))) {
    return { topology: t, overview: null, networksInUse: null };
  }
  const inUse = new Set<string>();
  for (const e of t.elements) if (e.kind === "interface" && !e.isDefault) inUse.add(e.network);
  return {
    topology: { elements: t.elements.filter(besideMatrix), links: [], findings: t.findings },
    overview: clusterOverview(t),
    networksInUse: [...inUse].sort(),
  };
}
