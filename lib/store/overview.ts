import type { NetworkElement, TopologyElement } from "../contract/schema";
import { clusterOverview } from "../overview/cluster-overview";
import type { ClusterOverview, OverviewNetwork, ProblemCounts } from "../overview/schema";
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
  // the shard's elements by id are its own map: with the networks it names, looked up there, not copied into another
  const byId = { get: (id: string): TopologyElement | undefined => shard.elements.get(id) ?? named.get(id) };
  return clusterOverview(
    { elements: [...shard.elements.values(), ...named.values()], links: shard.links, findings: shard.findings },
    byId,
  );
}

/** Where an element lies, for the findings that belong to no shard (duplicate addresses, NADs, pools). */
export interface Lookup {
  /** the shard that holds the element, undefined for networks and unknown ids */
  shard(id: string): ShardResult | undefined;
  /** the name of the shard that holds it (read only when `shard` finds one) */
  shardName(id: string): string | undefined;
  isNetwork(id: string): boolean;
}

export const CELL = "\u0000";
export const zero = (): ProblemCounts => ({ error: 0, warning: 0, info: 0 });
export const plus = (a: ProblemCounts, b: ProblemCounts): ProblemCounts => ({
  error: a.error + b.error,
  warning: a.warning + b.warning,
  info: a.info + b.info,
});

/**
 * The overview's networks (namespace, name order) from the shards' sums and the cluster-wide findings' counts: pods
 * add up (a pod lies in one shard), as do the shards' own findings; the cluster-wide ones are counted once per
 * network they touch, as clusterOverview counts them.
 */
export function netsOf(
  networks: readonly NetworkElement[],
  sums: ReadonlyMap<string, { pods: number; problems: ProblemCounts }>,
  extra: ReadonlyMap<string, ProblemCounts>,
): OverviewNetwork[] {
  return [...networks]
    .sort((a, b) => cmp(a.namespace, b.namespace) || cmp(a.name, b.name) || cmp(a.id, b.id))
    .map((n) => {
      const sum = sums.get(n.id);
      return {
        id: n.id,
        namespace: n.namespace,
        name: n.name,
        type: typeOf(n),
        pods: sum?.pods ?? 0,
        problems: plus(sum?.problems ?? zero(), extra.get(n.id) ?? zero()),
      };
    });
}

export const cmp = (a: string, b: string): number => (a < b ? -1 : a > b ? 1 : 0);
const typeOf = (n: NetworkElement): string =>
  n.mainType && n.mainType !== "other" ? n.mainType : (n.cniType ?? "unknown");
