import fc from "fast-check";
import { describe, expect, it } from "vitest";
import {
  addressKey,
  addressOf,
  type Cidr,
  cidrContains,
  cidrSize,
  cidrsOverlap,
  formatIp,
  ipEquals,
  networkOf,
  parseCidr,
  parseIp,
} from "./ip";

const cidr = (s: string): Cidr => {
  const c = parseCidr(s);
  if (!c) throw new Error(`test CIDR ${s} does not parse`);
  return c;
};
const ip = (s: string) => {
  const i = parseIp(s);
  if (!i) throw new Error(`test address ${s} does not parse`);
  return i;
};

describe("parseIp / formatIp", () => {
  it("parses IPv4 to its numeric value and formats it back", () => {
    expect(parseIp("192.168.12.14")).toEqual({ family: 4, value: 0xc0a80c0en });
    expect(parseIp("0.0.0.0")).toEqual({ family: 4, value: 0n });
    expect(parseIp("255.255.255.255")).toEqual({ family: 4, value: 0xffffffffn });
    for (const s of ["192.168.12.14", "10.0.0.1", "0.0.0.0", "255.255.255.255"]) expect(formatIp(ip(s))).toBe(s);
  });

  it("tolerates surrounding whitespace", () => {
    expect(parseIp(" 10.1.2.3 ")).toEqual({ family: 4, value: 0x0a010203n });
  });

  it("rejects malformed IPv4", () => {
    for (const s of ["1.2.3.256", "1.2.3", "1.2.3.4.5", "01.2.3.4", "1.2.3.-4", "a.b.c.d", "", "1.2.3.4/24"]) {
      expect(parseIp(s), s).toBeNull();
    }
  });

  it("parses IPv6 in full, compressed and v4-mapped forms", () => {
    expect(parseIp("::")).toEqual({ family: 6, value: 0n });
    expect(parseIp("::1")).toEqual({ family: 6, value: 1n });
    expect(parseIp("fd00::1")?.value).toBe((0xfd00n << 112n) | 1n);
    expect(parseIp("2001:db8:0:0:0:0:0:1")).toEqual(parseIp("2001:DB8::1"));
    expect(parseIp("::ffff:192.168.1.1")?.value).toBe(0xffffc0a80101n);
    expect(parseIp("1:2:3:4:5:6:7::")?.value).toBe(parseIp("1:2:3:4:5:6:7:0")?.value);
  });

  it("rejects malformed IPv6", () => {
    for (const s of [
      "::1::2",
      "1:2:3:4:5:6:7:8:9",
      "1:2:3:4:5:6:7",
      "1:2:3:4:5:6:7::8",
      "12345::1",
      "g::1",
      ":1:2:3:4:5:6:7",
      "1::2:",
      "::ffff:1.2.3.256",
      "fd00::/64",
    ]) {
      expect(parseIp(s), s).toBeNull();
    }
  });

  it("formats IPv6 the RFC 5952 way: lower case, longest zero run compressed, first run on a tie, single zero kept", () => {
    expect(formatIp(ip("2001:0DB8:0000:0000:0000:0000:0000:0001"))).toBe("2001:db8::1");
    expect(formatIp(ip("0:0:0:0:0:0:0:0"))).toBe("::");
    expect(formatIp(ip("0:0:0:0:0:0:0:1"))).toBe("::1");
    expect(formatIp(ip("fd00:0:0:0:0:0:0:0"))).toBe("fd00::");
    expect(formatIp(ip("2001:db8:0:0:1:0:0:1"))).toBe("2001:db8::1:0:0:1");
    expect(formatIp(ip("2001:db8:0:1:0:0:0:1"))).toBe("2001:db8:0:1::1");
    expect(formatIp(ip("2001:db8:0:1:1:1:1:1"))).toBe("2001:db8:0:1:1:1:1:1");
  });

  it("round-trips IPv6 text through parse and format", () => {
    for (const s of ["fd00::1", "2001:db8::1:0:0:1", "fe80::dead:beef", "1:2:3:4:5:6:7:8", "::", "::1", "fd00::"]) {
      expect(formatIp(ip(s))).toBe(s);
    }
  });

  it("addressOf accepts bare and CIDR notation", () => {
    expect(addressOf("192.168.12.14/24")).toEqual(parseIp("192.168.12.14"));
    expect(addressOf("fd00::5/64")).toEqual(parseIp("fd00::5"));
    expect(addressOf("192.168.12.14")).toEqual(parseIp("192.168.12.14"));
    expect(addressOf("nonsense/24")).toBeNull();
  });

  it("ipEquals compares family and value", () => {
    expect(ipEquals(ip("10.0.0.1"), ip("10.0.0.1"))).toBe(true);
    expect(ipEquals(ip("10.0.0.1"), ip("10.0.0.2"))).toBe(false);
    // ::a00:1 has the same numeric value as 10.0.0.1 but is another address
    expect(ipEquals(ip("10.0.0.1"), ip("::a00:1"))).toBe(false);
  });
});

