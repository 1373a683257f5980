import type { HostElement, NetworkElement, Topology } from "../contract/schema";
import { pluginOf } from "../plugins/registry";

export type HostFit =
  /** NodeNetworkState reports the device the network needs */
  | "present"
  /** the bridge plugin creates a missing bridge when the first pod attaches */
  | "created-on-first-pod"
  /** NodeNetworkState does not report it: a pod there would fail to start */
  | "missing"
  /** no NodeNetworkState for the host: it cannot be told */
  | "unknown";

export interface Placement {
  /** the host device the network needs: a bridge, a parent NIC or a host device; null when it needs none */
  device: string | null;
  /** what the device is, in words, e.g. "bridge" or "parent NIC" */
  role: string;
  hosts: { name: string; fit: HostFit }[];
}

const NO_DEVICE = { device: null, role: "device", created: false };
const needs = (net: NetworkElement) =>
  (net.cniType === null ? undefined : pluginOf(net.cniType)?.needs(net)) ?? NO_DEVICE;

function fitOn(host: HostElement, net: NetworkElement, device: string | null): HostFit {
  if (!host.linksObserved) return "unknown";
  if (device === null) return "present";
  if (host.interfaces.some((i) => i.name === device)) return "present";
  return needs(net).created ? "created-on-first-pod" : "missing";
}

/**
 * Where a network's pods can land: the hosts that have the bridge, parent NIC or device it names, per
 * NodeNetworkState. A network nobody uses yet is drawn with this, so the admin sees it exists and where it fits.
 */
export function placementOf(net: NetworkElement, t: Topology): Placement {
  const { device, role } = needs(net);
  const hosts = t.elements
    .filter((e): e is HostElement => e.kind === "host")
    .map((h) => ({ name: h.name, fit: fitOn(h, net, device) }))
    .sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
  return { device, role, hosts };
}
