import { describe, expect, it } from "vitest";
import { demoSnapshot } from "@/testing/fixtures/demo";
import { buildTopology } from "../topology/build";
import { networkColours, topologyColours } from "./palette";

describe("networkColours", () => {
  it("gives each network its own colour, by name order, whatever the input order", () => {
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

  it("twenty distinct colours (a 20-NAD cluster has no look-alikes), then they repeat", () => {
    const names = Array.from({ length: 22 }, (_, i) => `n${String(i).padStart(2, "0")}`);
    const m = networkColours(names);
    expect(new Set([...m.values()].slice(0, 20)).size).toBe(20);
    expect(m.get("n20")).toBe(m.get("n00"));
    expect(m.get("n21")).toBe(m.get("n01"));
  });

  it("no networks, no colours", () => {
    expect(networkColours([]).size).toBe(0);
  });
});

describe("topologyColours", () => {
  it("colours the NADs and the networks pods ask for that have no NAD, not the default network", async () => {
    const t = buildTopology(demoSnapshot());
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
