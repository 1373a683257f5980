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
  return { networks, extras, elements, findings: ctx.findings };
}

/**
 * Whereabouts pool use and stale allocations, judged again from scratch (pools are few): the pool a network
 * showed before is cleared first, since the full build only ever sets it.
 */
export function poolFindings(stage: NetworkStage, podKeys: ReadonlySet<string>, inputs: CheckInputs): Finding[] {
  for (const el of stage.elements) if (el.ipam) delete el.ipam.pool;
  const ctx = new BuildContext();
  applyIpPools(ctx, inputs.ipPools, stage.networks, inputs.podsComplete, podKeys);
  // The checks of networks alone, on a context holding only them.
  for (const el of stage.elements) ctx.add(el);
  runChecks("network", ctx, inputs);
  return ctx.findings;
}
