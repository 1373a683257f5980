import type { FindingInfo } from "./info";

/** Findings raised while joining NADs, pods, nodes and IP pools into the topology (lib/topology). */
export const topologyFindings = {
  "nad-invalid-config": {
    severity: ["error", "warning"],
    title: "Invalid network configuration",
    meaning:
      "A NetworkAttachmentDefinition's spec.config is not a CNI configuration Multus can use (an error), or has a field that will not do what it says (a warning).",
    fix: "Correct spec.config (or, on OpenShift, the additionalNetworks entry that renders it) so it is valid JSON with cniVersion, type or plugins, and the fields its plugin expects.",
  },
  "nad-name-mismatch": {
    severity: ["warning"],
    title: "CNI name differs from the NAD's",
    meaning:
      "The \"name\" inside a NetworkAttachmentDefinition's spec.config is not the NAD's own name. Multus goes by the NAD's name, so the config's name is ignored and misleads whoever reads the config or the plugins' logs.",
    fix: "Set \"name\" in spec.config to the NAD's metadata.name (or, on OpenShift, the additionalNetworks entry's name).",
  },
  "deprecated-annotation": {
    severity: ["info"],
    title: "Deprecated networks-status annotation",
    meaning:
      "A pod's attachments are read from k8s.v1.cni.cncf.io/networks-status, which Multus deprecated and stopped writing in 4.0; the current k8s.v1.cni.cncf.io/network-status is missing.",
    fix: "Nothing is wrong with the wiring; upgrade Multus (4.x writes network-status), and do not copy the old annotation into pod templates by hand.",
  },
  "node-links-inferred": {
    severity: ["info"],
    title: "Node links inferred",
    meaning:
      "NodeNetworkState does not report this node, so its bridges and NICs are drawn from the networks and pods that use them (dashed) rather than observed; the message says why: nmstate not installed, NodeNetworkStates unreadable, or no report from this node yet.",
    fix: 'Press "Inspect node links" on the host (a short-lived probe pod reads its links, as you), or install the kubernetes-nmstate operator (an NMState CR), or check that its handler pod runs on this node (node selectors, taints) and has reported.',
  },
  "node-links-probed": {
    severity: ["info"],
    title: "Node links probed",
    meaning:
      'This node\'s links were read by a probe pod Plumbline ran on it ("Inspect node links") at the time and as the user the message names, as no fresh NodeNetworkState reports them; kept until the node changes (a new Node object, a reboot), it is inspected again, or someone presses "Forget probed links".',
    fix: "Nothing is wrong; inspect again after changing the node's links, or install kubernetes-nmstate for links that stay current.",
  },
  "pod-annotation-invalid": {
    severity: ["error"],
    title: "Invalid pod network annotation",
    meaning:
      "A pod's k8s.v1.cni.cncf.io/networks or network-status annotation cannot be parsed, so Multus cannot tell which networks it wants or has.",
    fix: "Write the networks annotation as a comma-separated list of [namespace/]name[@ifname] or as a JSON list of selection objects, in the pod template of its workload.",
  },
  "workload-networks-invalid": {
    severity: ["error"],
    title: "Invalid networks annotation in a pod template",
    meaning:
      "A Deployment's, StatefulSet's or DaemonSet's pod template has a k8s.v1.cni.cncf.io/networks annotation that cannot be parsed: every pod it creates carries it, and Multus will not start them.",
    fix: "Write the template's annotation as a comma-separated list of [namespace/]name[@ifname] or as a JSON list of selection objects (kubectl edit, or Plumbline's Attach form, which writes a valid one).",
  },
  "workload-rollout-pending": {
    severity: ["info"],
    title: "Pods still run with the old networks",
    meaning:
      "A workload's pod template asks for other networks than some of its running pods: a pod keeps the annotation it was created with, so those pods get the template's networks only when the rollout replaces them.",
    fix: "Wait for the rollout, or start one (kubectl rollout restart deployment/<name>, or the StatefulSet or DaemonSet); a pod the rollout cannot replace stays listed here.",
  },
  "network-not-found": {
    severity: ["error"],
    title: "Requested network does not exist",
    meaning:
      "A pod requests a NetworkAttachmentDefinition that does not exist in the namespace it names, so Multus refuses to start the pod's sandbox.",
    fix: "Create the NetworkAttachmentDefinition in that namespace, or correct the name or namespace in the pod's networks annotation.",
  },
  "network-not-attached": {
    severity: ["error", "warning", "info"],
    title: "Requested network not attached",
    meaning:
      "A pod requests a network but its network-status has no such attachment: an error when the pod is scheduled and not running (it is stuck on it), a warning when it runs without it, info before it is scheduled.",
    fix: "Read the pod's events (kubectl describe pod) for the CNI error, and fix what it names; a pod that runs without the attachment needs to be recreated after the fix.",
  },
  "attached-not-requested": {
    severity: ["info"],
    title: "Attached but not requested",
    meaning:
      "A pod has an interface on a network that its networks annotation does not ask for, e.g. from a default network set by the cluster or an annotation changed after start.",
    fix: "Nothing, if it is expected; otherwise check the namespace's default networks and recreate the pod from its current template.",
  },
  "object-invalid": {
    severity: ["warning"],
    title: "Unreadable object",
    meaning: "An object in the input lacks kind, apiVersion or metadata.name and was skipped.",
    fix: "Regenerate the file with kubectl get -o yaml (or oc adm must-gather) rather than editing it by hand.",
  },
  "nns-invalid": {
    severity: ["warning"],
    title: "Unreadable NodeNetworkState",
    meaning:
      "A node's NodeNetworkState report cannot be read, so that node's links are inferred from the networks instead of observed.",
    fix: "Check the kubernetes-nmstate handler on that node (its pod logs and the NodeNetworkState status) and let it report again.",
  },
  "ippool-invalid": {
    severity: ["warning"],
    title: "Unreadable whereabouts IPPool",
    meaning: "A whereabouts IPPool's spec cannot be read, so the use of its range is not shown.",
    fix: "Inspect the IPPool (kubectl get ippools.whereabouts.cni.cncf.io -o yaml); a pool corrupted by hand can be deleted when no pod of its range runs.",
  },
  "operator-network-invalid": {
    severity: ["error"],
    title: "Invalid additionalNetworks entry",
    meaning:
      "An entry of networks.operator.openshift.io/cluster spec.additionalNetworks is malformed, so the Cluster Network Operator cannot render its NetworkAttachmentDefinition.",
    fix: "Correct the entry with oc edit networks.operator.openshift.io cluster (rawCNIConfig must be valid JSON; simpleMacvlanConfig needs valid fields).",
  },
  "operator-network-pending": {
    severity: ["warning"],
    title: "Operator has not rendered the network",
    meaning:
      "An additionalNetworks entry has no NetworkAttachmentDefinition yet, so pods that request it cannot start.",
    fix: "Check oc get clusteroperator network and the cluster-network-operator logs for why it did not render the entry.",
  },
  "device-missing-on-host": {
    severity: ["error", "warning"],
    title: "Device missing on node",
    meaning:
      "The node's NodeNetworkState does not report the master, parent or host device a network needs for a pod scheduled there: pods of that network cannot start on it (an error), or run on a device that has since gone (a warning).",
    fix: "Create the device on that node (an NodeNetworkConfigurationPolicy or MachineConfig), or use the name it has there, or keep the pods off that node with a nodeSelector.",
  },
  "host-device-conflict": {
    severity: ["error"],
    title: "Host device already taken",
    meaning:
      "A host-device network moves a NIC into one pod's namespace; another pod on the same node wants the same device and cannot get it while the first one holds it.",
    fix: "Run one such pod per node (a DaemonSet, or pod anti-affinity), or give each pod its own device with a separate NetworkAttachmentDefinition.",
  },
  "duplicate-ip": {
    severity: ["error"],
    title: "Same IP on two interfaces",
    meaning:
      "Interfaces on the same network have the same address, so all but one will not receive their traffic. One finding per address, naming every interface that has it.",
    fix: "Give static addresses once per network, or use one IPAM (one whereabouts range) for all NetworkAttachmentDefinitions that share the segment.",
  },
  "ippool-stale-allocation": {
    severity: ["warning"],
    title: "Leaked IP reservation",
    meaning:
      "A whereabouts IPPool still reserves an address for a pod that no longer exists (a leak, not an address in use), which shrinks the range until it is freed.",
    fix: "Let the whereabouts reconciler (ip-reconciler CronJob or the whereabouts controller) run, or remove the allocation from the IPPool when no pod uses it.",
  },
} as const satisfies Record<string, FindingInfo>;
