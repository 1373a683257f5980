import type { NetFacts, SideFacts } from "./expect";

/**
 * What to check when pods could not reach each other though the topology says they should, per network type
 * (in the manner of Rook's multus validation suggestions), most likely first; observed facts first of all.
 */
export function failureChecks(net: NetFacts, a: SideFacts, b: SideFacts): string[] {
  const down = [a, b]
    .filter((s) => s.state && s.state !== "up")
    .map((s) => `${s.device ?? "its parent"} is ${s.state} on ${s.node}`);
  const facts = down.length
    ? [`Observed: ${down.join("; ")} — bring it up (\`ip link set <dev> up\`, or its NodeNetworkConfigurationPolicy).`]
    : [];
  const dev = a.device ?? net.master ?? net.device ?? net.bridge ?? "the parent";
  const subnet =
    "Check both probes got addresses in one subnet (the NAD's IPAM range) and that no other pod holds the same address (duplicate-ip findings).";
  switch (net.mainType) {
    case "bridge":
      return [
        ...facts,
        `Check that ${dev} has the NIC that joins the nodes as a port on both (\`ip link show master ${dev}\`) and that this NIC is up.`,
        "Check that the uplink NICs of both nodes are on one L2 segment at the switch (same VLAN, cabling).",
        "Check the node firewall does not filter bridged traffic (br_netfilter's net.bridge.bridge-nf-call-iptables with a DROP policy).",
        subnet,
      ];
    case "macvlan":
    case "ipvlan":
      return [
        ...facts,
        `Check that ${dev} is up with carrier on both nodes (\`ip link show ${dev}\`: NO-CARRIER or DOWN cuts every pod on it).`,
        `Check that the ${dev} NICs of both nodes are on one L2 segment (same switch VLAN, cabling).`,
        net.mainType === "macvlan"
          ? "Check the switch port accepts several MAC addresses (port security, MAC limits): every macvlan pod has its own MAC."
          : "Check the switch and any firewall accept several IP addresses behind the one MAC ipvlan pods share with the parent.",
        subnet,
      ];
    case "vlan":
      return [
        ...facts,
        `Check that the VLAN is allowed on both nodes' switch ports (a trunk for ${dev}).`,
        `Check that ${dev} is up on both nodes.`,
        subnet,
      ];
    case "host-device":
      return [
        ...facts,
        `Check that ${net.device ?? "the device"} on each node is cabled to one L2 segment; inside the pod it is the pod's own link (\`ip link\` in the pod).`,
        subnet,
      ];
    case "sriov":
      return [
        ...facts,
        `Check the VFs' VLAN, spoof checking and trust on ${dev} (\`ip link show ${dev}\` lists each VF).`,
        "Check that the PFs of both nodes are on one switch segment, and the SR-IOV policy's VLAN matches the switch's.",
        subnet,
      ];
    default:
      return [...facts, subnet];
  }
}

/** What to check when pods reached each other where the topology says they cannot. */
export function successChecks(net: NetFacts, a: SideFacts, b: SideFacts): string[] {
  if (net.mainType === "bridge")
    return [
      `${net.bridge ?? "The bridge"} is joined across nodes by something Plumbline does not see as an uplink (a port NodeNetworkState does not list, a VXLAN or OVS port, or one added since its last report): inspect the nodes' links.`,
      "If the bridge is meant to be per-node, find what joins it (`ip link show master <bridge>` on both nodes).",
    ];
  return [
    `The ${a.segment ?? "?"} and ${b.segment ?? "?"} segments are joined somewhere Plumbline cannot see (the switch, a router): if they should not be, check the switch VLANs.`,
  ];
}
