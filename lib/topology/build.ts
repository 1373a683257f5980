import { type KubeObject, keyOf } from "../k8s/objects";
import type { ClusterSnapshot } from "../k8s/snapshot";
import { applyIpPools, checkDuplicateIps } from "./checks";
import { BuildContext } from "./context";
import { addHosts } from "./hosts";
import { addNetworks } from "./networks";
import { addPods } from "./pods";
import type { Topology, TopologyElement } from "./schema";

/** Parents before children (what React Flow needs); exported for the incremental store's same order. */
export const KIND_ORDER: Record<TopologyElement["kind"], number> = {
  host: 0,
  bridge: 1,
  "macvlan-parent": 1,
  "ipvlan-parent": 1,
  "vlan-parent": 1,
  "host-device": 1,
  "sriov-pf": 1,
  pod: 2,
  interface: 3,
  network: 4,
};

const byKey = (a: KubeObject, b: KubeObject): number => keyOf(a).localeCompare(keyOf(b));
const sorted = (list: readonly KubeObject[]): KubeObject[] => [...list].sort(byKey);

/**
 * Joins NADs, pod annotations and node link data into one graph. Pure and total: malformed input anywhere
 * becomes a finding on the element it concerns, never an exception. The same objects in any order give the
 * same topology, so live and snapshot sources agree.
 */
export function buildTopology(snapshot: ClusterSnapshot): Topology {
  const ctx = new BuildContext();
  for (const note of snapshot.notes) ctx.findings.push(note);
  addHosts(ctx, sorted(snapshot.nodes), sorted(snapshot.nodeNetworkStates));
  const networks = addNetworks(ctx, sorted(snapshot.nads), snapshot.operatorNetwork);
  addPods(ctx, sorted(snapshot.pods), networks);
  applyIpPools(ctx, sorted(snapshot.ipPools), networks, !snapshot.incomplete.includes("pods"));
  checkDuplicateIps(ctx);

  // Parents before children, which is what React Flow needs, and a stable order for diffs.
  const elements = [...ctx.elements.values()].sort(
    (a, b) => KIND_ORDER[a.kind] - KIND_ORDER[b.kind] || a.id.localeCompare(b.id),
  );
  const links = [...ctx.links].sort((a, b) => a.id.localeCompare(b.id));
  return { elements, links, findings: ctx.findings };
}
