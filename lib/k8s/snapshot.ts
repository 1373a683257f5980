import type { Finding } from "../contract/schema";
import { eventSpec } from "../events/normalize";
import { boundMessage } from "../findings/bound-message";
import { isObject, str } from "../result";
import { newerCopy } from "./newer-copy";
import { asKubeObject, groupOf, type KubeObject, keyOf } from "./objects";

/** The objects a topology is built from, whichever source they came from. */
export interface ClusterSnapshot {
  nads: KubeObject[];
  pods: KubeObject[];
  nodes: KubeObject[];
  nodeNetworkStates: KubeObject[];
  ipPools: KubeObject[];
  /** whereabouts OverlappingRangeIPReservations: one per reserved address, across ranges */
  ipReservations: KubeObject[];
  operatorNetwork: KubeObject | null;
  /** Deployments, StatefulSets and DaemonSets: not drawn, but what "attach a network" patches */
  workloads: KubeObject[];
  /** Events (events.k8s.io/v1 or core v1), their body normalized into spec (lib/events/normalize) */
  events: KubeObject[];
  /** OVN-Kubernetes UserDefinedNetworks and ClusterUserDefinedNetworks (k8s.ovn.org/v1): what renders their NADs */
  userDefinedNetworks: KubeObject[];
  /** MultiNetworkPolicies (k8s.cni.cncf.io/v1beta1): who may talk to whom on a secondary network */
  multiNetworkPolicies: KubeObject[];
  /** KubeVirt VirtualMachines and VirtualMachineInstances (kubevirt.io/v1): the VMs behind virt-launcher pods */
  virtualMachines: KubeObject[];
  /** Namespaces (their labels: a primary UDN needs k8s.ovn.org/primary-user-defined-network; a CUDN selects by them) */
  namespaces: KubeObject[];
  /** what the source itself has to say: a feature absent, a part it may not read */
  notes: Finding[];
  /** resources the source could not read completely (so absence proves nothing), e.g. "pods" */
  incomplete: string[];
  /** resources whose API the cluster does not serve at all (the CRD is not installed), e.g. "nodenetworkstates" */
  absent?: string[];
}

export const emptySnapshot = (): ClusterSnapshot => ({
  nads: [],
  pods: [],
  nodes: [],
  nodeNetworkStates: [],
  ipPools: [],
  ipReservations: [],
  operatorNetwork: null,
  workloads: [],
  events: [],
  userDefinedNetworks: [],
  multiNetworkPolicies: [],
  virtualMachines: [],
  namespaces: [],
  notes: [],
  incomplete: [],
});

export type SnapshotSlot = Exclude<keyof ClusterSnapshot, "notes" | "incomplete" | "absent">;

/**
 * asKubeObject for a snapshot: an Event keeps its body at the top level, so it is read here, once, into spec in
 * one shape for both Event APIs (lib/events/normalize). Writers keep using asKubeObject and the object as it is.
 */
export function asSnapshotObject(v: unknown, fallback?: { apiVersion?: string; kind?: string }): KubeObject | string {
  const o = asKubeObject(v, fallback);
  if (typeof o === "string" || o.kind !== "Event" || !isObject(v)) return o;
  return { ...o, spec: eventSpec(v) };
}

/** Which slot of the snapshot a kind belongs in; null for kinds the topology does not use. */
export function slotOf(apiVersion: string, kind: string): SnapshotSlot | null {
  const group = groupOf(apiVersion);
  if (group === "" && kind === "Pod") return "pods";
  if (group === "" && kind === "Node") return "nodes";
  if (group === "k8s.cni.cncf.io" && kind === "NetworkAttachmentDefinition") return "nads";
  if (group === "nmstate.io" && kind === "NodeNetworkState") return "nodeNetworkStates";
  if (group === "whereabouts.cni.cncf.io" && kind === "IPPool") return "ipPools";
  if (group === "whereabouts.cni.cncf.io" && kind === "OverlappingRangeIPReservation") return "ipReservations";
  if (group === "operator.openshift.io" && kind === "Network") return "operatorNetwork";
  if ((group === "" || group === "events.k8s.io") && kind === "Event") return "events";
  if (group === "apps" && (kind === "Deployment" || kind === "StatefulSet" || kind === "DaemonSet")) return "workloads";
  if (group === "k8s.ovn.org" && (kind === "UserDefinedNetwork" || kind === "ClusterUserDefinedNetwork"))
    return "userDefinedNetworks";
  if (group === "k8s.cni.cncf.io" && kind === "MultiNetworkPolicy") return "multiNetworkPolicies";
  if (group === "kubevirt.io" && (kind === "VirtualMachine" || kind === "VirtualMachineInstance"))
    return "virtualMachines";
  if (group === "" && kind === "Namespace") return "namespaces";
  return null;
}

