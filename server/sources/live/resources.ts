import { NETWORK_EVENT_REASONS } from "@/lib/events/select";
import type { SnapshotSlot } from "@/lib/k8s/snapshot";
import { RUN_LABEL } from "@/lib/probes/manifest";

/** A kind the live source lists and watches. */
export interface WatchedResource {
  slot: SnapshotSlot;
  apiVersion: string;
  kind: string;
  /** plural, as in RBAC rules and error messages */
  resource: string;
  namespaced: boolean;
  /** a feature that is simply absent when the API group is not installed */
  feature?: string;
  /** what the UI says once when the feature is absent */
  absentMessage?: string;
  /** only the objects this field selector matches (events: one reason each, so nothing else is cached) */
  fieldSelector?: string;
  /** only the objects this label selector matches (pods: not Plumbline's own probe pods) */
  labelSelector?: string;
  /** watched instead when this kind's API group is absent (core v1 Events for events.k8s.io) */
  fallback?: WatchedResource;
}

/** One watch per network event reason: bounded to what the topology reads, not every event of the cluster. */
const EVENT_PARTS: WatchedResource[] = NETWORK_EVENT_REASONS.map((reason) => ({
  slot: "events",
  apiVersion: "events.k8s.io/v1",
  kind: "Event",
  resource: "events",
  namespaced: true,
  feature: "events.k8s.io",
  fieldSelector: `reason=${reason}`,
  fallback: {
    slot: "events",
    apiVersion: "v1",
    kind: "Event",
    resource: "events",
    namespaced: true,
    fieldSelector: `reason=${reason}`,
  },
}));

export const WATCHED: readonly WatchedResource[] = [
  { slot: "nodes", apiVersion: "v1", kind: "Node", resource: "nodes", namespaced: false },
  // Plumbline's own probe pods (reachability, node links) are its machinery, not the cluster's wiring: never drawn.
  { slot: "pods", apiVersion: "v1", kind: "Pod", resource: "pods", namespaced: true, labelSelector: `!${RUN_LABEL}` },
  {
    slot: "nads",
    apiVersion: "k8s.cni.cncf.io/v1",
    kind: "NetworkAttachmentDefinition",
    resource: "network-attachment-definitions",
    namespaced: true,
    feature: "Multus",
    absentMessage: "NetworkAttachmentDefinitions are not installed: this cluster has no Multus",
  },
  {
    slot: "nodeNetworkStates",
    apiVersion: "nmstate.io/v1beta1",
    kind: "NodeNetworkState",
    resource: "nodenetworkstates",
    namespaced: false,
    feature: "NodeNetworkState",
    absentMessage: "node links are inferred: NodeNetworkState is not installed",
  },
  {
    slot: "ipPools",
    apiVersion: "whereabouts.cni.cncf.io/v1alpha1",
    kind: "IPPool",
    resource: "ippools",
    namespaced: true,
    feature: "whereabouts",
    absentMessage: "IP range use is not shown: the whereabouts IPPool CRD is not installed",
  },
  {
    slot: "ipReservations",
    apiVersion: "whereabouts.cni.cncf.io/v1alpha1",
    kind: "OverlappingRangeIPReservation",
    resource: "overlappingrangeipreservations",
    namespaced: true,
    feature: "whereabouts",
  },
  {
    slot: "operatorNetwork",
    apiVersion: "operator.openshift.io/v1",
    kind: "Network",
    resource: "networks",
    namespaced: false,
    feature: "OpenShift",
    absentMessage: "not OpenShift: no Cluster Network Operator, so every NAD is edited directly",
  },
  // OVN-Kubernetes user-defined networks (what renders their NADs), MultiNetworkPolicies, KubeVirt VMs and the
  // namespaces' labels: each degrades alone when its CRD is absent or it may not be listed (lib/topology/extras.ts).
  ...(
    [
      [
        "userDefinedNetworks",
        "k8s.ovn.org/v1",
        "UserDefinedNetwork",
        "userdefinednetworks",
        true,
        "UserDefinedNetwork",
      ],
      [
        "userDefinedNetworks",
        "k8s.ovn.org/v1",
        "ClusterUserDefinedNetwork",
        "clusteruserdefinednetworks",
        false,
        "UserDefinedNetwork",
      ],
      [
        "multiNetworkPolicies",
        "k8s.cni.cncf.io/v1beta1",
        "MultiNetworkPolicy",
        "multi-networkpolicies",
        true,
        "MultiNetworkPolicy",
      ],
      ["virtualMachines", "kubevirt.io/v1", "VirtualMachineInstance", "virtualmachineinstances", true, "KubeVirt"],
      ["virtualMachines", "kubevirt.io/v1", "VirtualMachine", "virtualmachines", true, "KubeVirt"],
    ] as const
  ).map(
    ([slot, apiVersion, kind, resource, namespaced, feature]): WatchedResource => ({
      slot,
      apiVersion,
      kind,
      resource,
      namespaced,
      feature,
    }),
  ),
  { slot: "namespaces", apiVersion: "v1", kind: "Namespace", resource: "namespaces", namespaced: false },
  // The workloads whose pod templates "attach" edits: their template's networks against their running pods.
  ...["Deployment", "StatefulSet", "DaemonSet"].map(
    (kind): WatchedResource => ({
      slot: "workloads",
      apiVersion: "apps/v1",
      kind,
      resource: `${kind.toLowerCase()}s`,
      namespaced: true,
    }),
  ),
  ...EVENT_PARTS,
];

/** Every kind the live source may read, fallbacks included, once each (what the reader role must grant). */
export function watchedKinds(): { group: string; resource: string }[] {
  const seen = new Map<string, { group: string; resource: string }>();
  for (const w of WATCHED.flatMap((r) => (r.fallback ? [r, r.fallback] : [r]))) {
    const group = w.apiVersion.includes("/") ? (w.apiVersion.split("/")[0] ?? "") : "";
    seen.set(`${group}/${w.resource}`, { group, resource: w.resource });
  }
  return [...seen.values()];
}

export function resourcePath(r: WatchedResource, namespace?: string): string {
  const base = r.apiVersion.includes("/") ? `/apis/${r.apiVersion}` : `/api/${r.apiVersion}`;
  return namespace ? `${base}/namespaces/${namespace}/${r.resource}` : `${base}/${r.resource}`;
}

/**
 * Which read a List asks for. A source's first List of a kind is read from the API server's watch cache
 * (`resourceVersion=0`, "any version", as client-go's reflector asks its first List): the watch that follows starts at
 * the List's own version, so anything the cache had not yet seen arrives as a watch event. Where consistent Lists are
 * not served from the cache (an etcd without RequestWatchProgress, as the test bed's 3.4; API servers before 1.31) a
 * consistent List of 20,000 pods is read from etcd: ~2.0 s against ~0.7 s from the cache, measured on the bed. A List
 * again after a failed watch is a consistent read: the cache may be behind what the source had already seen.
 */
export type ListRead = "cache" | "consistent";

/** A List's query: the part's selectors (the list and its watch ask the same), and where the List is read from. */
export function listQuery(r: WatchedResource, read: ListRead): string {
  const params = new URLSearchParams();
  if (r.fieldSelector) params.set("fieldSelector", r.fieldSelector);
  if (r.labelSelector) params.set("labelSelector", r.labelSelector);
  if (read === "cache") params.set("resourceVersion", "0");
  return params.size ? `?${params}` : "";
}
