import { describe, expect, it } from "vitest";
import { demoTopology } from "@/testing/fixtures/demo";
import { networkColours, topologyColours } from "./palette";

describe("networkColours", () => {
  it("gives each network its own colour, whatever the input order", () => {
    const a = networkColours(["ns/c", "ns/a", "ns/b"]);
    const b = networkColours(["ns/b", "ns/c", "ns/a"]);
    expect([...a.keys()]).toEqual(["ns/a", "ns/b", "ns/c"]);
    expect(b).toEqual(a);
    expect(new Set(a.values()).size).toBe(3);
    for (const c of a.values()) expect(c).toMatch(/^#[0-9a-f]{6}$/);
  });

  it("ignores duplicates", () => {
    expect(networkColours(["x", "y", "x"])).toEqual(networkColours(["x", "y"]));
  });

  it("a network keeps its colour when others are created or deleted (the colour comes from its name)", () => {
    const demo = ["multus-test/bridge-main", "multus-test/host-device-main", "multus-test/macvlan-main"];
    const before = networkColours(demo);
    let kept = 0;
    const added = Array.from({ length: 40 }, (_, i) => `multus-test/new-${i}`);
    for (const extra of added) {
      const after = networkColours([...demo, extra]);
      if (demo.every((n) => after.get(n) === before.get(n))) kept += 1;
      // removing it again restores the picture exactly
      expect(networkColours(demo)).toEqual(before);
    }
    // Only a newcomer that collides on a slot and wins it can move one; by far most additions move nothing.
    expect(kept).toBeGreaterThanOrEqual(32);
    // and sorting position does not matter: a name that sorts first does not shift the others
    const first = networkColours(["aaa/first", ...demo]);
    expect(demo.filter((n) => first.get(n) === before.get(n)).length).toBeGreaterThanOrEqual(2);
  });

  it("distinct among the networks given, also past twenty", () => {
    for (const count of [5, 20, 21, 60, 200]) {
      const names = Array.from({ length: count }, (_, i) => `team-${i % 7}/net-${i}`);
      const m = networkColours(names);
      expect(new Set(m.values()).size).toBe(count);
      for (const c of m.values()) expect(c).toMatch(/^#[0-9a-f]{6}$/);
    }
  });

  it("no networks, no colours", () => {
    expect(networkColours([]).size).toBe(0);
  });
});

describe("topologyColours", () => {
  it("colours the NADs and the networks pods ask for that have no NAD, not the default network", async () => {
    const t = demoTopology();
    const m = topologyColours(t);
    expect([...m.keys()]).toEqual([
      "multus-test/bridge-main",
      "multus-test/host-device-main",
      "multus-test/macvlan-main",
      "multus-test/sriov-net",
    ]);
    expect(m.has("ovn-kubernetes")).toBe(false);
  });
});
