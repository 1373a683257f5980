import { networkIdOfRef, podId, refOf } from "../contract/ids";
import type { InterfaceElement } from "../contract/schema";
import type { KubeObject } from "../k8s/objects";
import { isObject } from "../result";
import type { BuildContext } from "./context";

/** Each network's interfaces (by namespace/name), in element order: one pass for all networks, not one each. */
function interfacesByNetwork(ctx: BuildContext): Map<string, InterfaceElement[]> {
  const out = new Map<string, InterfaceElement[]>();
  for (const e of ctx.elements.values()) {
    if (e.kind !== "interface") continue;
    const list = out.get(e.network);
    if (list) list.push(e);
    else out.set(e.network, [e]);
  }
  return out;
}

const SYSTEM_NAMESPACE = /^(kube-system|openshift-.+|multus.*)$/;
type PodLike = { kind: string; namespace?: string; name?: string; phase?: string };
/** A pod of the cluster's own (its presence says every pod, not a NAD's alone, is in the picture). */
export const isSystemPod = (p: PodLike): boolean => p.kind === "pod" && SYSTEM_NAMESPACE.test(p.namespace ?? "");
/** A running CNI dhcp daemon. */
export const isDhcpDaemon = (p: PodLike): boolean =>
  p.kind === "pod" && /(^|-)dhcp(-|$)/.test(p.name ?? "") && p.phase === "Running";

/**
 * dhcp IPAM needs the CNI dhcp daemon on every node. The Cluster Network Operator runs one for the networks it
 * renders, so only the others are checked, and only when every pod, system pods included, could be read (else
 * absence proves nothing).
 */
export function checkDhcpDaemon(ctx: BuildContext, podsComplete: boolean): void {
  if (!podsComplete) return;
  const pods = [...ctx.elements.values()].filter((e) => e.kind === "pod");
  // A file with a NAD and its pods only says nothing about daemons: look only when system pods are in the picture.
  if (!pods.some(isSystemPod)) return;
  if (pods.some(isDhcpDaemon)) return;
  let byNetwork: Map<string, InterfaceElement[]> | undefined;
  for (const net of ctx.elements.values()) {
    if (net.kind !== "network" || net.ipam?.type !== "dhcp" || net.managedBy) continue;
    byNetwork ??= interfacesByNetwork(ctx);
    const users = byNetwork.get(refOf(net)) ?? [];
    if (users.length === 0) continue;
    ctx.finding(
      "warning",
      "dhcp-daemon-missing",
      `${net.namespace}/${net.name} uses dhcp IPAM, but no dhcp daemon pod is running; ${users.length} interface(s) depend on it`,
      [net.id, ...users.map((u) => u.id)],
    );
  }
}

/** The resource names a pod's containers request or limit. */
function requestedResources(pod: KubeObject): Set<string> {
  const out = new Set<string>();
  const spec = isObject(pod.spec) ? pod.spec : {};
  const containers = [spec.containers, spec.initContainers].flatMap((c) => (Array.isArray(c) ? c : []));
  for (const c of containers) {
    const res = isObject(c) && isObject(c.resources) ? c.resources : {};
    for (const part of [res.requests, res.limits]) if (isObject(part)) for (const k of Object.keys(part)) out.add(k);
  }
  return out;
}

/** SR-IOV networks need a resourceName (and their pods that resource, below): an SR-IOV network without a resourceName. */
export function checkSriovResources(ctx: BuildContext): void {
  for (const net of ctx.elements.values()) {
    if (net.kind !== "network" || net.mainType !== "sriov" || net.resourceName) continue;
    ctx.finding(
      "error",
      "sriov-resource-missing",
      `SR-IOV network ${net.namespace}/${net.name} has no k8s.v1.cni.cncf.io/resourceName annotation`,
      [net.id],
    );
  }
}

/**
 * The pod half: an interface not (yet) attached to an SR-IOV network whose pod does not request the
 * network's resource. Driven by the interfaces (each looks its network up), so a node's shard, which reads the
 * networks without holding them, runs it too; each pod's requests are read once.
 */
export function checkSriovRequests(ctx: BuildContext, pods: readonly KubeObject[]): void {
  const byId = new Map(pods.map((p) => [podId(p.metadata.namespace ?? "default", p.metadata.name), p]));
  const requested = new Map<KubeObject, Set<string>>();
  for (const iface of ctx.elements.values()) {
    if (iface.kind !== "interface" || iface.attached || !iface.parent) continue;
    const net = ctx.get(networkIdOfRef(iface.network));
    if (net?.kind !== "network" || net.mainType !== "sriov" || !net.resourceName) continue;
    const pod = byId.get(iface.parent);
    if (!pod) continue;
    let has = requested.get(pod);
    if (!has) {
      has = requestedResources(pod);
      requested.set(pod, has);
    }
    if (has.has(net.resourceName)) continue;
    ctx.finding(
      "error",
      "sriov-resource-not-requested",
      `Pod ${pod.metadata.namespace}/${pod.metadata.name} asks for ${net.namespace}/${net.name} but requests no ${net.resourceName}`,
      [iface.id, net.id, iface.parent],
    );
  }
}
