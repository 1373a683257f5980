import { networkIdOfRef, podRefOf } from "../contract/ids";
import type { InterfaceElement, IpRange, NetworkElement } from "../contract/schema";
import { addressOf } from "../net/ip";
import type { BuildContext } from "./context";
import { type Bounds, cidrBounds, rangeBounds, within } from "./range-bounds";

const RANGED_IPAM = new Set(["whereabouts", "host-local"]);

const networksOf = (ctx: BuildContext): NetworkElement[] =>
  [...ctx.elements.values()].filter((e): e is NetworkElement => e.kind === "network");

/** An attached address outside every range of its network, or inside one of its excludes. */
export function checkAddressesInRange(ctx: BuildContext): void {
  for (const el of ctx.elements.values()) {
    if (el.kind !== "interface" || el.isDefault || !el.attached || el.ips.length === 0) continue;
    const net = ctx.get(networkIdOfRef(el.network));
    if (net?.kind !== "network" || !net.ipam || !RANGED_IPAM.has(net.ipam.type) || net.ipam.ranges.length === 0)
      continue;
    for (const ip of el.ips) checkAddress(ctx, el, net, ip);
  }
}

/** A range's bounds, worked out once per range: every address of every pod on that network is checked against it. */
const rangeBoundsMemo = new WeakMap<IpRange, Bounds | null>();
function boundsOf(range: IpRange): Bounds | null {
  let b = rangeBoundsMemo.get(range);
  if (b === undefined) {
    b = rangeBounds(range);
    rangeBoundsMemo.set(range, b);
  }
  return b;
}

function checkAddress(ctx: BuildContext, iface: InterfaceElement, net: NetworkElement, ip: string): void {
  const addr = addressOf(ip);
  if (!addr || !net.ipam) return;
  // plain loops, no closure per address: this runs for every attached address of a cold start's 46k interfaces
  let home: IpRange | undefined;
  for (const r of net.ipam.ranges) {
    const b = boundsOf(r);
    if (b && within(b, addr.family, addr.value)) {
      home = r;
      break;
    }
  }
  if (!home) {
    const declared = net.ipam.ranges.map((r) => (r.start && r.end ? `${r.start}–${r.end}` : r.subnet)).join(", ");
    ctx.finding("warning", "ip-outside-range", `${where(iface, ip)} is outside ${iface.network}'s range ${declared}`, [
      iface.id,
      net.id,
    ]);
    return;
  }
  for (const x of home.exclude) {
    const b = cidrBounds(x);
    if (!b || !within(b, addr.family, addr.value)) continue;
    ctx.finding("warning", "ip-in-excluded-range", `${where(iface, ip)} is inside ${iface.network}'s exclude ${x}`, [
      iface.id,
      net.id,
    ]);
    return;
  }
}

/** The address as a finding names it: bare, with its pod and interface. */
const where = (iface: InterfaceElement, ip: string): string =>
  `${ip.split("/")[0]} on ${podRefOf(iface.parent ?? "")} ${iface.interface}`;

/** A whereabouts range at 90 % or more (a warning) or full (an error), with its free count. */
export function checkPoolUse(ctx: BuildContext): void {
  for (const net of networksOf(ctx)) {
    const pool = net.ipam?.pool;
    const range = net.ipam?.ranges[0];
    if (!pool?.size || pool.size <= 0 || !range) continue;
    const free = Math.max(0, pool.size - pool.allocated);
    const span = range.start && range.end ? `${range.start}–${range.end}` : range.subnet;
    const text = `${net.namespace}/${net.name}: ${free} of ${pool.size} addresses free in ${span} (IPPool ${pool.name})`;
    if (free === 0) ctx.finding("error", "ippool-exhausted", text, [net.id]);
    else if (pool.allocated / pool.size >= 0.9) ctx.finding("warning", "ippool-nearly-full", text, [net.id]);
  }
}

/** The L2 segment a network's pods land on, when the NAD names it: the same bridge, or the same NIC and VLAN. */
function segmentOf(net: NetworkElement): string | null {
  if (net.mainType === "bridge" && net.bridge) return `bridge ${net.bridge}${net.vlan ? ` vlan ${net.vlan}` : ""}`;
  if ((net.mainType === "macvlan" || net.mainType === "ipvlan" || net.mainType === "vlan") && net.master)
    return `${net.master}${net.vlan ? ` vlan ${net.vlan}` : ""}`;
  return null;
}

/**
 * Networks on one segment whose ranges overlap: two pods can get the same address on one wire. One finding per
 * group of networks whose ranges overlap (directly or through another network of the group), not one per pair:
 * one NAD copied into 1,000 namespaces is one finding naming all of them, not 499,500. Ranges are swept in address
 * order, so a segment of n ranges costs n log n.
 */
export function checkOverlappingRanges(ctx: BuildContext): void {
  const bySegment = new Map<string, NetworkElement[]>();
  for (const net of networksOf(ctx)) {
    const seg = segmentOf(net);
    if (!seg || !net.ipam || net.ipam.ranges.length === 0) continue;
    const list = bySegment.get(seg);
    if (list) list.push(net);
    else bySegment.set(seg, [net]);
  }
  for (const [seg, nets] of bySegment) {
    for (const group of overlapGroups(nets)) {
      ctx.finding(
        "warning",
        "overlapping-ranges",
        `${namesOf(group)} share ${seg} and their IP ranges overlap`,
        group.map((n) => n.id),
      );
    }
  }
}

/** The groups (of two or more networks, in the order given) that overlapping ranges join. */
function overlapGroups(nets: readonly NetworkElement[]): NetworkElement[][] {
  const spans: { at: number; b: Bounds }[] = [];
  nets.forEach((n, at) => {
    for (const r of n.ipam?.ranges ?? []) {
      const b = boundsOf(r);
      if (b) spans.push({ at, b });
    }
  });
  spans.sort((x, y) => x.b.family - y.b.family || (x.b.lo < y.b.lo ? -1 : x.b.lo > y.b.lo ? 1 : 0));
  // Union-find over the networks: each range joins the group whose ranges reach past its start.
  const parent = nets.map((_, i) => i);
  const root = (i: number): number => {
    let r = i;
    while (parent[r] !== r) r = parent[r] ?? r;
    while (parent[i] !== r) [i, parent[i]] = [parent[i] ?? r, r];
    return r;
  };
  let open: { at: number; b: Bounds } | null = null; // the first range of the current sweep, with the highest end
  let hi = 0n;
  for (const s of spans) {
    if (open && open.b.family === s.b.family && s.b.lo <= hi) {
      parent[root(s.at)] = root(open.at);
      if (s.b.hi > hi) hi = s.b.hi;
    } else {
      open = s;
      hi = s.b.hi;
    }
  }
  const groups = new Map<number, NetworkElement[]>();
  nets.forEach((n, i) => {
    const r = root(i);
    const g = groups.get(r);
    if (g) g.push(n);
    else groups.set(r, [n]);
  });
  return [...groups.values()].filter((g) => g.length > 1);
}

/** "a and b", "a, b and c", or the first three and how many more: a message stays short for any group. */
function namesOf(nets: readonly NetworkElement[]): string {
  const names = nets.map((n) => `${n.namespace}/${n.name}`);
  if (names.length > 4) return `${names.slice(0, 3).join(", ")} and ${names.length - 3} more networks`;
  return `${names.slice(0, -1).join(", ")} and ${names.at(-1)}`;
}
