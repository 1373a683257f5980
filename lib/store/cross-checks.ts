import { compareCodePoints } from "../compare";
import { networkIdOfRef } from "../contract/ids";
import type { Finding, NetworkElement, TopologyElement, TopologyLink } from "../contract/schema";
import { type CheckInputs, runChecks } from "../topology/check-registry";
import { BuildContext } from "../topology/context";

/** What one pod brings to the checks that span hosts, with the key the full build orders pods by. */
export interface CrossFragment {
  podKey: string;
  elements: TopologyElement[];
  links: TopologyLink[];
}

/** The elements of a shard that the cross-host checks read: attachments to uplink-less bridges, dhcp users. */
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
  for (const [podId, ids] of pods) {
    const pod = elements.get(podId);
    if (!pod) continue;
    const fragment: CrossFragment = { podKey: podKeys.get(podId) ?? podId, elements: [], links: [] };
    for (const id of ids.slice(1)) {
      const iface = elements.get(id);
      if (iface?.kind !== "interface") continue;
      const net = networks.get(networkIdOfRef(iface.network));
      const dhcp = net?.ipam?.type === "dhcp" && !net.managedBy;
      let island = false; // this interface is attached to an uplink-less bridge
      for (const l of bySource.get(id) ?? []) {
        const point = elements.get(l.target);
        if (point?.kind !== "bridge" || !point.uplinksKnown || point.uplinks.length > 0) continue;
        fragment.elements.push(point);
        fragment.links.push(l);
        island = true;
      }
      if (dhcp || island) fragment.elements.push(iface);
    }
    if (fragment.elements.length || allPods) out.push({ ...fragment, elements: [pod, ...fragment.elements] });
  }
  return out;
}

/**
 * The checks that look across hosts (scope "cross-host": islands split over hosts, dhcp without a daemon), run on a
 * small context holding only what they read, inserted in the full build's order (networks, then pods by key) so
 * their findings read the same.
 */
export function crossHostFindings(
  networks: readonly NetworkElement[],
  fragments: readonly CrossFragment[],
  inputs: CheckInputs,
): Finding[] {
  const ctx = new BuildContext();
  for (const n of networks) ctx.add(n);
  const sorted = [...fragments].sort((a, b) => compareCodePoints(a.podKey, b.podKey));
  for (const f of sorted) {
    for (const el of f.elements) if (!ctx.get(el.id)) ctx.add(el);
    for (const l of f.links) ctx.links.set(l.id, l);
  }
  runChecks("cross-host", ctx, inputs);
  return ctx.findings;
}
