import { z } from "zod";
import { NETWORKS_ANNOTATION } from "../pod/annotations";
import { isObject } from "../result";

/** The workloads whose pod template "attach" edits and the topology draws. */
export const workloadKindSchema = z.enum(["Deployment", "StatefulSet", "DaemonSet"]);

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
