import type { FindingInfo } from "./info";

/** OVN-Kubernetes networks (UserDefinedNetworks, localnet), MultiNetworkPolicies and KubeVirt VMs (lib/topology/checks-ovn.ts). */
export const ovnFindings = {
  "udn-not-ready": {
    severity: ["error"],
    title: "User-defined network not ready",
    meaning:
      "A UserDefinedNetwork or ClusterUserDefinedNetwork reports a condition that is not True (NetworkCreated, NetworkReady, …): OVN-Kubernetes did not render or set up its network, so pods that need it do not start. The message carries the condition's reason.",
    fix: "Read the condition's message (oc describe userdefinednetwork / clusteruserdefinednetwork): usually a NAD of the same name that OVN-Kubernetes does not own, pods already running in the namespace, or a subnet it refuses; correct that and the controller retries.",
  },
  "udn-nad-overwritten": {
    severity: ["warning"],
    title: "NAD edited behind its owner's back",
    meaning:
      "A NetworkAttachmentDefinition rendered by OVN-Kubernetes from a UserDefinedNetwork or ClusterUserDefinedNetwork differs from what its owner says (topology, role, subnets, physical network or VLAN): the controller overwrites it with the owner's version, so the edit is lost.",
    fix: "Change the UserDefinedNetwork or ClusterUserDefinedNetwork instead (Plumbline's Edit goes there), never its NAD.",
  },
  "localnet-no-bridge-mapping": {
    severity: ["error"],
    title: "Localnet network without a bridge mapping on the node",
    meaning:
      "A pod on an OVN-Kubernetes localnet network runs on a node whose NodeNetworkState reports no bridge mapping (ovn.bridge-mappings) for the network's physical network name, so its traffic has no OVS bridge to leave the node by.",
    fix: "Add the mapping on that node with a NodeNetworkConfigurationPolicy (desiredState.ovn.bridge-mappings: localnet: <physicalNetworkName>, bridge: br-ex or a dedicated OVS bridge), or keep the pods off it with a nodeSelector.",
  },
  "cudn-no-namespace": {
    severity: ["warning"],
    title: "ClusterUserDefinedNetwork selects no namespace",
    meaning:
      "A ClusterUserDefinedNetwork's namespaceSelector matches no namespace (none of the read namespaces, and OVN-Kubernetes rendered no NAD for it), so no pod can use the network.",
    fix: "Label the namespaces that should have the network to match spec.namespaceSelector, or correct the selector (it cannot be changed after creation: recreate the CUDN).",
  },
  "udn-namespace-unlabelled": {
    severity: ["error"],
    title: "Primary UDN in a namespace without the label",
    meaning:
      "A primary UserDefinedNetwork (or a ClusterUserDefinedNetwork with role Primary) serves a namespace that lacks the label k8s.ovn.org/primary-user-defined-network; OVN-Kubernetes requires the label when the namespace is created, and does not make the UDN the pods' primary network without it.",
    fix: "Create the namespace with the label k8s.ovn.org/primary-user-defined-network (it cannot be added later to a namespace with pods), then create the UDN and the pods in it.",
  },
  "udn-subnet-overlap": {
    severity: ["warning"],
    title: "UDN subnet overlapping another network",
    meaning:
      "An OVN-Kubernetes network's subnets overlap the address range of another network in a namespace it serves: a pod on both has two routes to the same addresses, and the two IPAMs can hand out the same address.",
    fix: "Give the UserDefinedNetwork (or the other NAD) a subnet of its own; a UDN's subnets cannot change after creation, so recreate it.",
  },
  "policy-isolates": {
    severity: ["warning"],
    title: "MultiNetworkPolicy cuts pods off on a network",
    meaning:
      "A MultiNetworkPolicy that applies to this network (k8s.v1.cni.cncf.io/policy-for) has a policy type with no rule, e.g. a deny-all ingress: the pods it selects receive (or send) nothing on this network unless another policy allows it. The first thing to check when pods on the network cannot reach each other.",
    fix: "If the pods should talk, add an ingress (or egress) rule that allows them, or another MultiNetworkPolicy that does; if the isolation is meant, nothing.",
  },
  "udn-invalid": {
    severity: ["warning"],
    title: "Unreadable UserDefinedNetwork",
    meaning:
      "A UserDefinedNetwork or ClusterUserDefinedNetwork could not be read completely (a missing topology, its topology's section, or malformed subnets or selector), so its network is drawn from its NAD alone.",
    fix: "Inspect the object (oc get userdefinednetwork -o yaml); the API server's CEL rules refuse such objects, so it came from a file edited by hand or an older CRD.",
  },
} as const satisfies Record<string, FindingInfo>;
