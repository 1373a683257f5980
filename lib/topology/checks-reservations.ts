import { compareCodePoints } from "../compare";
import type { InterfaceElement } from "../contract/schema";
import { type KubeObject, keyOf } from "../k8s/objects";
import { formatIp, parseIp } from "../net/ip";
import { isObject, str } from "../result";
import { parseIpPoolSpec } from "../whereabouts/ippool";
import type { BuildContext } from "./context";

/** whereabouts names an OverlappingRangeIPReservation after its address, IPv6 colons written as dashes. */
function reservedIp(name: string): string | null {
  const ip = parseIp(name) ?? (name.includes(".") ? null : parseIp(name.replaceAll("-", ":")));
  return ip ? formatIp(ip) : null;
}

/**
 * One address reserved for two different pods: by OverlappingRangeIPReservations in two namespaces, or by a
 * reservation that disagrees with the IPPool allocation of the same address.
 */
export function checkReservations(
  ctx: BuildContext,
  reservations: readonly KubeObject[],
  pools: readonly KubeObject[],
): void {
  const twice = reservedTwice(reservations, pools);
  if (twice.size === 0) return;
  const users = interfacesByAddress(ctx);
  for (const [ip, who] of twice)
    ctx.finding("error", "ip-reserved-twice", reservedTwiceMessage(ip, who), users.get(ip) ?? []);
}

/**
 * The addresses reserved for two different pods, each with who holds it ("ns/a (where) and ns/b (where)"), in the
 * order the findings come: what the check judges without any interface (the store keeps it apart from the pods,
 * lib/store/reserved-index.ts).
 */
export function reservedTwice(reservations: readonly KubeObject[], pools: readonly KubeObject[]): Map<string, string> {
  const out = new Map<string, string>();
  if (reservations.length === 0) return out;
  const holders = new Map<string, Map<string, string>>(); // ip → podref → where
  const hold = (ip: string, podref: string, where: string): void => {
    const byPod = holders.get(ip) ?? new Map<string, string>();
    if (!byPod.has(podref)) byPod.set(podref, where);
    holders.set(ip, byPod);
  };
  // In key order, not input order: which reservation names a pair first, and so the message, must not depend on it.
  for (const r of sortedByKey(reservations)) {
    const ip = reservedIp(r.metadata.name);
    const podref = isObject(r.spec) ? str(r.spec.podref) : undefined;
    if (ip && podref)
      hold(ip, podref, `OverlappingRangeIPReservation ${r.metadata.namespace ?? ""}/${r.metadata.name}`);
  }
  for (const p of sortedByKey(pools)) {
    const parsed = parseIpPoolSpec(p.spec);
    if (!parsed.ok) continue;
    for (const a of parsed.value.allocations)
      if (a.podref && holders.has(a.ip)) hold(a.ip, a.podref, `IPPool ${p.metadata.name}`);
  }
  for (const [ip, byPod] of holders)
    if (byPod.size >= 2) out.set(ip, [...byPod].map(([pod, where]) => `${pod} (${where})`).join(" and "));
  return out;
}

export const reservedTwiceMessage = (ip: string, who: string): string => `${ip} is reserved for ${who}`;

const sortedByKey = (list: readonly KubeObject[]): KubeObject[] =>
  list
    .map((o) => ({ key: keyOf(o), o }))
    .sort((a, b) => compareCodePoints(a.key, b.key))
    .map((k) => k.o);

/** The interfaces by each address they hold (as written, less its prefix): one pass, not one per conflict. */
function interfacesByAddress(ctx: BuildContext): Map<string, string[]> {
  const out = new Map<string, string[]>();
  for (const e of ctx.elements.values()) {
    if (e.kind !== "interface") continue;
    for (const x of heldAddresses(e)) {
      const list = out.get(x);
      if (list) list.push(e.id);
      else out.set(x, [e.id]);
    }
  }
  return out;
}

/** The addresses an interface holds as the check matches them: as written, less the prefix, each once. */
export const heldAddresses = (e: InterfaceElement): Set<string> => new Set(e.ips.map((ip) => ip.split("/")[0] ?? ip));
