/** What the spike's main thread and its worker both do: take in a (partial) snapshot, build the named shards. */
import type { ClusterSnapshot } from "@/lib/k8s/snapshot";
import { buildNetworkStage } from "@/lib/store/global-stage";
import { Inputs } from "@/lib/store/inputs";
import { buildShard, type ShardResult } from "@/lib/store/shard";
import { usedBridges } from "@/lib/topology/networks";

export interface Prepared {
  inputs: Inputs;
  build: (name: string) => ShardResult | null;
}

/** The store's own intake and network stage over `snap`, and a shard's build as the store's step makes it. */
export function prepare(snap: ClusterSnapshot): Prepared {
  const inputs = new Inputs();
  inputs.sync(snap);
  const stage = buildNetworkStage(inputs.nads.sorted(), inputs.operatorNetwork, inputs.extras());
  const bridges = usedBridges(stage.networks);
  const dhcp = stage.elements.some((n) => n.ipam?.type === "dhcp" && !n.managedBy);
  return {
    inputs,
    build: (name) => {
      const input = inputs.shardInput(name, dhcp);
      return input && buildShard(name, input, stage.networks, bridges, stage.extras);
    },
  };
}

/** A shard's result as one string: what "equal" means between a build here and one made elsewhere. */
export const resultJson = (r: ShardResult | null): string =>
  r ? JSON.stringify([[...r.elements], r.links, r.findings, [...r.pods], r.interfaces, r.cross]) : "null";

/** A shard's result as JSON, its maps as entries and its references to its own elements as ids. */
export function flatJson(r: ShardResult): string {
  return JSON.stringify({
    elements: [...r.elements.values()],
    links: r.links,
    findings: r.findings,
    pods: [...r.pods],
    interfaces: r.interfaces.map((i) => ({ ...i, element: i.element.id })),
    cross: r.cross.map((c) => ({ ...c, elements: c.elements.map((e) => e.id) })),
  });
}
