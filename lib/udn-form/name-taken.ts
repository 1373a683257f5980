import type { UdnFields } from "./fields";

/**
 * A NAD already named like one this network would render. OVN-Kubernetes renders the NAD of a UDN (in its namespace)
 * or CUDN (in each selected namespace) under the network's own name, and never takes over a NAD it did not make: the
 * network's status then says "foreign NetworkAttachmentDefinition with the desired name already exist"
 * (ovn-kubernetes v1.1.0 go-controller/pkg/clustermanager/userdefinednetwork/controller_helper.go), and pods there
 * never get it. The API server accepts such a UDN, so the form says it at the name before anything is written.
 * A CUDN's namespaces picked by labels are not known here; those by name are.
 */
export function foreignNadProblem(
  f: Pick<UdnFields, "kind" | "name" | "namespace" | "selectorNamespaces">,
  nads: readonly { namespace?: string; name: string }[],
): string | null {
  const namespaces = f.kind === "UserDefinedNetwork" ? [f.namespace] : f.selectorNamespaces;
  const taken = namespaces.filter((ns) => nads.some((n) => n.namespace === ns && n.name === f.name));
  if (taken.length === 0) return null;
  const where = taken.map((ns) => `${ns}/${f.name}`).join(", ");
  return `a NAD ${where} already exists: OVN-Kubernetes does not take over a NAD it did not render, so this network would not reach ${taken.length === 1 ? "that namespace" : "those namespaces"}; choose another name`;
}
