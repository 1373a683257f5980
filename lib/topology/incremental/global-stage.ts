import type { KubeObject } from "../../k8s/objects";
import { applyIpPools } from "../checks";
import { checkOverlappingRanges, checkPoolUse } from "../checks-ipam";
import { checkSriovResources } from "../checks-plugins";
import { BuildContext } from "../context";
import { addNetworks, type NetworkEntry } from "../networks";
import type { Finding, NetworkElement } from "../schema";

export interface NetworkStage {
  networks: Map<string, NetworkEntry>;
  elements: NetworkElement[];
  findings: Finding[];
}

/** The NADs (and the operator's entries) as the full build reads them; every shard's pods hang off these. */
export function buildNetworkStage(nads: readonly KubeObject[], operatorNetwork: KubeObject | null): NetworkStage {
  const ctx = new BuildContext();
  const networks = addNetworks(ctx, nads, operatorNetwork);
  const elements = [...networks.values()].map((n) => n.element);
  return { networks, elements, findings: ctx.findings };
}

/**
 * Whereabouts pool use and stale allocations, judged again from scratch (pools are few): the pool a network
 * showed before is cleared first, since the full build only ever sets it.
 */
export function poolFindings(
  stage: NetworkStage,
  pools: readonly KubeObject[],
  podKeys: ReadonlySet<string>,
  podsComplete: boolean,
): Finding[] {
  for (const el of stage.elements) if (el.ipam) delete el.ipam.pool;
  const ctx = new BuildContext();
  applyIpPools(ctx, pools, stage.networks, podsComplete, podKeys);
  // The checks of networks alone, on a context holding only them (SR-IOV's per-pod half runs in the shards).
  for (const el of stage.elements) ctx.add(el);
  checkPoolUse(ctx);
  checkOverlappingRanges(ctx);
  checkSriovResources(ctx);
  return ctx.findings;
}
