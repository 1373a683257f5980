import type { Finding } from "../contract/schema";
import { boundMessage } from "../findings/bound-message";
import { labelsOf } from "../k8s/label-selector";
import type { KubeObject } from "../k8s/objects";
import type { ClusterSnapshot } from "../k8s/snapshot";
import { readVmi, type Vmi } from "../kubevirt/vm";
import { readUdn, type Udn, udnKey } from "../ovn/udn";
import { type MultiNetworkPolicy, readMultiNetworkPolicy } from "../policy/multi-network-policy";
import type { IntakeKind } from "./intake";

/**
 * What OVN-Kubernetes, MultiNetworkPolicy and KubeVirt objects add to the picture, read once per build (and per
 * network stage of the store): the UDNs and CUDNs by the key a NAD's owner reference names, the policies by the
 * network they apply to, the VMIs and VMs by namespace/name, the namespaces' labels. Their own problems become
 * findings with the networks' (a malformed object is named, never thrown).
 */
export interface ClusterExtras {
  udns: Map<string, Udn>;
  policiesByNetwork: Map<string, MultiNetworkPolicy[]>;
  vmis: Map<string, Vmi>;
  vms: Map<string, Vmi>;
  /** namespace → labels; null when no Namespace was read (absence then proves nothing) */
  namespaces: Map<string, Record<string, string>> | null;
  findings: Finding[];
}

/** The kinds, one intake each (a VM and its VMI share a name; UDNs are namespaced, CUDNs not). */
export const EXTRA_KINDS: readonly (IntakeKind & { slot: ExtraSlot; kind: string })[] = [
  { slot: "userDefinedNetworks", kind: "UserDefinedNetwork", label: "UserDefinedNetwork", namespaced: true },
  {
    slot: "userDefinedNetworks",
    kind: "ClusterUserDefinedNetwork",
    label: "ClusterUserDefinedNetwork",
    namespaced: false,
  },
  { slot: "multiNetworkPolicies", kind: "MultiNetworkPolicy", label: "MultiNetworkPolicy", namespaced: true },
  { slot: "virtualMachines", kind: "VirtualMachineInstance", label: "VirtualMachineInstance", namespaced: true },
  { slot: "virtualMachines", kind: "VirtualMachine", label: "VirtualMachine", namespaced: true },
  { slot: "namespaces", kind: "Namespace", label: "Namespace", namespaced: false },
];
export type ExtraSlot = "userDefinedNetworks" | "multiNetworkPolicies" | "virtualMachines" | "namespaces";

export const emptyExtras = (): ClusterExtras => ({
  udns: new Map(),
  policiesByNetwork: new Map(),
  vmis: new Map(),
  vms: new Map(),
  namespaces: null,
  findings: [],
});

/** The objects of each extra kind, as the intake stage took them in (valid names, one copy each, sorted). */
export type ExtraObjects = Record<string, readonly KubeObject[]>;

/** Splits a snapshot's extra slots by kind, for the intake of each. */
export function extraObjectsOf(snap: Pick<ClusterSnapshot, ExtraSlot>, kind: (typeof EXTRA_KINDS)[number]) {
  return snap[kind.slot].filter((o) => o.kind === kind.kind);
}

/** Namespaces were read completely: a namespace missing from them (or a label missing on one) means something. */
export const namespacesRead = (
  taken: readonly KubeObject[],
  snap: { incomplete: readonly string[]; absent?: readonly string[] },
): boolean =>
  taken.length > 0 && !snap.incomplete.includes("namespaces") && !(snap.absent ?? []).includes("namespaces");

const warn = (message: string): Finding => ({
  severity: "warning",
  code: "object-invalid",
  message: boundMessage(message),
  elements: [],
});

export function readExtras(
  objects: ExtraObjects,
  snap: { incomplete: readonly string[]; absent?: readonly string[] },
): ClusterExtras {
  const x = emptyExtras();
  for (const o of [...(objects.UserDefinedNetwork ?? []), ...(objects.ClusterUserDefinedNetwork ?? [])]) {
    const u = readUdn(o);
    if (u) x.udns.set(udnKey(u.kind, u.name, u.namespace), u);
  }
  for (const o of objects.MultiNetworkPolicy ?? []) {
    const p = readMultiNetworkPolicy(o);
    for (const n of p.networks) x.policiesByNetwork.set(n, [...(x.policiesByNetwork.get(n) ?? []), p]);
    if (p.problems.length)
      x.findings.push(warn(`MultiNetworkPolicy ${p.namespace}/${p.name}: ${p.problems.join("; ")}`));
  }
  for (const [kind, into] of [
    ["VirtualMachineInstance", x.vmis],
    ["VirtualMachine", x.vms],
  ] as const) {
    for (const o of objects[kind] ?? []) {
      const v = readVmi(o);
      if (!v) continue;
      into.set(`${v.namespace}/${v.name}`, v);
      if (v.problems.length) x.findings.push(warn(`${kind} ${v.namespace}/${v.name}: ${v.problems.join("; ")}`));
    }
  }
  if (namespacesRead(objects.Namespace ?? [], snap))
    x.namespaces = new Map((objects.Namespace ?? []).map((n) => [n.metadata.name, labelsOf(n.metadata)]));
  return x;
}
