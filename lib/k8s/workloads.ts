import { z } from "zod";
import { NETWORKS_ANNOTATION } from "../pod/annotations";
import { isObject } from "../result";

/** The workloads whose pod template "attach" edits and the topology draws. */
export const workloadKindSchema = z.enum(["Deployment", "StatefulSet", "DaemonSet"]);
export type WorkloadKind = z.infer<typeof workloadKindSchema>;

/** How a workload is named in a link (`?workload=Deployment/pod-a`) and in the attach form's picker. */
export const workloadKey = (w: { kind: string; name: string }): string => `${w.kind}/${w.name}`;

/** The kind and name a `Kind/name` key stands for; null for anything else (an unknown kind, no name). */
export function parseWorkloadKey(key: string): { kind: WorkloadKind; name: string } | null {
  const slash = key.indexOf("/");
  const kind = workloadKindSchema.safeParse(key.slice(0, slash));
  const name = key.slice(slash + 1);
  return slash > 0 && kind.success && name ? { kind: kind.data, name } : null;
}

/** A Deployment/StatefulSet/DaemonSet's pod-template networks annotation: what "attach" reads and rewrites. */
export function templateNetworks(workload: unknown): string | undefined {
  const spec = isObject(workload) && isObject(workload.spec) ? workload.spec : {};
  const template = isObject(spec.template) ? spec.template : {};
  const metadata = isObject(template.metadata) ? template.metadata : {};
  const annotations = isObject(metadata.annotations) ? metadata.annotations : {};
  const value = annotations[NETWORKS_ANNOTATION];
  return typeof value === "string" ? value : undefined;
}

/** The same workload with its pod-template networks annotation set ("" takes it out), everything else kept. */
export function withTemplateNetworks<T extends { spec?: unknown }>(workload: T, networks: string): T {
  const spec = isObject(workload.spec) ? workload.spec : {};
  const template = isObject(spec.template) ? spec.template : {};
  const metadata = isObject(template.metadata) ? template.metadata : {};
  const annotations = isObject(metadata.annotations) ? metadata.annotations : {};
  return {
    ...workload,
    spec: {
      ...spec,
      template: {
        ...template,
        metadata: {
          ...metadata,
          annotations: Object.fromEntries(
            Object.entries({ ...annotations, [NETWORKS_ANNOTATION]: networks }).filter(
              ([k, v]) => k !== NETWORKS_ANNOTATION || v !== "",
            ),
          ),
        },
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

/**
 * The JSON merge patch (RFC 7386) that sets a workload's pod-template networks annotation and touches nothing else;
 * "" takes the annotation out (null), so the pods ask for no secondary network at all.
 */
export function templateNetworksPatch<T extends object>(identity: T, networks: string) {
  const value = networks === "" ? null : networks;
  return { ...identity, spec: { template: { metadata: { annotations: { [NETWORKS_ANNOTATION]: value } } } } };
}
