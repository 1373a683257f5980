import { networkIdOfRef, podRefOf } from "../contract/ids";
import type { NetworkElement } from "../contract/schema";
import { cidrsOverlap, parseCidr } from "../net/ip";
import type { BuildContext } from "./context";

const networksOf = (ctx: BuildContext): NetworkElement[] =>
  [...ctx.elements.values()].filter((e): e is NetworkElement => e.kind === "network");

/** A MultiNetworkPolicy on a network that lets nothing in (or out) for the pods it selects. */
export function checkIsolatingPolicies(ctx: BuildContext): void {
  for (const net of networksOf(ctx)) {
    for (const p of net.policies ?? []) {
      if (!p.isolates) continue;
      ctx.finding(
        "warning",
        "policy-isolates",
        `MultiNetworkPolicy ${p.namespace}/${p.name} cuts off ${p.isolates} on ${net.namespace}/${net.name} for ${p.podSelector === "all pods" ? "every pod of" : `the pods matching ${p.podSelector} in`} ${p.namespace}: they cannot be reached over this network unless another policy allows it`,
        [net.id],
      );
    }
  }
}

/** A NAD OVN-Kubernetes rendered from a UDN/CUDN that says otherwise than its owner: the controller writes it back. */
export function checkOverwrittenNads(ctx: BuildContext): void {
  for (const net of networksOf(ctx)) {
    const u = net.udn;
    if (!u?.drift.length) continue;
    ctx.finding(
      "warning",
      "udn-nad-overwritten",
      `NAD ${net.namespace}/${net.name} differs from its ${u.kind} ${u.namespace ? `${u.namespace}/` : ""}${u.name} in ${u.drift.join(", ")}: OVN-Kubernetes renders it again from the owner, so edit that instead`,
      [net.id],
    );
  }
}

/**
 * An OVN-Kubernetes network's subnets against the IPAM ranges of the other networks of the same namespace: a pod
 * on both has two routes to the same addresses. Per namespace, so n networks cost n × (networks in a namespace).
 */
export function checkUdnSubnetOverlap(ctx: BuildContext): void {
  const byNs = new Map<string, NetworkElement[]>();
  for (const net of networksOf(ctx)) byNs.set(net.namespace, [...(byNs.get(net.namespace) ?? []), net]);
  for (const nets of byNs.values()) {
    const ovn = nets.filter((n) => n.ovn?.subnets.length);
    if (ovn.length === 0) continue;
    for (const a of ovn) {
      for (const b of nets) {
        if (a === b || (b.ovn && b.id < a.id)) continue;
        const theirs = b.ovn ? b.ovn.subnets : (b.ipam?.ranges.map((r) => r.subnet) ?? []);
        const hit = overlap(a.ovn?.subnets ?? [], theirs);
        if (!hit) continue;
        ctx.finding(
          "warning",
          "udn-subnet-overlap",
          `${a.namespace}/${a.name} (${hit[0]}) overlaps ${b.namespace}/${b.name} (${hit[1]}): a pod on both has two routes to the same addresses`,
          [a.id, b.id],
        );
      }
    }
  }
}

function overlap(mine: readonly string[], theirs: readonly string[]): [string, string] | null {
  for (const x of mine) {
    const cx = parseCidr(x);
    if (!cx) continue;
    for (const y of theirs) {
      const cy = parseCidr(y);
      if (cy && cidrsOverlap(cx, cy)) return [x, y];
    }
  }
  return null;
}

/** A pod on a localnet network on a node whose observed bridge mappings do not map its physical network. */
export function checkLocalnetMappings(ctx: BuildContext): void {
  for (const el of ctx.elements.values()) {
    if (el.kind !== "interface" || !el.parent) continue;
    const net = ctx.get(networkIdOfRef(el.network));
    if (net?.kind !== "network" || net.ovn?.topology !== "localnet") continue;
    const pod = ctx.get(el.parent);
    const node = pod?.kind === "pod" ? pod.node : null;
    if (!node || !ctx.nns.has(node)) continue; // unobserved: not known, drawn so
    const physical = net.ovn.physicalNetwork ?? net.ovn.networkName;
    const bridge = ctx.bridgeMappings.get(node)?.get(physical);
    if (bridge) continue;
    ctx.finding(
      "error",
      "localnet-no-bridge-mapping",
      `${node} has no bridge mapping for ${physical} (NodeNetworkState ovn.bridge-mappings), which ${net.namespace}/${net.name} needs for ${podRefOf(el.parent)} ${el.interface}: its traffic has no OVS bridge to leave the node by`,
      [el.id, el.parent],
    );
  }
}