describe("parseCidr and CIDR math", () => {
  it("parses v4 and v6 CIDRs", () => {
    expect(parseCidr("192.168.12.0/24")).toEqual({ ip: { family: 4, value: 0xc0a80c00n }, prefix: 24 });
    expect(parseCidr("fd00::/64")).toEqual({ ip: { family: 6, value: 0xfd00n << 112n }, prefix: 64 });
    expect(parseCidr("0.0.0.0/0")?.prefix).toBe(0);
    expect(parseCidr("::1/128")?.prefix).toBe(128);
  });

  it("rejects invalid CIDRs", () => {
    for (const s of [
      "1.2.3.4/33",
      "fd00::/129",
      "1.2.3.4",
      "1.2.3.4/",
      "/24",
      "1.2.3.4/24/1",
      "1.2.3.256/24",
      "1.2.3.4/x",
      "1.2.3.4/-1",
      "::1::2/64",
    ]) {
      expect(parseCidr(s), s).toBeNull();
    }
  });

  it("computes network and size, ignoring host bits", () => {
    const c = cidr("192.168.12.77/24");
    expect(formatIp({ family: 4, value: networkOf(c) })).toBe("192.168.12.0");
    expect(cidrSize(c)).toBe(256n);
    expect(cidrSize(cidr("10.0.0.5/32"))).toBe(1n);
    expect(cidrSize(cidr("fd00::/64"))).toBe(1n << 64n);
    expect(formatIp({ family: 6, value: networkOf(cidr("fd00::abcd/112")) })).toBe("fd00::");
  });

  it("cidrContains includes both edges and nothing outside", () => {
    const c = cidr("192.168.12.0/24");
    expect(cidrContains(c, ip("192.168.12.0"))).toBe(true);
    expect(cidrContains(c, ip("192.168.12.255"))).toBe(true);
    expect(cidrContains(c, ip("192.168.13.0"))).toBe(false);
    expect(cidrContains(c, ip("192.168.11.255"))).toBe(false);
    expect(cidrContains(cidr("fd00::/120"), ip("fd00::ff"))).toBe(true);
    expect(cidrContains(cidr("fd00::/120"), ip("fd00::100"))).toBe(false);
  });

  it("cidrContains never mixes families", () => {
    expect(cidrContains(cidr("0.0.0.0/0"), ip("::1"))).toBe(false);
    expect(cidrContains(cidr("::/0"), ip("10.0.0.1"))).toBe(false);
  });

  it("cidrsOverlap detects nesting and partial overlap, not adjacency", () => {
    expect(cidrsOverlap(cidr("10.0.0.0/8"), cidr("10.1.2.0/24"))).toBe(true);
    expect(cidrsOverlap(cidr("10.1.2.0/24"), cidr("10.0.0.0/8"))).toBe(true);
    expect(cidrsOverlap(cidr("192.168.12.0/25"), cidr("192.168.12.128/25"))).toBe(false);
    expect(cidrsOverlap(cidr("192.168.12.0/24"), cidr("192.168.12.100/32"))).toBe(true);
    expect(cidrsOverlap(cidr("fd00::/64"), cidr("fd00::/48"))).toBe(true);
    expect(cidrsOverlap(cidr("fd00::/64"), cidr("fd01::/64"))).toBe(false);
    expect(cidrsOverlap(cidr("0.0.0.0/0"), cidr("::/0"))).toBe(false);
  });
});

