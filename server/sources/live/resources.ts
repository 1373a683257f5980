import { Readable } from "node:stream";
import {
  ApiException,
  type KubeConfig,
  type KubernetesListObject,
  type KubernetesObject,
} from "@kubernetes/client-node";
import fetch from "node-fetch";
import { NETWORK_EVENT_REASONS } from "@/lib/events/select";
import { ListSplitter } from "@/lib/k8s/list-stream";
import type { SnapshotSlot } from "@/lib/k8s/snapshot";
import { RUN_LABEL } from "@/lib/probes/manifest";
import { isObject } from "@/lib/result";
import { leanInPlace } from "./lean";

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

type ListFn = () => Promise<KubernetesListObject<KubernetesObject>>;

/**
 * The list half of list+watch, as a plain GET read as it streams in: each item is parsed and cut to what the
 * topology reads (then handed to `onItem`) while the API server still sends the next ones, so 20,000 pods are never
 * one 45 MB string nor one graph of every full pod, and no single parse holds the event loop. (The generated clients
 * would also walk every field through their model classes.) Errors carry the status and body as the generated
 * clients' ApiException does, so they read the same.
 */
export function listFn(
  kc: KubeConfig,
  r: WatchedResource,
  namespace?: string,
  onItem?: (item: KubernetesObject) => void,
): ListFn {
  return async () => {
    const server = kc.getCurrentCluster()?.server;
    if (!server) throw new Error("no cluster configured");
    const init = await kc.applyToFetchOptions({});
    const params = new URLSearchParams();
    if (r.fieldSelector) params.set("fieldSelector", r.fieldSelector);
    if (r.labelSelector) params.set("labelSelector", r.labelSelector);
    const query = params.size ? `?${params}` : "";
    const url = `${server}${resourcePath(r, namespace)}${query}`;
    const res = await fetch(url, { ...init, method: "GET", compress: !nearby(server) });
    if (!res.ok) {
      const body = await res.text();
      throw new ApiException(res.status, `HTTP-Code: ${res.status}`, body, Object.fromEntries(res.headers.entries()));
    }
    const items: KubernetesObject[] = [];
    const splitter = new ListSplitter((text) => {
      // biome-ignore lint/plugin: an item of the API's own List; read through asSnapshotObject by the source
      const item = JSON.parse(text) as KubernetesObject;
      leanInPlace(item, r.kind);
      items.push(item);
      onItem?.(item);
    });
    await readChunks(res.body, (chunk) => splitter.push(chunk));
    const head = splitter.end();
    const metadata = isObject(head.metadata) ? head.metadata : {};
    return { ...head, metadata, items };
  };
}

/**
 * An API server on this machine or this cluster's own (in-cluster config): its Lists are read uncompressed. It would
 * gzip a 40 MB List (CPU on a core this process may share) for this process to gunzip on the thread that parses it;
 * neither pays off on so short a hop. A remote API server (a laptop's kubeconfig) still sends them compressed.
 */
export function nearby(server: string): boolean {
  let host: string;
  try {
    host = new URL(server).hostname.replace(/^\[|\]$/g, "");
  } catch {
    return false;
  }
  const inCluster = process.env.KUBERNETES_SERVICE_HOST;
  return (
    host === "localhost" || host === "::1" || /^127(\.\d{1,3}){3}$/.test(host) || (!!inCluster && host === inCluster)
  );
}

/** Every chunk of a response body, as it arrives (a listener per chunk: cheaper than an async iterator's promises). */
function readChunks(body: NodeJS.ReadableStream, onChunk: (chunk: Uint8Array) => void): Promise<void> {
  return new Promise((resolve, reject) => {
    body.on("data", (chunk: unknown) => {
      try {
        if (!(chunk instanceof Uint8Array)) throw new Error("the response body is text, not bytes");
        onChunk(chunk);
      } catch (err) {
        // The rest of a List that cannot be read is not waited for: the connection goes.
        body.removeAllListeners("data");
        if (body instanceof Readable) body.destroy();
        reject(err);
      }
    });
    body.once("error", reject);
    body.once("end", resolve);
  });
}
