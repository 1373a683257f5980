import { describe, expect, it } from "vitest";
import { measure, planProbes, probePods, targetsFor } from "./plan";

const ok = (key: string, address: string) => ({
  key,
  address,
  exitCode: 0,
  ping: { transmitted: 3, received: 3, lossPct: 0, rtt: { min: 1, avg: 2, max: 3 } },
});
const lost = (key: string, address: string) => ({
  key,
  address,
  exitCode: 1,
  ping: { transmitted: 3, received: 0, lossPct: 100 },
});

describe("planning a reachability run", () => {
  it("puts two probes on each node, one where a host device allows only one, and is bounded", () => {
    expect(planProbes(["b", "a"], "bridge")).toEqual([
      { node: "a", a: "n0a", b: "n0b" },
      { node: "b", a: "n1a", b: "n1b" },
    ]);
    expect(planProbes(["a"], "host-device")).toEqual([{ node: "a", a: "n0a" }]);
    expect(() =>
      planProbes(
        Array.from({ length: 17 }, (_, i) => `n${i}`),
        "bridge",
      ),
    ).toThrow(/at most 16 nodes/);
  });
  it("asks for the network as net1 in the network's namespace", () => {
    const [pod] = probePods(planProbes(["a"], "macvlan"), "multus-test/macvlan-main", "img", 60);
    expect(pod?.annotations?.["k8s.v1.cni.cncf.io/networks"]).toBe(
      '[{"name":"macvlan-main","namespace":"multus-test","interface":"net1"}]',
    );
    expect(pod?.extras).toEqual({ netRaw: true });
    const [vf] = probePods(planProbes(["a"], "sriov"), "ns/sriov-net", "img", 60, "openshift.io/sriov_nic");
    expect(vf?.devices).toEqual({ "openshift.io/sriov_nic": "1" });
  });
  it("sends each probe only targets that have an address", () => {
    const plan = planProbes(["a", "b", "c"], "bridge");
    const addr = new Map([
      ["n0a", "10.0.0.1"],
      ["n0b", "10.0.0.2"],
      ["n1a", "10.0.0.3"],
    ]);
    const t = targetsFor(plan, addr);
    expect(t.get("n0a")).toEqual([
      { key: "n1a", address: "10.0.0.3" },
      { key: "n0b", address: "10.0.0.2" },
    ]);
    expect(t.get("n0b")).toEqual([{ key: "n0a", address: "10.0.0.1" }]);
    expect(t.get("n1a")).toEqual([{ key: "n0a", address: "10.0.0.1" }]);
    expect(t.has("n2a")).toBe(false);
  });
  it("measures every direction: same node from both its probes, a node that failed as not tested with its reason", () => {
    const plan = planProbes(["a", "b", "c"], "bridge");
    const cells = measure(
      plan,
      new Map([
        ["n0a", { reports: [ok("n0b", "1"), lost("n1a", "3")] }],
        ["n0b", { reports: [ok("n0a", "2")] }],
        ["n1a", { reports: [lost("n0a", "1")] }],
        ["n1b", { reports: [ok("n1a", "3")] }],
        ["n2a", { problem: "the image cannot be pulled" }],
        ["n2b", { problem: "the image cannot be pulled" }],
      ]),
    );
    const at = (from: string, to: string) => cells.find((c) => c.from === from && c.to === to)?.observed;
    expect(at("a", "a")).toEqual({
      state: "reachable",
      sent: 6,
      received: 6,
      lossPct: 0,
      rttMs: { min: 1, avg: 2, max: 3 },
    });
    expect(at("a", "b")).toMatchObject({ state: "unreachable", lossPct: 100 });
    expect(at("a", "c")).toEqual({ state: "not-tested", reason: "the image cannot be pulled" });
    expect(at("c", "a")).toEqual({ state: "not-tested", reason: "the image cannot be pulled" });
    // b's second probe reported, but its first never pinged it back: one direction is missing.
    expect(at("b", "b")).toMatchObject({ state: "not-tested" });
    expect(cells).toHaveLength(9);
  });
});
