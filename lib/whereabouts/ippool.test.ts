import { describe, expect, it } from "vitest";
import { ipPoolName, parseIpPoolSpec } from "./ippool";

describe("parseIpPoolSpec", () => {
  it("turns decimal offsets from the range's first address into addresses", () => {
    const r = parseIpPoolSpec({
      range: "192.168.12.0/24",
      allocations: {
        "11": { id: "9fa20465a9d94d38", podref: "multus-test/pod-b", ifname: "net1" },
        "14": { id: "1189a1762644c756", podref: "multus-test/pod-a" },
      },
    });
    expect(r).toEqual({
      ok: true,
      value: {
        range: "192.168.12.0/24",
        allocations: [
          { ip: "192.168.12.11", podref: "multus-test/pod-b", ifname: "net1", containerId: "9fa20465a9d94d38" },
          { ip: "192.168.12.14", podref: "multus-test/pod-a", ifname: undefined, containerId: "1189a1762644c756" },
        ],
      },
    });
  });

  it("counts offsets from the network address even when the range has host bits", () => {
    const r = parseIpPoolSpec({ range: "10.0.0.77/24", allocations: { "5": { podref: "a/b" } } });
    expect(r.ok && r.value.allocations[0]?.ip).toBe("10.0.0.5");
  });

  it("reads an IPv6 pool", () => {
    const r = parseIpPoolSpec({
      range: "fd00:0:0:12::/64",
      allocations: { "16": { podref: "a/b" }, "65536": { podref: "a/c" } },
    });
    expect(r.ok && r.value.allocations.map((a) => a.ip)).toEqual(["fd00:0:0:12::10", "fd00::12:0:0:1:0"]);
  });

  it("reads a pool without allocations", () => {
    expect(parseIpPoolSpec({ range: "10.0.0.0/24" })).toEqual({
      ok: true,
      value: { range: "10.0.0.0/24", allocations: [] },
    });
  });

  it("rejects a missing spec or range, a range that is not a CIDR", () => {
    expect(parseIpPoolSpec(undefined).ok).toBe(false);
    expect(parseIpPoolSpec({}).ok).toBe(false);
    const r = parseIpPoolSpec({ range: "192.168.12.0" });
    expect(!r.ok && r.error).toMatch(/not a CIDR/);
  });

  it("rejects bad allocations: non-numeric key, offset outside the range", () => {
    expect(parseIpPoolSpec({ range: "10.0.0.0/24", allocations: { x: { podref: "a/b" } } }).ok).toBe(false);
    expect(parseIpPoolSpec({ range: "10.0.0.0/24", allocations: { "1": "a/b" } }).ok).toBe(false);
    const outside = parseIpPoolSpec({ range: "10.0.0.0/24", allocations: { "256": { podref: "a/b" } } });
    expect(!outside.ok && outside.error).toMatch(/outside 10\.0\.0\.0\/24/);
    expect(parseIpPoolSpec({ range: "10.0.0.0/24", allocations: { "255": { podref: "a/b" } } }).ok).toBe(true);
    // whereabouts before the podref field (its issue #112) wrote allocations with an id only: kept, owner unknown
    const noRef = parseIpPoolSpec({ range: "10.0.0.0/24", allocations: { "3": { id: "x" } } });
    expect(noRef.ok && noRef.value.allocations).toEqual([{ ip: "10.0.0.3", ifname: undefined, containerId: "x" }]);
  });
});

describe("ipPoolName", () => {
  it("replaces : and / with -, prefixed by network_name when set", () => {
    expect(ipPoolName("192.168.100.0/24")).toBe("192.168.100.0-24");
    expect(ipPoolName("192.168.100.0/24", "blue")).toBe("blue-192.168.100.0-24");
    expect(ipPoolName("fd00:0:0:12::/64")).toBe("fd00-0-0-12---64");
  });
});
