import type { OvnNetwork } from "../contract/ovn";
import type { HostSideElement, InterfaceElement, NetworkElement, TopologyElement } from "../contract/schema";
import { type JsonObject, num, preview } from "../result";

/** What a NAD's main plugin says about where its interfaces go (lib/nad/parse-config.ts keeps it in NadConfig). */
export interface PluginFields {
  bridge?: string;
  master?: string;
  device?: string;
  hwaddr?: string;
  pciBusID?: string;
  kernelpath?: string;
  vlan?: number;
  /** ovn-k8s-cni-overlay: topology, role, physical network, subnets (lib/plugins/ovn-overlay.ts) */
  ovn?: OvnNetwork;
}

/** The host-side point a pod's interface hangs off. */
export interface HostPoint {
  kind: HostSideElement["kind"];
  device: string;
  /** a VLAN the point carries for this interface */
  vlan?: number;
  /** the L2 segment, when the plugin knows it better than the kind does (an OVN layer2 switch spans hosts) */
  segment?: string;
  /** an Open vSwitch bridge even where nothing observes the host (an OVN localnet always leaves by one) */
  ovs?: true;
}

/** What a plugin may ask of the host an interface lands on. */
export interface HostView {
  /** the host's links are observed (NodeNetworkState or a probe): absence from them means something */
  observed: boolean;
  /** the OVS bridge an OVN-Kubernetes localnet physical network is mapped to on this host (nmstate ovn.bridge-mappings) */
  bridgeFor(physicalNetwork: string): string | undefined;
}

/**
 * One CNI plugin, everything Plumbline knows of it but its form (parse, picture, reach, words). The form half
 * (schema, defaults, config <-> form) sits in the same file as `form`, registered in registry.ts.
 */
export interface Plugin<T extends string = string> {
  /** the CNI `type`, which is also the form's main type */
  type: T;
  /** the type picker's name and one line */
  label: string;
  blurb: string;
  /** what the settings say about it: how it wires a pod, what to mind */
  note: string;
  /** reads the main plugin's own keys; a problem here becomes a finding on the network, the network still drawn */
  parse(main: JsonObject, problems: string[]): PluginFields;
  /** the host-side point a pod's interface hangs off; null when it has none on the host (or it cannot be told) */
  point(config: PluginFields, iface: InterfaceElement, net: NetworkElement, host: HostView): HostPoint | null;
  /** the device a host needs for this network (placement); `created`: the plugin creates it when missing */
  needs(net: NetworkElement): { device: string | null; role: string; created: boolean };
  /**
   * whether pods of this network on different hosts reach each other, read off the points they hang off; a list of
   * hosts names `listed` of them, then "and N more" (lib/names-list.ts)
   */
  reach(net: NetworkElement, points: readonly TopologyElement[], listed?: number): string | null;
  /** the config keys its form expresses beside cniVersion, name, type and ipam: anything else opens as raw JSON */
  formKeys: readonly string[];
  /**
   * the config's `name` is not the NAD's but a name the plugin shares across NADs (OVN-Kubernetes: the OVN network's
   * name, the same in every NAD on that network), so a name unlike the NAD's is no mistake
   */
  sharedName?: boolean;
}

/** A field of a plugin's form drawn from this description (components/network-form/declared-fields.tsx). */
export interface DeclaredField {
  /** the key under `main` */
  name: string;
  label: string;
  kind: "text" | "number" | "checkbox";
  placeholder?: string;
  hint?: string;
}

/** An integer field of a plugin, within bounds; anything else is a problem and left out. */
export function intField(o: JsonObject, key: string, problems: string[], min: number, max: number): number | undefined {
  if (!(key in o)) return undefined;
  const n = num(o[key]);
  if (n === undefined || !Number.isInteger(n) || n < min || n > max) {
    problems.push(`\`${key}\` must be a whole number from ${min} to ${max}, got ${preview(o[key])}`);
    return undefined;
  }
  return n;
}

/** The reach of plugins that hang pods off a host NIC (macvlan, ipvlan, vlan). */
export const sharedSegment = (net: NetworkElement): string =>
  `Pods share the L2 segment of ${net.master ?? "the default-route NIC"}${net.vlan !== undefined ? ` (VLAN ${net.vlan})` : ""} across hosts.`;

/** A pod's interface hangs off a parent NIC of its node (`master`; none written: the default-route NIC). */
export const parentPoint =
  (kind: "macvlan-parent" | "ipvlan-parent") =>
  (c: { master?: string }): HostPoint => ({
    kind,
    device: c.master ?? "default-route NIC",
  });
export const needsParent = (net: { master?: string }) => ({
  device: net.master ?? null,
  role: "parent NIC",
  created: false,
});