describe("addressKey", () => {
  it("is addressOf's family and value as one string, null exactly when addressOf is (no bigint for IPv4)", () => {
    const octet = fc.oneof(fc.integer({ min: 0, max: 300 }).map(String), fc.constantFrom("00", "01", "007", "", "x"));
    const text = fc.oneof(
      fc.tuple(octet, octet, octet, octet).map((p) => p.join(".")),
      fc.constantFrom("::1", "fe80::1", "2001:db8::", "::ffff:10.0.0.1", "1:2:3:4:5:6:7:8", "1::2::3", ":::", "g::1"),
      fc.string({ maxLength: 12 }),
    );
    const dressed = fc
      .tuple(text, fc.constantFrom("", " ", "\t"), fc.constantFrom("", "/24", "/64", "/"))
      .map(([t, pad, suffix]) => `${pad}${t}${pad}${suffix}`);
    fc.assert(
      fc.property(dressed, (t) => {
        const a = addressOf(t);
        expect(addressKey(t)).toBe(a ? `${a.family}|${a.value}` : null);
      }),
      { numRuns: 5000 },
    );
  });
});

describe("dotted quads read by char code", () => {
  /** the reading before it (session 14): the regex, its parts' numbers, a leading zero or a part over 255 invalid */
  const V4 = /^(\d{1,3})\.(\d{1,3})\.(\d{1,3})\.(\d{1,3})$/;
  const byRegex = (text: string): number | null | undefined => {
    const m = V4.exec(text.trim());
    if (!m) return undefined;
    let value = 0;
    for (const part of m.slice(1)) {
      if (Number(part) > 255 || (part.length > 1 && part.startsWith("0"))) return null;
      value = value * 256 + Number(part);
    }
    return value;
  };
  it("reads exactly what the regex read, in any text (parseIp, addressKey, addressOf)", () => {
    const part = fc.oneof(
      fc.integer({ min: 0, max: 1100 }).map(String),
      fc.constantFrom("0", "00", "01", "000", "0255", "256", "", "1a", "٣"),
    );
    const text = fc.oneof(
      fc.array(part, { minLength: 1, maxLength: 6 }).map((p) => p.join(".")),
      fc.string({ unit: fc.constantFrom("0", "1", "2", "5", "9", ".", " ", "/", ":", "a"), maxLength: 18 }),
      fc.string({ maxLength: 16 }),
    );
    const dressed = fc
      .tuple(text, fc.constantFrom("", " ", "\t", "\u00a0"), fc.constantFrom("", "/24", "/", "/x"))
      .map(([t, pad, suffix]) => `${pad}${t}${pad}${suffix}`);
    fc.assert(
      fc.property(dressed, (t) => {
        const slash = t.indexOf("/");
        const bare = slash < 0 ? t : t.slice(0, slash);
        const want = byRegex(bare);
        if (want === undefined) return; // not a quad: the IPv6 reading's, as before
        expect(addressKey(t)).toBe(want === null ? null : `4|${want}`);
        expect(addressOf(t)).toEqual(want === null ? null : { family: 4, value: BigInt(want) });
        if (slash < 0) expect(parseIp(t)).toEqual(want === null ? null : { family: 4, value: BigInt(want) });
      }),
      { numRuns: 20000 },
    );
  });
  it("reads every text the regex does not take as a quad as before: not an IPv4 address", () => {
    const text = fc.oneof(
      fc.array(fc.integer({ min: 0, max: 400 }).map(String), { minLength: 1, maxLength: 6 }).map((p) => p.join(".")),
      fc.string({ unit: fc.constantFrom("0", "1", "9", ".", " ", ":", "f"), maxLength: 14 }),
    );
    fc.assert(
      fc.property(text, (t) => {
        if (byRegex(t) !== undefined) return;
        expect(parseIp(t)?.family).not.toBe(4);
        expect(addressKey(t)?.startsWith("4|") ?? false).toBe(false);
      }),
      { numRuns: 20000 },
    );
  });
});
