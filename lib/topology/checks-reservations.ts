import type { KubeObject } from "../k8s/objects";
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
  if (reservations.length === 0) return;
  const holders = new Map<string, Map<string, string>>(); // ip → podref → where
  const hold = (ip: string, podref: string, where: string): void => {
    const byPod = holders.get(ip) ?? new Map<string, string>();
    if (!byPod.has(podref)) byPod.set(podref, where);
    holders.set(ip, byPod);
  };
  for (const r of reservations) {
    const ip = reservedIp(r.metadata.name);
    const podref = isObject(r.spec) ? str(r.spec.podref) : undefined;
    if (ip && podref)
      hold(ip, podref, `OverlappingRangeIPReservation ${r.metadata.namespace ?? ""}/${r.metadata.name}`);
  }
  for (const p of pools) {
    const parsed = parseIpPoolSpec(p.spec);
    if (!parsed.ok) continue;
    for (const a of parsed.value.allocations)
      if (a.podref && holders.has(a.ip)) hold(a.ip, a.podref, `IPPool ${p.metadata.name}`);
  }
  const ifacesWith = (ip: string): string[] =>
    [...ctx.elements.values()].flatMap((e) =>
      e.kind === "interface" && e.ips.some((x) => x.split("/")[0] === ip) ? [e.id] : [],
    );
  for (const [ip, byPod] of holders) {
    if (byPod.size < 2) continue;
    const who = [...byPod].map(([pod, where]) => `${pod} (${where})`).join(" and ");
    ctx.finding("error", "ip-reserved-twice", `${ip} is reserved for ${who}`, ifacesWith(ip));
  }
}
