import { isObject, str } from "../result";
import type { UdnKind } from "./fields";

export interface UdnOwner {
  kind: UdnKind;
  name: string;
  /** a UserDefinedNetwork's namespace (the NAD's own: OVN-Kubernetes renders it beside its UDN) */
  namespace?: string;
}

/**
 * The UserDefinedNetwork or ClusterUserDefinedNetwork a NAD was rendered from: OVN-Kubernetes makes the NAD with an
 * ownerReference (controller) to it (ovn-kubernetes docs/okeps/okep-5085-localnet-api.md shows the rendered NAD),
 * and puts it back as rendered when it is edited, so the NAD is changed through its owner.
 */
export function udnOwnerOf(metadata: { namespace?: string; ownerReferences?: unknown }): UdnOwner | null {
  const refs = Array.isArray(metadata.ownerReferences) ? metadata.ownerReferences : [];
  for (const r of refs) {
    if (!isObject(r) || !str(r.apiVersion)?.startsWith("k8s.ovn.org/")) continue;
    const name = str(r.name);
    if (!name) continue;
    if (r.kind === "ClusterUserDefinedNetwork") return { kind: r.kind, name };
    if (r.kind === "UserDefinedNetwork")
      return { kind: r.kind, name, ...(metadata.namespace ? { namespace: metadata.namespace } : {}) };
  }
  return null;
}
