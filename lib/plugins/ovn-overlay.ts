import { hostNameOf } from "../contract/ids";
import type { OvnNetwork } from "../contract/ovn";
import type { BridgeElement, NetworkElement, TopologyElement } from "../contract/schema";
import { namesWithMore } from "../names-list";
import { parseCidr } from "../net/ip";
import { type JsonObject, preview, str } from "../result";
import { type HostPoint, intField, type Plugin } from "./plugin";

// OVN-Kubernetes' CNI plugin for secondary and user-defined networks (ovn-org/ovn-kubernetes,
// go-controller/pkg/cni/types NetConf; docs/features/multiple-networks and the OpenShift docs "Configuration for an
// OVN-Kubernetes additional network"). Keys: topology (layer2, layer3, localnet), role (primary, secondary),
// subnets and excludeSubnets (comma lists; layer3 as CIDR/hostPrefix), physicalNetworkName (localnet; defaults to
// the network's name), vlanID (localnet), mtu, netAttachDefName (namespace/name of the NAD), allowPersistentIPs.
// The config's `name` is the OVN network's name: every NAD on that network carries the same one.

const TOPOLOGIES = new Set(["layer2", "layer3", "localnet"]);

/** A comma list of CIDRs, each checked; layer3 subnets may carry a host prefix ("10.128.0.0/16/24"). */
function cidrList(v: unknown, key: string, problems: string[]): string[] {
  if (v === undefined) return [];
  const text = str(v);
  if (text === undefined) {
    problems.push(`\`${key}\` must be a comma-separated list of CIDRs, got ${preview(v)}`);
    return [];
  }
  const out: string[] = [];
  for (const part of text.split(",")) {
    const cidr = part.trim();
    if (cidr === "") continue;
    const plain = cidr.replace(/^(.+\/\d+)\/\d+$/, "$1");
    if (!parseCidr(plain)) problems.push(`\`${key}\` has ${preview(cidr)}, which is not a CIDR`);
    else out.push(plain);
  }
  return out;
}

/** The OVN keys of a config; a missing or unknown topology is a problem (OVN-Kubernetes refuses the network). */
export function parseOvn(main: JsonObject, problems: string[]): OvnNetwork {
  const topology = str(main.topology)?.toLowerCase();
  if (topology === undefined) problems.push("`topology` is missing: OVN-Kubernetes needs layer2, layer3 or localnet");
  else if (!TOPOLOGIES.has(topology))
    problems.push(`\`topology\` is ${preview(main.topology)}: OVN-Kubernetes knows layer2, layer3 and localnet`);
  const role = str(main.role)?.toLowerCase() ?? "secondary";
  if (role !== "primary" && role !== "secondary")
    problems.push(`\`role\` is ${preview(main.role)}: primary or secondary`);
  const networkName = str(main.name) ?? "";
  const physical = str(main.physicalNetworkName);
  if (topology === "layer3" && main.subnets === undefined)
    problems.push("`subnets` is missing: a layer3 network needs its subnets (CIDR/host prefix)");
  return {
    topology: topology ?? "unknown",
    role,
    networkName,
    ...(topology === "localnet" ? { physicalNetwork: physical ?? networkName } : {}),
    subnets: cidrList(main.subnets, "subnets", problems),
    excludeSubnets: cidrList(main.excludeSubnets, "excludeSubnets", problems),
  };
}

/** The logical switch a pod's interface hangs off: layer2 one across hosts (one segment), layer3 one per node. */
function switchPoint(ovn: OvnNetwork): HostPoint {
  const device = ovn.networkName || "OVN network";
  return ovn.topology === "layer2"
    ? { kind: "ovn-switch", device, segment: `ovn:${device}` }
    : { kind: "ovn-switch", device };
}

export const ovnOverlay: Plugin<"ovn-k8s-cni-overlay"> = {
  type: "ovn-k8s-cni-overlay",
  label: "OVN-Kubernetes",
  blurb: "OVN-Kubernetes layer2, layer3 or localnet network",
  note: "An OVN logical network: layer2 is one switch across every node, layer3 a switch per node joined by a router, localnet a switch that leaves each node through the OVS bridge its bridge mappings name.",
  parse: (main, problems) => {
    const ovn = parseOvn(main, problems);
    const vlan = ovn.topology === "localnet" ? intField(main, "vlanID", problems, 1, 4094) : undefined;
    return { ovn, ...(vlan !== undefined ? { vlan } : {}) };
  },
  point: (c, _iface, _net, host) => {
    const ovn = c.ovn;
    if (!ovn) return null;
    if (ovn.topology === "layer2" || ovn.topology === "layer3") return switchPoint(ovn);
    if (ovn.topology !== "localnet") return null;
    const physical = ovn.physicalNetwork ?? ovn.networkName;
    const bridge = host.bridgeFor(physical);
    if (bridge) return { kind: "bridge", device: bridge, ovs: true, ...(c.vlan !== undefined ? { vlan: c.vlan } : {}) };
    // Nothing observes this host: which bridge the physical network leaves by is not known, and is drawn so.
    // Observed without a mapping: the pod cannot reach the physical network (a finding), and no point is drawn.
    return host.observed ? null : { kind: "bridge", device: `${physical} (bridge unknown)`, ovs: true };
  },
  needs: (net) =>
    net.ovn?.topology === "localnet"
      ? { device: null, role: `bridge mapping for ${net.ovn.physicalNetwork ?? net.ovn.networkName}`, created: false }
      : { device: null, role: "OVN logical switch", created: true },
  reach: (net, points, listed) => ovnReach(net, points, listed),
  formKeys: [],
  sharedName: true,
};

const hostList = (els: readonly TopologyElement[], listed?: number): string =>
  namesWithMore(
    els.map((e) => hostNameOf(e.parent ?? "") ?? ""),
    listed,
  );

function ovnReach(net: NetworkElement, points: readonly TopologyElement[], listed?: number): string | null {
  const ovn = net.ovn;
  if (!ovn) return null;
  const primary = ovn.role === "primary" ? " It is its pods' primary network (their default route)." : "";
  if (ovn.topology === "layer2")
    return `One OVN logical switch (${ovn.networkName}) across every node: pods on it share L2 wherever they run.${primary}`;
  if (ovn.topology === "layer3")
    return `A logical switch per node, each with its own slice of ${ovn.subnets.join(", ") || "the network's subnets"}, joined by an OVN router: pods on different nodes reach each other routed, not at L2.${primary}`;
  if (ovn.topology !== "localnet") return null;
  const physical = ovn.physicalNetwork ?? ovn.networkName;
  const vlan = net.vlan !== undefined ? ` on VLAN ${net.vlan}` : "";
  const bridges = points.filter((e): e is BridgeElement => e.kind === "bridge");
  const known = bridges.filter((b) => b.uplinksKnown);
  const unknown = bridges.filter((b) => !b.uplinksKnown);
  const said: string[] = [];
  const names = [...new Set(known.map((b) => `${b.device}${b.uplinks.length ? ` (${b.uplinks.join(", ")})` : ""}`))];
  if (known.length)
    said.push(
      `Leaves each node through ${names.join(", ")}, the OVS bridge its bridge mappings name for ${physical}: pods share the physical network's L2${vlan} across hosts.`,
    );
  if (unknown.length)
    said.push(
      `Which bridge ${physical} leaves by on ${hostList(unknown, listed)} is not known: nothing observes ${unknown.length === 1 ? "that node's" : "those nodes'"} bridge mappings (no NodeNetworkState).`,
    );
  return said.join(" ") || `A localnet network on the physical network ${physical}${vlan}.`;
}
