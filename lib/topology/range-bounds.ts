import type { IpRange } from "../contract/schema";
import { cidrSize, type IpFamily, networkOf, parseCidr, parseIp } from "../net/ip";

export interface Bounds {
  family: IpFamily;
  lo: bigint;
  hi: bigint;
}

/** The first and last address a range can hand out: start/end when given, else the whole subnet. */
export function rangeBounds(range: IpRange): Bounds | null {
  const cidr = parseCidr(range.subnet);
  if (!cidr) return null;
  const base = networkOf(cidr);
  const start = range.start ? parseIp(range.start) : null;
  const end = range.end ? parseIp(range.end) : null;
  const lo = start?.family === cidr.ip.family ? start.value : base;
  const hi = end?.family === cidr.ip.family ? end.value : base + cidrSize(cidr) - 1n;
  return { family: cidr.ip.family, lo, hi };
}

export function cidrBounds(text: string): Bounds | null {
  const c = parseCidr(text) ?? (parseIp(text) ? parseCidr(`${text}/${text.includes(":") ? 128 : 32}`) : null);
  if (!c) return null;
  const lo = networkOf(c);
  return { family: c.ip.family, lo, hi: lo + cidrSize(c) - 1n };
}

export const within = (b: Bounds, family: IpFamily, v: bigint): boolean =>
  b.family === family && b.lo <= v && v <= b.hi;

export const overlaps = (a: Bounds, b: Bounds): boolean => a.family === b.family && a.lo <= b.hi && b.lo <= a.hi;
