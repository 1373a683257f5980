import { refOf } from "../contract/ids";
import type { Finding, InterfaceElement, IpRange, TopologyElement } from "../contract/schema";
import type { KubeObject } from "../k8s/objects";
import { addressOf, cidrSize, networkOf, parseCidr, parseIp } from "../net/ip";
import { parseIpPoolSpec } from "../whereabouts/ippool";
import type { BuildContext } from "./context";
import type { NetworkEntry } from "./networks";

/**
 * Interfaces of one network with the same address: all but one will not get their traffic. One finding per address
 * naming every interface that has it (n pods on one address: one finding, not n - 1).
 */
export function checkDuplicateIps(ctx: BuildContext): void {
  const users = new Map<string, { ip: string; list: InterfaceElement[]; vms: (string | undefined)[] }>();
  for (const el of ctx.elements.values()) {
    if (el.kind !== "interface" || el.isDefault || !el.attached) continue;
    const vm = migratingVm(el.parent ? ctx.elements.get(el.parent) : undefined);
    for (const ip of el.ips) {
      const addr = addressOf(ip);
      if (!addr) continue;
      const key = `${el.network}|${addr.family}|${addr.value}`;
      const u = users.get(key);
      if (u) {
        u.list.push(el);
        u.vms.push(vm);
      } else users.set(key, { ip, list: [el], vms: [vm] });
    }
  }
  for (const { ip, list, vms } of users.values())
    if (list.length > 1 && !oneVmMigrating(vms)) ctx.findings.push(duplicateIpFinding(ip, list));
}

/**
 * The VM (namespace/name) a pod runs while it live-migrates. KubeVirt keeps a VM's address across a migration, so
 * its source and target virt-launcher pods carry the same address for a while: one VM, not a duplicate.
 */
export function migratingVm(pod: TopologyElement | undefined): string | undefined {
  return pod?.kind === "pod" && pod.vm?.migration ? `${pod.namespace}/${pod.vm.name}` : undefined;
}

/** Every user of an address is a pod of the same migrating VM. */
export function oneVmMigrating(vms: readonly (string | undefined)[]): boolean {
  const [first] = vms;
  return first !== undefined && vms.every((v) => v === first);
}

/** The finding for one address and its users, in the full build's order (the store's index says it alike). */
export function duplicateIpFinding(
  ip: string,
  users: readonly Pick<InterfaceElement, "id" | "parent" | "interface" | "network">[],
): Finding {
  const [first, second] = users;
  const at = `${ip.split("/")[0]} on ${first?.network}`;
  const name = (u: (typeof users)[number]) => `${u.parent} ${u.interface}`;
  const who =
    users.length === 2 && first && second
      ? `both ${name(first)} and ${name(second)}`
      : users.length > 4
        ? `${users.length} interfaces: ${users.slice(0, 3).map(name).join(", ")} and ${users.length - 3} more`
        : `${users.length} interfaces: ${users.slice(0, -1).map(name).join(", ")} and ${users.slice(-1).map(name).join("")}`;
  return {
    severity: "error",
    code: "duplicate-ip",
    message: `${at} is used by ${who}`,
    elements: users.map((u) => u.id),
  };
}

