import { hostNameOf, refOf } from "../contract/ids";
import type { NetworkElement, Topology } from "../contract/schema";

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
    case "bridge": {
      const islands = els.filter((e) => e.kind === "bridge" && e.uplinks.length === 0);
      const hosts = new Set(islands.map((e) => e.parent));
      if (islands.length > 0) {
        return `${net.bridge ?? "cni0"} has no uplink: pods reach each other through it only on the same host (an island on ${[...hosts].map((h) => hostNameOf(h ?? "")).join(", ")}).`;
      }
      return els.length ? `${net.bridge ?? "cni0"} is uplinked: pods on different hosts share its L2 segment.` : null;
    }
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
