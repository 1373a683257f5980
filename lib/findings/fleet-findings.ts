import type { FindingInfo } from "./info";

/** Findings across clusters (lib/fleet): what no single cluster's check can see. `check --all-contexts` prints them. */
export const fleetFindings = {
  "fleet-network-drift": {
    severity: ["warning"],
    title: "Same network name, different config across clusters",
    meaning:
      "A NetworkAttachmentDefinition with the same namespace and name has a different CNI config on some clusters (type, parent, VLAN, range…), so a workload moved between them attaches to something else.",
    fix: "Compare the differences listed and make the NADs equal (or rename the one that is meant to differ); GitOps the NAD from one source.",
  },
  "fleet-network-missing": {
    severity: ["warning"],
    title: "A cluster lacks a network a workload asks for",
    meaning:
      "A Deployment, StatefulSet or DaemonSet's pod template asks for a network on one cluster, and another cluster, which Plumbline could read, has no NAD of that namespace and name: the workload's pods would not start there.",
    fix: "Create the NAD on that cluster before the workload goes there, or take the network out of the template if it is not needed.",
  },
  "fleet-overlapping-ranges": {
    severity: ["warning"],
    title: "Clusters hand out addresses from overlapping ranges on the same segment",
    meaning:
      "Networks on different clusters use the same kind of attachment (type, parent or bridge, VLAN) with overlapping IP ranges; each cluster's IPAM allocates alone, so if the clusters share that segment the same address can be given to two pods.",
    fix: "Give each cluster its own part of the range (whereabouts range_start/range_end or exclude), or make sure the segments are apart (different VLANs or switches).",
  },
  "fleet-cluster-unknown": {
    severity: ["warning"],
    title: "A cluster could not be read",
    meaning:
      "A context of the fleet is unreachable, refuses the credentials, or may not list NetworkAttachmentDefinitions: what it holds is unknown, and no finding says it lacks anything.",
    fix: "Read the reason: start or reach the API server, renew the credentials, or grant list/watch on network-attachment-definitions.",
  },
} as const satisfies Record<string, FindingInfo>;
