import { describe, expect, it } from "vitest";
import type { IpRange } from "../contract/schema";
import { usableSize } from "./checks";

const range = (subnet: string, more: Partial<IpRange> = {}): IpRange => ({ subnet, exclude: [], ...more });

describe("usableSize (whereabouts pool capacity)", () => {
  it("counts an IPv4 subnet less network and broadcast", () => {
    expect(usableSize(range("192.168.12.0/24"))).toBe(254);
    expect(usableSize(range("10.0.0.0/30"))).toBe(2);
  });

  it("counts an IPv6 subnet less its network address only (no broadcast in IPv6)", () => {
    expect(usableSize(range("fd00::/120"))).toBe(255);
    expect(usableSize(range("fd00::/126"))).toBe(3);
  });

  it("caps huge IPv6 ranges at the largest safe integer", () => {
    expect(usableSize(range("fd00::/64"))).toBe(Number.MAX_SAFE_INTEGER);
  });

  it("counts start..end inclusive when given", () => {
    expect(usableSize(range("192.168.12.0/24", { start: "192.168.12.10", end: "192.168.12.200" }))).toBe(191);
    expect(usableSize(range("192.168.12.0/24", { start: "192.168.12.10" }))).toBe(245);
    expect(usableSize(range("fd00::/120", { start: "fd00::10", end: "fd00::1f" }))).toBe(16);
    expect(usableSize(range("10.0.0.0/24", { start: "10.0.0.9", end: "10.0.0.5" }))).toBe(0);
  });

  it("subtracts exclusions only where they fall inside the range", () => {
    const r = { start: "192.168.12.10", end: "192.168.12.200" };
    // the walk-through's exclusions lie outside range_start..range_end
    expect(usableSize(range("192.168.12.0/24", { ...r, exclude: ["192.168.12.1/32", "192.168.12.254/32"] }))).toBe(191);
    expect(usableSize(range("192.168.12.0/24", { ...r, exclude: ["192.168.12.16/28"] }))).toBe(175);
    // partly inside: .0–.15 overlaps .10–.15
    expect(usableSize(range("192.168.12.0/24", { ...r, exclude: ["192.168.12.0/28"] }))).toBe(185);
    // other family and garbage ignored
    expect(usableSize(range("192.168.12.0/24", { ...r, exclude: ["fd00::/64", "nonsense"] }))).toBe(191);
  });

  it("counts an address covered by two exclusions once", () => {
    expect(usableSize(range("10.0.0.0/24", { exclude: ["10.0.0.0/28", "10.0.0.8/29"] }))).toBe(254 - 15);
    expect(usableSize(range("10.0.0.0/24", { exclude: ["10.0.0.0/25", "10.0.0.0/24"] }))).toBe(0);
  });

  it("returns null for a subnet that does not parse", () => {
    expect(usableSize(range("192.168.12.0"))).toBeNull();
  });
});
