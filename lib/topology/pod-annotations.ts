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

export function readRequests(ctx: BuildContext, pod: KubeObject, el: PodElement): NetworkRequest[] {
  const raw = annotation(pod, NETWORKS_ANNOTATION);
  if (raw === undefined) return [];
  const parsed = parseNetworksAnnotation(raw, el.namespace);
  if (parsed.ok) return parsed.value;
  ctx.finding(
    "error",
    "pod-annotation-invalid",
    `Pod ${el.namespace}/${el.name}: ${NETWORKS_ANNOTATION} ${parsed.error}`,
    [el.id],
  );
  return [];
}

export function readStatuses(ctx: BuildContext, pod: KubeObject, el: PodElement): NetworkStatus[] {
  const key =
    annotation(pod, NETWORK_STATUS_ANNOTATION) !== undefined
      ? NETWORK_STATUS_ANNOTATION
      : NETWORKS_STATUS_ANNOTATION_DEPRECATED;
  const raw = annotation(pod, key);
  if (raw === undefined) return [];
  const parsed = parseNetworkStatus(raw);
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
  const statuses = parsed.value;
  const first = statuses[0];
  if (first && !statuses.some((s) => s.isDefault) && (first.interface ?? "eth0") === "eth0")
    statuses[0] = { ...first, isDefault: true };
  // A bare secondary name (Multus 3.x, and the OpenShift documentation's examples) means the pod's own namespace.
  return statuses.map((s) =>
    s.isDefault || s.name.includes("/") ? s : { ...s, name: `${el.namespace}/${s.name}`, bareName: s.name },
  );
}
