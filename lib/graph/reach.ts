import { hostNameOf, refOf } from "../contract/ids";
import type { BridgeElement, NetworkElement, Topology, TopologyElement } from "../contract/schema";

/**
 * What an admin otherwise learns by pinging: can pods of this network on different hosts reach each other?
 * Read off the attachment points its interfaces hang off.
 */
export function networkReach(net: NetworkElement, t: Topology): string | null {
  const key = refOf(net);
  const ifaces = new Set(t.elements.filter((e) => e.kind === "interface" && e.network === key).map((e) => e.id));
  const points = new Set(t.links.filter((l) => l.kind === "attachment" && ifaces.has(l.source)).map((l) => l.target));
  const els = t.elements.filter((e) => points.has(e.id));
  switch (net.mainType) {
    case "bridge":
      return bridgeReach(net.bridge ?? "cni0", els);
    case "macvlan":
    case "ipvlan":
    case "vlan":
      return `Pods share the L2 segment of ${net.master ?? "the default-route NIC"}${net.vlan !== undefined ? ` (VLAN ${net.vlan})` : ""} across hosts.`;
    case "host-device":
      return `Each pod takes ${net.device ?? "the device"} out of its host: one pod per host, on that NIC's L2 segment.`;
    default:
      return null;
  }
}

const hostList = (els: readonly TopologyElement[]): string =>
  [...new Set(els.map((e) => hostNameOf(e.parent ?? "")))].join(", ");

/** Islands where the host's ports are observed; "not known" where nothing observes them (never a guessed island). */
function bridgeReach(bridge: string, els: readonly TopologyElement[]): string | null {
  const bridges = els.filter((e): e is BridgeElement => e.kind === "bridge");
  const islands = bridges.filter((e) => e.uplinksKnown && e.uplinks.length === 0);
  const unknown = bridges.filter((e) => !e.uplinksKnown);
  const said: string[] = [];
  if (islands.length > 0)
    said.push(
      `${bridge} has no uplink: pods reach each other through it only on the same host (an island on ${hostList(islands)}).`,
    );
  if (unknown.length > 0)
    said.push(
      `Whether ${bridge} has an uplink on ${hostList(unknown)} is not known: nothing observes ${unknown.length === 1 ? "that node's" : "those nodes'"} ports (no NodeNetworkState, not inspected), so whether pods there reach other hosts is not known either.`,
    );
  if (said.length > 0) return said.join(" ");
  return bridges.length ? `${bridge} is uplinked: pods on different hosts share its L2 segment.` : null;
}
