import type { Finding, NetworkElement } from "../contract/schema";
import type { KubeObject } from "../k8s/objects";
import { type CheckInputs, runChecks } from "../topology/check-registry";
import { applyIpPools } from "../topology/checks";
import { BuildContext } from "../topology/context";
import { type ClusterExtras, emptyExtras } from "../topology/extras";
import { addNetworks, type NetworkEntry } from "../topology/networks";

export interface NetworkStage {
  networks: Map<string, NetworkEntry>;
  /** what UDNs, policies and VMs add to the networks and the pods */
  extras: ClusterExtras;
  elements: NetworkElement[];
  findings: Finding[];
  /** what a shard's build reads of it (stageReads) */
  reads: string;
}

/** The NADs (and the operator's entries) as the full build reads them; every shard's pods hang off these. */
export function buildNetworkStage(
  nads: readonly KubeObject[],
  operatorNetwork: KubeObject | null,
  extras: ClusterExtras = emptyExtras(),
): NetworkStage {
  const ctx = new BuildContext();
  const networks = addNetworks(ctx, nads, operatorNetwork, extras);
  const elements = [...networks.values()].map((n) => n.element);
  const stage = { networks, extras, elements, findings: ctx.findings, reads: "" };
  stage.reads = stageReads(stage);
  return stage;
}

/**
 * Whereabouts pool use and stale allocations, judged again from scratch (pools are few): the pool a network
 * showed before is cleared first, since the full build only ever sets it.
 */
export function poolFindings(
  stage: NetworkStage,
  podKeys: Pick<ReadonlySet<string>, "has">,
  inputs: CheckInputs,
): Finding[] {
  for (const el of stage.elements) if (el.ipam) delete el.ipam.pool;
  const ctx = new BuildContext();
  applyIpPools(ctx, inputs.ipPools, stage.networks, inputs.podsComplete, podKeys);
  // The checks of networks alone, on a context holding only them.
  for (const el of stage.elements) ctx.add(el);
  runChecks("network", ctx, inputs);
  return ctx.findings;
}

/**
 * Everything a shard's build reads of the stage as one string, taken as built (before the pools mark the networks):
 * the networks with their parsed configs (what UDNs and namespaces' labels make of them is in their elements), and of
 * the extras what decorates pods (VMIs, VMs, policies by network; lib/topology/pod-extras.ts). Two stages with the
 * same string build every shard alike, so a change that leaves it as it was (a Namespace's label no network selects,
 * a UDN's status that changes no network) rebuilds no shard.
 */
function stageReads(stage: Omit<NetworkStage, "reads">): string {
  const { vmis, vms, policiesByNetwork } = stage.extras;
  return JSON.stringify([[...stage.networks], vmis, vms, policiesByNetwork], (_key, v: unknown) =>
    v instanceof Map ? [...v] : v instanceof Set ? [...v] : v,
  );
}
