import type { FindingInfo } from "./info";

// The tail every sandbox meaning shares: an error while the pod is stuck, a warning once it runs.
const stuck = "the pod stays in ContainerCreating (error), or a running pod's earlier attempt failed (warning).";

/** Sandbox failures read from the pod's events (FailedCreatePodSandBox, NoNetworkFound, ErrorAddingLogicalPort). */
export const sandboxFindings = {
  "sandbox-ip-range-exhausted": {
    severity: ["error", "warning"],
    title: "IP range exhausted",
    meaning: `The IPAM plugin has no free address left in the network's range: ${stuck}`,
    fix: "Widen the range (or range_start/range_end) in the NetworkAttachmentDefinition, free leaked whereabouts reservations, or scale down pods on that network.",
  },
  "sandbox-ip-in-use": {
    severity: ["error", "warning"],
    title: "IP address already in use",
    meaning: `The address the pod asks for (in its networks annotation or a static IPAM) is held by another pod or reservation: ${stuck}`,
    fix: "Give each pod its own address (check the ips in the networks annotation), or delete the stale reservation that still holds it.",
  },
  "sandbox-whereabouts-storage": {
    severity: ["error", "warning"],
    title: "whereabouts storage error",
    meaning: `The whereabouts IPAM could not read or update its IPPool or OverlappingRangeIPReservation objects (leader election, conflicts, API errors): ${stuck}`,
    fix: "Check that the whereabouts service account may update ippools and overlappingrangeipreservations, that the API server is reachable from the node, and the whereabouts logs.",
  },
  "sandbox-master-not-found": {
    severity: ["error", "warning"],
    title: "Master or host device not found",
    meaning: `The macvlan/ipvlan/vlan master or the host device the network names does not exist on the node the pod was scheduled to: ${stuck}`,
    fix: "Create the device on every node that runs such pods (NodeNetworkConfigurationPolicy), or correct master/device in the NetworkAttachmentDefinition, or restrict the pods to nodes that have it.",
  },
  "sandbox-device-busy": {
    severity: ["error", "warning"],
    title: "Device busy",
    meaning: `The device is already in use: a host device moved into another pod, or a parent that cannot take another macvlan: ${stuck}`,
    fix: "Run one pod per host device on each node (anti-affinity or a DaemonSet), or delete the pod that still holds the device.",
  },
  "sandbox-ifname-exists": {
    severity: ["error", "warning"],
    title: "Interface name already exists",
    meaning: `The interface name the network would create already exists in the pod (two networks with the same interface name, or a retry after a half-done attempt): ${stuck}`,
    fix: "Give each network its own interface name in the pod's networks annotation (name@ifname), and recreate the pod.",
  },
  "sandbox-plugin-missing": {
    severity: ["error", "warning"],
    title: "CNI plugin not installed",
    meaning: `The CNI plugin binary the network's type (or its IPAM) names is not in the node's CNI bin directory: ${stuck}`,
    fix: "Install the plugin on every node (the containernetworking plugins, or whereabouts' DaemonSet), in the bin directory the runtime and Multus use.",
  },
  "sandbox-nad-not-found": {
    severity: ["error", "warning"],
    title: "NetworkAttachmentDefinition not found",
    meaning: `Multus could not find the NetworkAttachmentDefinition the pod asks for, in the namespace it looked in: ${stuck}`,
    fix: "Create the NetworkAttachmentDefinition in that namespace, or write namespace/name in the pod's networks annotation; remove empty entries (a trailing comma).",
  },
  "sandbox-invalid-config": {
    severity: ["error", "warning"],
    title: "Invalid CNI configuration",
    meaning: `The CNI configuration the plugin received cannot be used (bad JSON, a missing field, an IPAM that returns no address): ${stuck}`,
    fix: "Correct spec.config of the NetworkAttachmentDefinition (its finding names the field), then recreate the pod.",
  },
  "sandbox-dhcp-unreachable": {
    severity: ["error", "warning"],
    title: "DHCP daemon not running",
    meaning: `The network uses dhcp IPAM but no dhcp daemon answers on the node's socket: ${stuck}`,
    fix: "Run the CNI dhcp daemon on every node (on OpenShift, define the network as an additionalNetworks entry so the operator deploys it), or use whereabouts or static IPAM.",
  },
  "sandbox-sriov-resource": {
    severity: ["error", "warning"],
    title: "SR-IOV VF not allocated",
    meaning: `The SR-IOV CNI got no VF for the pod: the pod does not request the network's resource, the device plugin has none left, or the kubelet's pod resources cannot be read: ${stuck}`,
    fix: "Add the network's resourceName to the pod's requests and limits (the SR-IOV admission webhook does this), and check the node's allocatable VFs.",
  },
  "sandbox-multus-not-ready": {
    severity: ["error", "warning"],
    title: "Multus not ready on the node",
    meaning: `Multus on the node is not ready: its daemon is not listening (thick plugin), or the default network's readiness indicator file is missing: ${stuck}`,
    fix: "Check the Multus DaemonSet pod on that node and the default network (its CNI config file must exist); the pod is retried once Multus is up.",
  },
  "sandbox-timeout": {
    severity: ["error", "warning"],
    title: "Sandbox setup timed out",
    meaning: `A step of the network setup timed out (reaching the API server, waiting for a pod annotation, an IPAM lease): ${stuck}`,
    fix: "Check that the node reaches the API server and that the network's controller (ovn-kubernetes, whereabouts, dhcp server) answers; the kubelet retries by itself.",
  },
  "sandbox-failed": {
    severity: ["error", "warning"],
    title: "Sandbox creation failed",
    meaning: `The pod's network setup failed with a message Plumbline does not recognise (kept verbatim): ${stuck}`,
    fix: "Read the full event text in the interface's details; the plugin it names is usually the one to look at.",
  },
  "attachment-from-event": {
    severity: ["info"],
    title: "Attachment known only from events",
    meaning:
      "The pod's network-status annotation does not (yet) list this interface, but Multus' AddedInterface event says it was added, with these addresses.",
    fix: "Nothing, if the pod is starting; if it persists, check that Multus may patch pods (its network-status update fails otherwise).",
  },
} as const satisfies Record<string, FindingInfo>;
