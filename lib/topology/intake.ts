import { compareCodePoints } from "../compare";
import type { Finding } from "../contract/schema";
import { isDnsLabel, isDnsSubdomain } from "../k8s/names";
import { newerCopy } from "../k8s/newer-copy";
import type { KubeObject } from "../k8s/objects";

/** How a kind is named: cluster-scoped (nodes) or namespaced, "default" when a file leaves the namespace out. */
export interface IntakeKind {
  label: string;
  namespaced: boolean;
}

/**
 * The first stage of the build: objects Kubernetes itself would refuse by name are left out with a finding (their
 * names would make element ids collide), a namespaced object without a namespace gets "default", and two copies of
 * one object become one, chosen the same way whatever the input order. Sorted by key, in code-point order.
 */
export function intake(objects: readonly KubeObject[], kind: IntakeKind, findings: Finding[]): KubeObject[] {
  const byKey = new Map<string, KubeObject>();
  const refused: string[] = [];
  for (const obj of objects) {
    const { name } = obj.metadata;
    const namespace = kind.namespaced ? (obj.metadata.namespace ?? "default") : undefined;
    const bad = !isDnsSubdomain(name)
      ? `name ${JSON.stringify(name.slice(0, 80))}`
      : namespace !== undefined && !isDnsLabel(namespace)
        ? `namespace ${JSON.stringify(namespace.slice(0, 80))}`
        : null;
    if (bad) {
      refused.push(
        `${kind.label} with ${bad}: not a valid Kubernetes name, so the API server would refuse it; left out`,
      );
      continue;
    }
    const normal: KubeObject =
      namespace === obj.metadata.namespace ? obj : { ...obj, metadata: { ...obj.metadata, namespace } };
    const key = namespace === undefined ? name : `${namespace}/${name}`;
    const other = byKey.get(key);
    if (!other || newerCopy(normal, other)) byKey.set(key, normal);
  }
  for (const message of refused.sort(compareCodePoints)) {
    findings.push({ severity: "warning", code: "object-invalid", message, elements: [] });
  }
  return [...byKey.entries()].sort(([a], [b]) => compareCodePoints(a, b)).map(([, o]) => o);
}
