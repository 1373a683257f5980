import { NETWORKS_ANNOTATION } from "../pod/annotations";
import { isObject } from "../result";

/** A Deployment/StatefulSet/DaemonSet's pod-template networks annotation: what "attach" reads and rewrites. */
export function templateNetworks(workload: unknown): string | undefined {
  const spec = isObject(workload) && isObject(workload.spec) ? workload.spec : {};
  const template = isObject(spec.template) ? spec.template : {};
  const metadata = isObject(template.metadata) ? template.metadata : {};
  const annotations = isObject(metadata.annotations) ? metadata.annotations : {};
  const value = annotations[NETWORKS_ANNOTATION];
  return typeof value === "string" ? value : undefined;
}

/**
 * The same workload with its pod-template networks annotation set, everything else kept. Given only a workload's
 * identity (no spec), this is the merge patch that sets the annotation.
 */
export function withTemplateNetworks<T extends object>(workload: T, networks: string): T {
  const current: unknown = "spec" in workload ? workload.spec : undefined;
  const spec = isObject(current) ? current : {};
  const template = isObject(spec.template) ? spec.template : {};
  const metadata = isObject(template.metadata) ? template.metadata : {};
  const annotations = isObject(metadata.annotations) ? metadata.annotations : {};
  return {
    ...workload,
    spec: {
      ...spec,
      template: {
        ...template,
        metadata: { ...metadata, annotations: { ...annotations, [NETWORKS_ANNOTATION]: networks } },
      },
    },
  };
}

/** One row of the attach form's workload list: the workload and its pod template's networks, if it has any. */
export function workloadEntry<K extends string>(
  kind: K,
  namespace: string,
  workload: { metadata?: { name?: string } },
): { kind: K; namespace: string; name: string; networks?: string } {
  const networks = templateNetworks(workload);
  return { kind, namespace, name: workload.metadata?.name ?? "", ...(networks !== undefined ? { networks } : {}) };
}
