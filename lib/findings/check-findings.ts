import type { FindingInfo } from "./info";

/** Checks on addresses, ranges, parents and plugins, beyond the wiring itself (lib/topology/checks-*.ts). */
export const checkFindings = {
  "ip-outside-range": {
    severity: ["warning"],
    title: "Address outside the network's range",
    meaning:
      "An interface has an address outside every range its network declares, so it did not come from that IPAM (a static address, or a NAD changed after the pod started).",
    fix: "Recreate the pod so it gets an address from the current range, or correct the address in its networks annotation.",
  },
  "ip-in-excluded-range": {
    severity: ["warning"],
    title: "Address inside an excluded range",
    meaning:
      "An interface has an address the network's IPAM excludes, e.g. a gateway or a block reserved for something else.",
    fix: "Recreate the pod so it gets an allowed address, or remove the address from the exclude list if it is not reserved after all.",
  },
  "ippool-nearly-full": {
    severity: ["warning"],
    title: "IP range nearly full",
    meaning: "A whereabouts range has 90 % or more of its addresses allocated, so the next pods may not get one.",
    fix: "Widen the range in the NetworkAttachmentDefinition, or free leaked reservations (ippool-stale-allocation) before it fills up.",
  },
  "ippool-exhausted": {
    severity: ["error"],
    title: "IP range full",
    meaning:
      "A whereabouts range has no free address left: new pods on this network will be stuck in ContainerCreating.",
    fix: "Widen the range (or range_start/range_end), or free leaked reservations, or scale down pods on that network.",
  },
  "ip-reserved-twice": {
    severity: ["error"],
    title: "Same IP reserved twice",
    meaning:
      "The whereabouts IPAM holds two reservations for one address for different pods (OverlappingRangeIPReservations in two namespaces, or one disagreeing with its IPPool), so two pods can end up with it.",
    fix: "Delete the reservation whose pod is gone or does not have the address, then recreate the pod that lost it; keep one whereabouts namespace for reservations.",
  },
  "overlapping-ranges": {
    severity: ["warning"],
    title: "Overlapping ranges on one segment",
    meaning:
      "Networks on the same master, bridge or VLAN hand out addresses from overlapping ranges, so two pods can get the same address on the same wire. One finding per group of networks whose ranges overlap (directly or through another of the group), naming them all.",
    fix: "Give the networks disjoint ranges, or use one NetworkAttachmentDefinition (one IPAM) for the segment.",
  },
  "master-down": {
    severity: ["warning"],
    title: "Parent device down",
    meaning: "NodeNetworkState reports the master or parent device of attached pods as down, so they have no link.",
    fix: "Bring the device up on that node (its NodeNetworkConfigurationPolicy, cabling, or the switch port).",
  },
  "parent-device-busy": {
    severity: ["error", "warning"],
    title: "Parent device already taken",
    meaning:
      "A macvlan or ipvlan network's master is already held on that node: a port of a bridge, bond or team, or the master of the other kind (one device carries macvlans or ipvlans, not both). The kernel refuses the pod's interface (\"device or resource busy\") and the pod stays in ContainerCreating.",
    fix: "Give the network a master of its own on that node: another NIC, a VLAN on it, or the bridge itself (a macvlan on the bridge device works); or attach the pods to the bridge with a bridge network.",
  },
  "mtu-exceeds-parent": {
    severity: ["warning"],
    title: "MTU larger than the parent's",
    meaning: "The network asks for a larger MTU than its parent device has on the node, so large frames are dropped.",
    fix: "Lower the network's mtu to the parent's, or raise the parent's MTU on every node (NodeNetworkConfigurationPolicy).",
  },
  "dhcp-daemon-missing": {
    severity: ["warning"],
    title: "dhcp IPAM without a dhcp daemon",
    meaning:
      "A network uses dhcp IPAM but no dhcp daemon pod is visible; the CNI dhcp plugin needs one on every node (on OpenShift the operator deploys it only for additionalNetworks entries).",
    fix: "Define the network as an additionalNetworks entry on OpenShift, or run the CNI dhcp daemon as a DaemonSet, or switch to whereabouts or static IPAM.",
  },
  "sriov-resource-missing": {
    severity: ["error"],
    title: "SR-IOV network without resourceName",
    meaning:
      "An SR-IOV NetworkAttachmentDefinition lacks the k8s.v1.cni.cncf.io/resourceName annotation, so no VF is allocated to its pods and the SR-IOV CNI fails.",
    fix: "Annotate the NAD with the device plugin's resource name (the SR-IOV operator's SriovNetwork does this).",
  },
  "sriov-resource-not-requested": {
    severity: ["error"],
    title: "Pod lacks the SR-IOV resource",
    meaning:
      "A pod asks for an SR-IOV network but its containers do not request that network's resource, so the kubelet allocates it no VF.",
    fix: "Add the resource to a container's requests and limits (the network-resources-injector webhook does it from the annotation).",
  },
  "bridge-island-split": {
    severity: ["warning"],
    title: "Bridge network split across hosts",
    meaning:
      "A bridge network with no uplink has pods on several hosts: each host's bridge is an island, so pods on different hosts cannot reach each other over it. Said only where the hosts' ports are observed (NodeNetworkState or Inspect node links): an uplink nothing observes is unknown, not absent.",
    fix: "Add a physical uplink port to the bridge on each host (NodeNetworkConfigurationPolicy), or keep the pods on one host, or use macvlan on a shared NIC.",
  },
} as const satisfies Record<string, FindingInfo>;