/** Ties whereabouts IPPools to the networks whose ranges they serve, and flags allocations whose pod is gone. */
export function applyIpPools(
  ctx: BuildContext,
  pools: readonly KubeObject[],
  networks: Map<string, NetworkEntry>,
  podsComplete: boolean,
  /** namespace/name of every pod; the incremental store asks its intake rather than scanning the elements */
  podKeys: Pick<ReadonlySet<string>, "has"> = podKeysOf(ctx),
): void {
  const parsed = pools.flatMap((p) => {
    const r = parseIpPoolSpec(p.spec);
    if (!r.ok) {
      ctx.finding(
        "warning",
        "ippool-invalid",
        `IPPool ${p.metadata.namespace ?? ""}/${p.metadata.name}: ${r.error}`,
        [],
      );
      return [];
    }
    return [{ name: p.metadata.name, pool: r.value }];
  });
  // By range, the first pool (in name order) of each: one lookup per network instead of a scan.
  const byRange = new Map<string, (typeof parsed)[number]>();
  for (const p of parsed) {
    const key = cidrKey(p.pool.range);
    if (key && !byRange.has(key)) byRange.set(key, p);
  }
  for (const { element } of networks.values()) {
    const ipam = element.ipam;
    if (ipam?.type !== "whereabouts") continue;
    const first = ipam.ranges[0];
    const key = first && cidrKey(first.subnet);
    const match = key ? byRange.get(key) : undefined;
    if (!first || !match) continue;
    ipam.pool = { name: match.name, allocated: match.pool.allocations.length, size: usableSize(first) };
    if (!podsComplete) continue;
    // Without a podref nobody can tell whose it is: not counted stale.
    const stale = match.pool.allocations.filter((a) => a.podref !== undefined && !podKeys.has(a.podref));
    ipam.pool.stale = stale.length;
    if (stale.length > 0) {
      ctx.finding(
        "warning",
        "ippool-stale-allocation",
        `IPPool ${match.name} still holds ${stale.map((a) => `${a.ip} for ${a.podref}`).join(", ")}, whose pod no longer exists: whereabouts' reconciler should free ${stale.length === 1 ? "it" : "them"}`,
        [element.id],
      );
    }
  }
}

function podKeysOf(ctx: BuildContext): Set<string> {
  return new Set([...ctx.elements.values()].flatMap((e) => (e.kind === "pod" ? [refOf(e)] : [])));
}

/** Two spellings of one range (192.168.12.1/24 and 192.168.12.0/24) get one key. */
function cidrKey(text: string): string | null {
  const c = parseCidr(text);
  return c ? `${c.ip.family}|${c.prefix}|${networkOf(c)}` : null;
}

/**
 * Addresses a range can hand out: start..end when given, else the subnet less its network address and, for IPv4,
 * its broadcast address (as whereabouts does); less the exclusions, each address counted once.
 */
export function usableSize(range: IpRange): number | null {
  const cidr = parseCidr(range.subnet);
  if (!cidr) return null;
  const base = networkOf(cidr);
  const size = cidrSize(cidr);
  const skipFirst = size > 2n ? 1n : 0n;
  const skipLast = cidr.ip.family === 4 && size > 2n ? 1n : 0n;
  const start = range.start ? parseIp(range.start) : undefined;
  const end = range.end ? parseIp(range.end) : undefined;
  // A bound that does not parse, is of the other family or lies outside the subnet: no size is better than a wrong one.
  for (const bound of [start, end]) {
    if (bound === undefined) continue;
    if (bound === null || bound.family !== cidr.ip.family || bound.value < base || bound.value >= base + size)
      return null;
  }
  const lo = start?.value ?? base + skipFirst;
  const hi = end?.value ?? base + size - 1n - skipLast;
  if (hi < lo) return 0;
  let n = hi - lo + 1n;
  // Exclusions clipped to lo..hi, in order, so overlapping ones do not subtract an address twice.
  const cuts = range.exclude
    .flatMap((ex) => {
      const c = parseCidr(ex);
      if (!c || c.ip.family !== cidr.ip.family) return [];
      const exLo = networkOf(c);
      const exHi = exLo + cidrSize(c) - 1n;
      return [[exLo > lo ? exLo : lo, exHi < hi ? exHi : hi] as const];
    })
    .filter(([a, b]) => a <= b)
    .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
  let next = lo; // the first address no exclusion has counted yet
  for (const [a, b] of cuts) {
    const from = a > next ? a : next; // bigints: Math.max would throw
    if (b < from) continue;
    n -= b - from + 1n;
    next = b + 1n;
  }
  return n > BigInt(Number.MAX_SAFE_INTEGER) ? Number.MAX_SAFE_INTEGER : Number(n);
}
