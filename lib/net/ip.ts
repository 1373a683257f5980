/** Minimal IPv4/IPv6 arithmetic on bigint, enough for ranges, containment and pool sizes. */

export type IpFamily = 4 | 6;
export interface Ip {
  family: IpFamily;
  value: bigint;
}
export interface Cidr {
  ip: Ip;
  prefix: number;
}

export function parseIp(text: string): Ip | null {
  const quad = quadAt(text, 0, text.length);
  if (quad !== undefined) return quad === null ? null : { family: 4, value: BigInt(quad) };
  const s = text.trim();
  const v4 = ipv4Number(s);
  if (v4 !== undefined) return v4 === null ? null : { family: 4, value: BigInt(v4) };
  return parseIpv6(s);
}

/**
 * A trimmed dotted quad as a number (32 bits fit): undefined when `s` is not one, null when it is but invalid (a part
 * over 255, a leading zero). Every address of 20,000 pods passes here; one bigint at the end, if any.
 */
function ipv4Number(s: string): number | null | undefined {
  return quadAt(s, 0, s.length);
}

const DOT = 46;
const ZERO = 48;
const NINE = 57;

/**
 * ipv4Number of `text.slice(start, end)`, read in place by char code: what `^(\d{1,3})\.(\d{1,3})\.(\d{1,3})\.(\d{1,3})$`
 * matched, with no match array, part strings, slice or trim made (a cold start reads 2–3 addresses per pod, 150,000
 * pods at the maximum). A range with anything but ASCII digits and dots is no quad: undefined, as the regex said.
 */
function quadAt(text: string, start: number, end: number): number | null | undefined {
  let value = 0;
  let part = 0;
  let digits = 0;
  let dots = 0;
  let bad = false;
  for (let i = start; i <= end; i++) {
    const c = i < end ? text.charCodeAt(i) : DOT;
    if (c >= ZERO && c <= NINE) {
      // a part's leading zero is only its own when it stays one digit long
      if (digits === 1 && part === 0) bad = true;
      if (++digits > 3) return undefined;
      part = part * 10 + (c - ZERO);
    } else if (c === DOT) {
      if (digits === 0 || (i < end && ++dots > 3)) return undefined;
      if (part > 255) bad = true;
      value = value * 256 + part;
      part = 0;
      digits = 0;
    } else return undefined;
  }
  if (dots !== 3) return undefined;
  return bad ? null : value;
}

/**
 * addressOf's family and value as one string ("4|3232238606"), with no bigint made for an IPv4 address: the
 * duplicate-address index keys 20,000 pods' addresses by it. Equal exactly when addressOf's results are.
 */
export function addressKey(text: string): string | null {
  const slash = text.indexOf("/");
  const quad = quadAt(text, 0, slash < 0 ? text.length : slash);
  if (quad !== undefined) return quad === null ? null : `4|${quad}`;
  const s = (slash < 0 ? text : text.slice(0, slash)).trim();
  const v4 = ipv4Number(s);
  if (v4 !== undefined) return v4 === null ? null : `4|${v4}`;
  const v6 = parseIpv6(s);
  return v6 && `${v6.family}|${v6.value}`;
}

function parseIpv6(s: string): Ip | null {
  if (!/^[0-9a-fA-F:.]+$/.test(s) || !s.includes(":")) return null;
  const halves = s.split("::");
  if (halves.length > 2) return null;
  const groups = (h: string | undefined): number[] | null => {
    if (!h) return [];
    const out: number[] = [];
    const parts = h.split(":");
    for (const [i, p] of parts.entries()) {
      if (i === parts.length - 1 && p.includes(".")) {
        const v4 = parseIp(p);
        if (v4?.family !== 4) return null;
        out.push(Number(v4.value >> 16n), Number(v4.value & 0xffffn));
      } else {
        if (!/^[0-9a-fA-F]{1,4}$/.test(p)) return null;
        out.push(parseInt(p, 16));
      }
    }
    return out;
  };
  const head = groups(halves[0]);
  const tail = groups(halves[1]);
  if (!head || !tail) return null;
  const missing = 8 - head.length - tail.length;
  if (halves.length === 1 ? missing !== 0 : missing < 1) return null;
  const all = [...head, ...Array<number>(halves.length === 1 ? 0 : missing).fill(0), ...tail];
  let value = 0n;
  for (const g of all) value = (value << 16n) | BigInt(g);
  return { family: 6, value };
}

export function parseCidr(text: string): Cidr | null {
  const [addr, len, extra] = text.trim().split("/");
  if (addr === undefined || len === undefined || extra !== undefined || !/^\d{1,3}$/.test(len)) return null;
  const ip = parseIp(addr);
  if (!ip) return null;
  const prefix = Number(len);
  if (prefix > bits(ip.family)) return null;
  return { ip, prefix };
}

/** "192.168.12.14" or "192.168.12.14/24" → the address part, if it parses. */
export function addressOf(text: string): Ip | null {
  const slash = text.indexOf("/");
  return parseIp(slash < 0 ? text : text.slice(0, slash));
}

export const bits = (f: IpFamily): number => (f === 4 ? 32 : 128);

export function networkOf(c: Cidr): bigint {
  const host = bits(c.ip.family) - c.prefix;
  return (c.ip.value >> BigInt(host)) << BigInt(host);
}

export function cidrSize(c: Cidr): bigint {
  return 1n << BigInt(bits(c.ip.family) - c.prefix);
}

export function cidrContains(c: Cidr, ip: Ip): boolean {
  if (c.ip.family !== ip.family) return false;
  const first = networkOf(c);
  return ip.value >= first && ip.value < first + cidrSize(c);
}

export function cidrsOverlap(a: Cidr, b: Cidr): boolean {
  if (a.ip.family !== b.ip.family) return false;
  const aStart = networkOf(a);
  const bStart = networkOf(b);
  return aStart < bStart + cidrSize(b) && bStart < aStart + cidrSize(a);
}

export function formatIp(ip: Ip): string {
  if (ip.family === 4) {
    return [24n, 16n, 8n, 0n].map((s) => String((ip.value >> s) & 0xffn)).join(".");
  }
  const groups: string[] = [];
  for (let s = 112n; s >= 0n; s -= 16n) groups.push(((ip.value >> s) & 0xffffn).toString(16));
  // Compress the longest run of zero groups, as RFC 5952 asks.
  let best = { at: -1, len: 0 };
  for (let i = 0; i < 8; ) {
    if (groups[i] !== "0") {
      i++;
      continue;
    }
    let j = i;
    while (j < 8 && groups[j] === "0") j++;
    if (j - i > best.len && j - i > 1) best = { at: i, len: j - i };
    i = j;
  }
  if (best.at < 0) return groups.join(":");
  return `${groups.slice(0, best.at).join(":")}::${groups.slice(best.at + best.len).join(":")}`;
}

export function ipEquals(a: Ip, b: Ip): boolean {
  return a.family === b.family && a.value === b.value;
}
