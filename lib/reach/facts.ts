import { hostId, networkIdOfRef, pointId } from "../contract/ids";
import type { HostSideElement, NetworkElement, Topology, TopologyElement } from "../contract/schema";
import type { NetFacts, SideFacts } from "./expect";

const POINT: Record<string, HostSideElement["kind"]> = {
  bridge: "bridge",
  macvlan: "macvlan-parent",
  ipvlan: "ipvlan-parent",
  vlan: "vlan-parent",
  "host-device": "host-device",
  sriov: "sriov-pf",
};

/** The network element for `ref` (namespace/name), or null. */
export function networkOf(t: Topology, ref: string): NetworkElement | null {
  const id = networkIdOfRef(ref);
  const el = t.elements.find((e) => e.id === id);
  return el?.kind === "network" ? el : null;
}

export function netFacts(net: NetworkElement, ref: string): NetFacts {
  return {
    ref,
    mainType: net.mainType,
    cniType: net.cniType,
    ...(net.mode ? { mode: net.mode } : {}),
    ...(net.bridge ? { bridge: net.bridge } : {}),
    ...(net.master ? { master: net.master } : {}),
    ...(net.device ? { device: net.device } : {}),
    ...(net.resourceName ? { resourceName: net.resourceName } : {}),
  };
}

function deviceOf(net: NetworkElement): string | undefined {
  switch (net.mainType) {
    case "bridge":
      return net.bridge ?? "cni0";
    case "host-device":
      return net.device;
    default:
      return net.master;
  }
}

/**
 * What the topology knows about the network's host side on `node`. A bridge not reported on a node whose links
 * are observed will be created by the bridge plugin without ports (an island); on a node whose links are not
 * observed nothing is assumed.
 */
export function sideFacts(
  t: Topology,
  net: NetworkElement,
  node: string,
  byId?: Map<string, TopologyElement>,
): SideFacts {
  const index = byId ?? new Map(t.elements.map((e) => [e.id, e]));
  const host = index.get(hostId(node));
  const hostObserved = host?.kind === "host" && host.linksObserved;
  const kind = net.mainType ? POINT[net.mainType] : undefined;
  const device = deviceOf(net);
  const point = kind && device ? index.get(pointId(node, kind, device)) : undefined;
  // The link's state as the node's observed links report it (no pod of the network may have made a point yet).
  const nic = host?.kind === "host" && device ? host.interfaces.find((i) => i.name === device) : undefined;
  const base = { node, ...(device ? { device } : {}), ...(nic?.state ? { state: nic.state.toLowerCase() } : {}) };
  if (!point || !("segment" in point)) {
    if (net.mainType === "bridge") return { ...base, observed: hostObserved, uplinks: [] };
    const segment = device ? (net.mainType === "sriov" ? `sriov:${device}` : `nic:${device}`) : undefined;
    return { ...base, observed: hostObserved, uplinks: [], ...(segment ? { segment } : {}) };
  }
  const uplinks = point.kind === "bridge" ? point.uplinks : [];
  // A bridge's ports are known when NodeNetworkState or a probe of the node's links reports them.
  const observed =
    point.kind === "bridge" ? hostObserved && point.uplinksKnown : hostObserved && point.provenance === "observed";
  return {
    ...base,
    observed,
    uplinks,
    segment: point.segment,
    ...(point.state ? { state: point.state.toLowerCase() } : {}),
  };
}

/** What a check on `ref` needs from the topology: the network's facts, the nodes to probe and their sides. */
export function reachFacts(
  t: Topology,
  ref: string,
  picked?: readonly string[],
): { net: NetFacts; nodes: string[]; sides: Map<string, SideFacts> } | { error: string } {
  const el = networkOf(t, ref);
  if (!el) return { error: `network ${ref} not found` };
  const hosts = t.elements.filter((e) => e.kind === "host").map((e) => e.name);
  const unknownNodes = (picked ?? []).filter((n) => !hosts.includes(n));
  if (unknownNodes.length) return { error: `no such node: ${unknownNodes.join(", ")}` };
  const nodes = picked?.length ? [...new Set(picked)] : hosts;
  if (nodes.length === 0) return { error: "the cluster has no nodes to probe" };
  const byId = new Map(t.elements.map((e) => [e.id, e]));
  return { net: netFacts(el, ref), nodes, sides: new Map(nodes.map((n) => [n, sideFacts(t, el, n, byId)])) };
}
