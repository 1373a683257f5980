// A pod's two Multus annotations, read for the topology: what it asks for and what it got. A malformed one becomes a
// finding on the pod, never a crash.

import type { PodElement } from "../contract/schema";
import { annotation, type KubeObject } from "../k8s/objects";
import {
  NETWORK_STATUS_ANNOTATION,
  NETWORKS_ANNOTATION,
  NETWORKS_STATUS_ANNOTATION_DEPRECATED,
} from "../pod/annotations";
import { type NetworkStatus, parseNetworkStatus } from "../pod/network-status";
import { type NetworkRequest, parseNetworksAnnotation } from "../pod/networks-annotation";
import type { BuildContext } from "./context";

interface ParsedAnnotations {
  requests: ReturnType<typeof parseNetworksAnnotation> | undefined;
  /** the annotation the statuses were read from (the deprecated one only when the current one is missing) */
  statusKey: string;
  statuses: ReturnType<typeof parseNetworkStatus> | undefined;
}

const parsedPods = new WeakMap<KubeObject, ParsedAnnotations>();

/**
 * A pod's two annotations parsed once per pod object (a source hands out a new object per change, and what is parsed
 * here is copied before anything changes it): a shard built again parses none of its pods' annotations again, and a
 * live source has each parsed as its List streams in (server/sources/live/parts.ts stamp), not after the last pod.
 */
export function parsedAnnotations(pod: KubeObject): ParsedAnnotations {
  let parsed = parsedPods.get(pod);
  if (parsed === undefined) {
    const requests = annotation(pod, NETWORKS_ANNOTATION);
    const statusKey =
      annotation(pod, NETWORK_STATUS_ANNOTATION) !== undefined
        ? NETWORK_STATUS_ANNOTATION
        : NETWORKS_STATUS_ANNOTATION_DEPRECATED;
    const statuses = annotation(pod, statusKey);
    parsed = {
      // the namespace the build gives the pod (addPod)
      requests:
        requests === undefined ? undefined : parseNetworksAnnotation(requests, pod.metadata.namespace ?? "default"),
      statusKey,
      statuses: statuses === undefined ? undefined : parseNetworkStatus(statuses),
    };
    parsedPods.set(pod, parsed);
  }
  return parsed;
}

export function readRequests(ctx: BuildContext, pod: KubeObject, el: PodElement): NetworkRequest[] {
  const parsed = parsedAnnotations(pod).requests;
  if (parsed === undefined) return [];
  if (parsed.ok) return [...parsed.value];
  ctx.finding(
    "error",
    "pod-annotation-invalid",
    `Pod ${el.namespace}/${el.name}: ${NETWORKS_ANNOTATION} ${parsed.error}`,
    [el.id],
  );
  return [];
}

export function readStatuses(ctx: BuildContext, pod: KubeObject, el: PodElement): NetworkStatus[] {
  const { statusKey: key, statuses: parsed } = parsedAnnotations(pod);
  if (parsed === undefined) return [];
  if (!parsed.ok) {
    ctx.finding("error", "pod-annotation-invalid", `Pod ${el.namespace}/${el.name}: ${key} ${parsed.error}`, [el.id]);
    return [];
  }
  if (key === NETWORKS_STATUS_ANNOTATION_DEPRECATED) {
    ctx.finding(
      "info",
      "deprecated-annotation",
      `Pod ${el.namespace}/${el.name}: its attachments are read from ${key}, which Multus deprecated (4.0 stopped writing it); ${NETWORK_STATUS_ANNOTATION} is missing, so this Multus is old or the annotation was copied by hand`,
      [el.id],
    );
  }
  // Older Multus (OpenShift 4.3-4.5) and the spec's own v1.3 example write no "default" key: the first entry, on eth0,
  // is the cluster-wide default network, which every pod is attached to first.
  const statuses = [...parsed.value];
  const first = statuses[0];
  if (first && !statuses.some((s) => s.isDefault) && (first.interface ?? "eth0") === "eth0")
    statuses[0] = { ...first, isDefault: true };
  // A bare secondary name (Multus 3.x, and the OpenShift documentation's examples) means the pod's own namespace.
  return statuses.map((s) =>
    s.isDefault || s.name.includes("/") ? s : { ...s, name: `${el.namespace}/${s.name}`, bareName: s.name },
  );
}
