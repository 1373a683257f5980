import { compareCodePoints } from "../compare";
import { networkIdOfRef } from "../contract/ids";
import type { Finding, NetworkElement, TopologyElement, TopologyLink } from "../contract/schema";
import { type Check, type CheckInputs, checksOf } from "../topology/check-registry";
import { BuildContext } from "../topology/context";

/**
 * What one pod brings to the checks that span hosts on one network (its interfaces there, the uplink-less bridges
 * they are attached to), with the key the full build orders pods by. A pod with nothing for them (read only when a
 * dhcp network needs every pod) brings its fragment of network "".
 */
export interface CrossFragment {
  podKey: string;
  /** the network id of its interfaces */
  network: string;
  elements: TopologyElement[];
  links: TopologyLink[];
}

/**
 * The elements of a shard that the cross-host checks read: attachments to uplink-less bridges, dhcp users, one
 * fragment per pod and network (the store keeps the checks per network: cross-index.ts).
 */
export function crossFragments(
  elements: ReadonlyMap<string, TopologyElement>,
  links: readonly TopologyLink[],
  pods: ReadonlyMap<string, string[]>,
  podKeys: ReadonlyMap<string, string>,
  networks: ReadonlyMap<string, NetworkElement>,
  allPods: boolean,
): CrossFragment[] {
  const bySource = new Map<string, TopologyLink[]>();
  for (const l of links) {
    if (l.kind !== "attachment") continue;
    const list = bySource.get(l.source);
    if (list) list.push(l);
    else bySource.set(l.source, [l]);
  }
  const out: CrossFragment[] = [];
  // each NAD's id made once per shard, not once per interface (a string made and hashed for 46k interfaces at 20k)
  const ids = new Map<string, string>();
  const idOf = (ref: string): string => {
    let id = ids.get(ref);
    if (id === undefined) {
      id = networkIdOfRef(ref);
      ids.set(ref, id);
    }
    return id;
  };
  for (const [podId, own] of pods) {
    const pod = elements.get(podId);
    if (!pod) continue;
    const podKey = podKeys.get(podId) ?? podId;
    // made when a fragment is, not per pod and per interface: most pods bring none (no island, no dhcp)
    let byNetwork: Map<string, CrossFragment> | undefined;
    const fragmentOf = (network: string): CrossFragment => {
      byNetwork ??= new Map();
      let f = byNetwork.get(network);
      if (!f) {
        f = { podKey, network, elements: [pod], links: [] };
        byNetwork.set(network, f);
      }
      return f;
    };
    for (let i = 1; i < own.length; i++) {
      const id = own[i] ?? "";
      const iface = elements.get(id);
      if (iface?.kind !== "interface") continue;
      const network = idOf(iface.network);
      const net = networks.get(network);
      const dhcp = net?.ipam?.type === "dhcp" && !net.managedBy;
      let fragment: CrossFragment | undefined; // set once this interface is attached to an uplink-less bridge
      for (const l of bySource.get(id) ?? []) {
        const point = elements.get(l.target);
        if (point?.kind !== "bridge" || !point.uplinksKnown || point.uplinks.length > 0) continue;
        fragment ??= fragmentOf(network);
        fragment.elements.push(point);
        fragment.links.push(l);
      }
      if (dhcp || fragment) (fragment ?? fragmentOf(network)).elements.push(iface);
    }
    if (byNetwork) for (const f of byNetwork.values()) out.push(f);
    else if (allPods) out.push({ podKey, network: "", elements: [pod], links: [] });
  }
  return out;
}

/**
 * The checks that look across hosts (scope "cross-host": islands split over hosts, dhcp without a daemon), run on a
 * small context holding only what they read, inserted in the full build's order (networks, then pods by key) so
 * their findings read the same. A pod's fragments keep their order (the sort is stable).
 */
export function crossHostFindings(
  networks: readonly NetworkElement[],
  fragments: readonly CrossFragment[],
  inputs: CheckInputs,
  checks: readonly Check[] = checksOf("cross-host"),
): Finding[] {
  const ctx = new BuildContext();
  for (const n of networks) ctx.add(n);
  const sorted = [...fragments].sort((a, b) => compareCodePoints(a.podKey, b.podKey));
  for (const f of sorted) {
    for (const el of f.elements) if (!ctx.get(el.id)) ctx.add(el);
    for (const l of f.links) ctx.links.set(l.id, l);
  }
  for (const c of checks) c.run(ctx, inputs);
  return ctx.findings;
}
