import { podId, refOf } from "../contract/ids";
import type { InterfaceElement, NetworkElement } from "../contract/schema";
import type { KubeObject } from "../k8s/objects";
import { isObject } from "../result";
import type { BuildContext } from "./context";

function interfacesOn(ctx: BuildContext, net: NetworkElement): InterfaceElement[] {
  const key = refOf(net);
  return [...ctx.elements.values()].filter((e): e is InterfaceElement => e.kind === "interface" && e.network === key);
}

const SYSTEM_NAMESPACE = /^(kube-system|openshift-.+|multus.*)$/;

/**
 * dhcp IPAM needs the CNI dhcp daemon on every node. The Cluster Network Operator runs one for the networks it
 * renders, so only the others are checked, and only when every pod, system pods included, could be read (else
 * absence proves nothing).
 */
export function checkDhcpDaemon(ctx: BuildContext, podsComplete: boolean): void {
  if (!podsComplete) return;
  const pods = [...ctx.elements.values()].filter((e) => e.kind === "pod");
  // A file with a NAD and its pods only says nothing about daemons: look only when system pods are in the picture.
  if (!pods.some((p) => SYSTEM_NAMESPACE.test(p.namespace))) return;
  if (pods.some((p) => /(^|-)dhcp(-|$)/.test(p.name) && p.phase === "Running")) return;
  for (const net of ctx.elements.values()) {
    if (net.kind !== "network" || net.ipam?.type !== "dhcp" || net.managedBy) continue;
    const users = interfacesOn(ctx, net);
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

/** SR-IOV networks need a resourceName, and their pods need that resource, or no VF is allocated. */
export function checkSriov(ctx: BuildContext, pods: readonly KubeObject[]): void {
  const resources = new Map(pods.map((p) => [podId(p.metadata.namespace ?? "default", p.metadata.name), p]));
  for (const net of ctx.elements.values()) {
    if (net.kind !== "network" || net.mainType !== "sriov") continue;
    if (!net.resourceName) {
      ctx.finding(
        "error",
        "sriov-resource-missing",
        `SR-IOV network ${net.namespace}/${net.name} has no k8s.v1.cni.cncf.io/resourceName annotation`,
        [net.id],
      );
      continue;
    }
    for (const iface of interfacesOn(ctx, net)) {
      const pod = iface.parent ? resources.get(iface.parent) : undefined;
      if (!pod || iface.attached || requestedResources(pod).has(net.resourceName)) continue;
      ctx.finding(
        "error",
        "sriov-resource-not-requested",
        `Pod ${pod.metadata.namespace}/${pod.metadata.name} asks for ${net.namespace}/${net.name} but requests no ${net.resourceName}`,
        [iface.id, net.id, iface.parent ?? ""],
      );
    }
  }
}
