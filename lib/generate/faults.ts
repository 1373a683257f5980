import type { KubeObject } from "../k8s/objects";
import { NETWORK_STATUS_ANNOTATION, NETWORKS_ANNOTATION } from "../pod/annotations";

export interface FaultOptions {
  /** every n-th pod has its first secondary network requested but not attached (the pod is Pending) */
  unattachedEvery?: number;
  /** every n-th pod also asks for a network that has no NAD */
  missingNadEvery?: number;
  /** every n-th node has no NodeNetworkState (its links are inferred) */
  noNnsEvery?: number;
}

/**
 * A generated cluster with the faults real clusters have, spread evenly and deterministically, so an overview of it
 * has problems to show: pods stuck without an attachment, requests for a NAD that does not exist, nodes without
 * NodeNetworkState.
 */
export function withFaults(objects: readonly KubeObject[], opts: FaultOptions = {}): KubeObject[] {
  const { unattachedEvery = 97, missingNadEvery = 211, noNnsEvery = 23 } = opts;
  let pod = 0;
  let nns = 0;
  const out: KubeObject[] = [];
  for (const o of objects) {
    if (o.kind === "NodeNetworkState") {
      nns += 1;
      if (nns % noNnsEvery === 0) continue;
    }
    if (o.kind !== "Pod") {
      out.push(o);
      continue;
    }
    pod += 1;
    const annotations = { ...(o.metadata.annotations ?? {}) };
    let phase: string | undefined;
    if (pod % unattachedEvery === 0) {
      const status: unknown = JSON.parse(annotations[NETWORK_STATUS_ANNOTATION] ?? "[]");
      if (Array.isArray(status)) annotations[NETWORK_STATUS_ANNOTATION] = JSON.stringify(status.slice(0, 1));
      phase = "Pending";
    }
    if (pod % missingNadEvery === 0)
      annotations[NETWORKS_ANNOTATION] = `${annotations[NETWORKS_ANNOTATION] ?? ""},legacy-net`.replace(/^,/, "");
    const status = phase && typeof o.status === "object" && o.status ? { ...o.status, phase } : o.status;
    out.push({ ...o, metadata: { ...o.metadata, annotations }, ...(status === undefined ? {} : { status }) });
  }
  return out;
}