/**
 * Sorts loose objects (from files, Lists, must-gather trees) into a snapshot. Lists are flattened,
 * typed lists (PodList) lend their kind to items that lack one; kinds the topology does not use are skipped.
 * A later copy of the same object replaces an earlier one.
 */
export function snapshotFromObjects(
  objects: readonly unknown[],
  origin = "input",
  /** counts the Kubernetes objects found, of any kind: none at all (a file of `[[[…]]]`) is a mistake, not a cluster */
  read: { objects: number } = { objects: 0 },
): ClusterSnapshot {
  const snap = emptySnapshot();
  const seen = new Map<string, { slot: SnapshotSlot; obj: KubeObject }>();
  // An explicit stack, not recursion: a List nested in a List a million times must not overflow the stack.
  const todo: Visit[] = objects
    .map((raw, i) => ({ raw, where: objects.length === 1 ? origin : `${origin} document ${i + 1}` }))
    .reverse();
  for (let next = todo.pop(); next; next = todo.pop()) {
    const { raw, where, fallback } = next;
    if (raw === null || raw === undefined) continue;
    // A bare YAML sequence of objects: the `items:` of a List pasted without its header (an issue report's excerpt).
    if (Array.isArray(raw)) {
      for (let i = raw.length - 1; i >= 0; i--) todo.push({ raw: raw[i], where: `${where} item ${i}` });
      continue;
    }
    if (isObject(raw) && Array.isArray(raw.items) && (str(raw.kind) ?? "List").endsWith("List")) {
      const listKind = str(raw.kind) ?? "List";
      const kind = listKind === "List" ? undefined : listKind.slice(0, -"List".length);
      const inner = { apiVersion: str(raw.apiVersion), kind };
      for (let i = raw.items.length - 1; i >= 0; i--) {
        todo.push({ raw: raw.items[i], where: `${where} item ${i}`, fallback: inner });
      }
      continue;
    }
    const obj = asSnapshotObject(raw, fallback);
    if (typeof obj === "string") {
      snap.notes.push({
        severity: "warning",
        code: "object-invalid",
        message: boundMessage(`${where}: ${obj}; skipped`),
        elements: [],
      });
      continue;
    }
    read.objects++;
    const slot = slotOf(obj.apiVersion, obj.kind);
    // Kinds that share a slot may share a name (a Deployment and a StatefulSet "db", a VM and its VMI).
    if (slot) seen.set(`${slot}|${MIXED_SLOTS.has(slot) ? `${obj.kind}|` : ""}${keyOf(obj)}`, { slot, obj });
  }
  for (const { slot, obj } of seen.values()) {
    if (slot !== "operatorNetwork") snap[slot].push(obj);
    else if (obj.metadata.name === "cluster" && (!snap.operatorNetwork || newerCopy(obj, snap.operatorNetwork)))
      // Two `cluster` Networks (one with a stray namespace): the same one wins whatever the order of the files.
      snap.operatorNetwork = obj;
  }
  return snap;
}

/** Slots that hold several kinds. */
const MIXED_SLOTS = new Set<SnapshotSlot>(["workloads", "userDefinedNetworks", "virtualMachines"]);

interface Visit {
  raw: unknown;
  where: string;
  fallback?: { apiVersion?: string; kind?: string };
}
