import type { FindingInfo } from "./info";

/** Findings of a reachability check: what the probes measured against what the topology predicts (lib/reach). */
export const reachFindings = {
  "reach-unexpected-failure": {
    severity: ["error"],
    title: "Pods cannot reach each other (unexpected)",
    meaning:
      "Probe pods on two nodes pinged each other over a secondary network and got no reply, although the topology predicts they share a segment (a shared parent NIC, an uplinked bridge).",
    fix: "Work through the checks listed with the result for this network type: the parent or uplink's link state on both nodes first, then the switch segment, the firewall and the addresses.",
  },
  "reach-unexpected-success": {
    severity: ["warning"],
    title: "Pods reach each other where the topology says they cannot",
    meaning:
      "Probe pods on two nodes reached each other over a network the topology predicts is cut between them (an island bridge, different segments), so the picture is missing a link.",
    fix: "Inspect the nodes' links (or install kubernetes-nmstate) so the port joining them is observed; if the segments must stay apart, find what joins them.",
  },
  "reach-not-tested": {
    severity: ["warning"],
    title: "Reachability not tested on a node",
    meaning:
      "A reachability check could not test a node: its probe pod was not scheduled, its image could not be pulled, it got no address on the network, or it reported nothing in time.",
    fix: "Read the reason in the message (taints, a full or cordoned node, the probe image, the network's IPAM) and run the check again once it is fixed.",
  },
} as const satisfies Record<string, FindingInfo>;
