import type { UdnFormValues } from "./schema";

/** The namespace label every namespace has (kube-apiserver sets it): selecting namespaces by name. */
const NAMESPACE_NAME_LABEL = "kubernetes.io/metadata.name";

export interface UdnObject {
  apiVersion: "k8s.ovn.org/v1";
  kind: UdnFormValues["kind"];
  metadata: { name: string; namespace?: string };
  spec: Record<string, unknown>;
}

const some = <T>(list: T[]): T[] | undefined => (list.length > 0 ? list : undefined);
const defined = (o: Record<string, unknown>): Record<string, unknown> =>
  Object.fromEntries(Object.entries(o).filter(([, v]) => v !== undefined));

function ipam(f: UdnFormValues): Record<string, unknown> | undefined {
  if (f.ipamMode === "Disabled") return { mode: "Disabled" };
  return f.persistentIps ? { lifecycle: "Persistent" } : undefined;
}

/** The topology's own section (spec.layer2 / layer3 / localnet, or spec.network.* for a CUDN). */
function topologySection(f: UdnFormValues): Record<string, unknown> {
  const join = f.role === "Primary" ? some(f.joinSubnets) : undefined;
  switch (f.topology) {
    case "Layer2":
      return defined({ role: f.role, subnets: some(f.subnets), joinSubnets: join, ipam: ipam(f), mtu: f.mtu });
    case "Layer3":
      return defined({
        role: f.role,
        subnets: f.layer3Subnets.map((s) => defined({ cidr: s.cidr, hostSubnet: s.hostSubnet })),
        joinSubnets: join,
        mtu: f.mtu,
      });
    case "Localnet":
      return defined({
        role: f.role,
        physicalNetworkName: f.physicalNetworkName,
        subnets: some(f.subnets),
        excludeSubnets: f.subnets.length > 0 ? some(f.excludeSubnets) : undefined,
        ipam: ipam(f),
        mtu: f.mtu,
        vlan: f.vlanId === undefined ? undefined : { mode: "Access", access: { id: f.vlanId } },
      });
  }
}

function namespaceSelector(f: UdnFormValues): Record<string, unknown> {
  const labels = Object.fromEntries(f.selectorLabels.map((l) => [l.key, l.value]));
  return defined({
    matchLabels: f.selectorLabels.length > 0 ? labels : undefined,
    matchExpressions:
      f.selectorNamespaces.length > 0
        ? [{ key: NAMESPACE_NAME_LABEL, operator: "In", values: f.selectorNamespaces }]
        : undefined,
  });
}

/**
 * The object a valid form creates, exactly (the preview shows it and the API stores it as it is: the CRDs default
 * nothing). Fields of other topologies are left out, so switching topology in the form never leaks into the object.
 */
export function toUdnObject(f: UdnFormValues): UdnObject {
  const key = f.topology === "Layer2" ? "layer2" : f.topology === "Layer3" ? "layer3" : "localnet";
  const network = { topology: f.topology, [key]: topologySection(f) };
  if (f.kind === "UserDefinedNetwork")
    return {
      apiVersion: "k8s.ovn.org/v1",
      kind: f.kind,
      metadata: { name: f.name, namespace: f.namespace },
      spec: network,
    };
  return {
    apiVersion: "k8s.ovn.org/v1",
    kind: f.kind,
    metadata: { name: f.name },
    spec: { namespaceSelector: namespaceSelector(f), network },
  };
}
