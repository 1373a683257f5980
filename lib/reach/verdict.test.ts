import { describe, expect, it } from "vitest";
import type { NetFacts, SideFacts } from "./expect";
import { expectPair } from "./expect";
import type { Observed } from "./schema";
import { countVerdicts, headline, judgeCells, reachFindingsOf } from "./verdict";

const reached: Observed = {
  state: "reachable",
  sent: 3,
  received: 3,
  lossPct: 0,
  rttMs: { min: 0.1, avg: 0.2, max: 0.3 },
};
const lost: Observed = { state: "unreachable", sent: 3, received: 0, lossPct: 100 };
const side = (node: string, o: Partial<SideFacts> = {}): SideFacts => ({ node, observed: true, uplinks: [], ...o });
const net = (mainType: NetFacts["mainType"], o: Partial<NetFacts> = {}): NetFacts => ({
  ref: "multus-test/n",
  mainType,
  cniType: mainType,
  ...o,
});
const expectOf = (n: NetFacts, a: SideFacts, b: SideFacts) => expectPair(n, a, b).expect;

describe("what the topology predicts, per network type", () => {
  it("bridge: one host reaches; an island does not cross hosts; uplinked does; unobserved ports are unknown", () => {
    const br = net("bridge", { bridge: "mybr0" });
    expect(expectOf(br, side("a"), side("a"))).toBe("reachable");
    expect(expectOf(br, side("a"), side("b"))).toBe("unreachable");
    expect(expectPair(br, side("a"), side("b")).why).toMatch(/mybr0 has no uplink on a and b/);
    expect(expectOf(br, side("a", { uplinks: ["ens3"] }), side("b", { uplinks: ["ens3"] }))).toBe("reachable");
    // No observation of b's ports: never drawn as an island.
    const blind = expectPair(br, side("a", { uplinks: ["ens3"] }), side("b", { observed: false }));
    expect(blind.expect).toBe("unknown");
    expect(blind.why).toMatch(/not observed/);
    // One observed island is enough to say no.
    expect(expectOf(br, side("a"), side("b", { observed: false }))).toBe("unreachable");
  });
  it("macvlan: a shared parent segment reaches across hosts; on one host by mode", () => {
    const mv = net("macvlan", { master: "ens9" });
    const a = side("a", { segment: "nic:ens9", device: "ens9" });
    const b = side("b", { segment: "nic:ens9", device: "ens9" });
    expect(expectOf(mv, a, b)).toBe("reachable");
    expect(expectOf(mv, a, a)).toBe("reachable");
    expect(expectPair(mv, a, a).why).toMatch(/host↔pod/);
    expect(expectOf(net("macvlan", { mode: "private" }), a, a)).toBe("unreachable");
    expect(expectOf(net("macvlan", { mode: "vepa" }), a, a)).toBe("unknown");
    expect(expectOf(mv, a, side("b", { segment: "nic:ens10" }))).toBe("unreachable");
    // A link that is down is no part of the prediction: the failure it causes is unexpected, and says so.
    expect(expectOf(mv, a, { ...b, state: "down" })).toBe("reachable");
  });
  it("ipvlan: l2 like macvlan; l3 across hosts depends on routes Plumbline does not read", () => {
    const a = side("a", { segment: "nic:ens9" });
    const b = side("b", { segment: "nic:ens9" });
    expect(expectOf(net("ipvlan"), a, b)).toBe("reachable");
    expect(expectOf(net("ipvlan", { mode: "l3" }), a, b)).toBe("unknown");
    expect(expectOf(net("ipvlan", { mode: "l3" }), a, a)).toBe("reachable");
  });
  it("host-device, vlan, sriov and anything else", () => {
    const a = side("a", { segment: "nic:ens8" });
    const b = side("b", { segment: "nic:ens8" });
    expect(expectOf(net("host-device"), a, b)).toBe("reachable");
    expect(expectOf(net("host-device"), a, a)).toBe("unknown");
    expect(expectOf(net("vlan"), a, b)).toBe("reachable");
    expect(expectOf(net("vlan"), a, a)).toBe("unknown");
    expect(expectOf(net("sriov"), side("a", { segment: "sriov:ens1f0" }), side("b", { segment: "sriov:ens1f0" }))).toBe(
      "reachable",
    );
    expect(expectOf(net("sriov"), a, a)).toBe("reachable");
    expect(expectOf(net("other", { cniType: "ovn-k8s-cni-overlay" }), a, b)).toBe("unknown");
    expect(expectOf(net(null, { cniType: null }), a, a)).toBe("unknown");
    expect(expectOf(net("macvlan"), side("a"), side("b"))).toBe("unknown");
  });
});

describe("measured against predicted", () => {
  const br = net("bridge", { bridge: "mybr0" });
  const sides = new Map([
    ["a", side("a")],
    ["b", side("b")],
  ]);
  it("an island: same host reachable and cross-host unreachable are both as expected", () => {
    const cells = judgeCells(br, sides, [
      { from: "a", to: "a", observed: reached },
      { from: "a", to: "b", observed: lost },
      { from: "b", to: "a", observed: lost },
      { from: "b", to: "b", observed: reached },
    ]);
    expect(cells.map((c) => c.verdict)).toEqual(["as-expected", "as-expected", "as-expected", "as-expected"]);
    const counts = countVerdicts(cells);
    expect(headline(counts)).toBe("All 4 tested pairs as expected");
    expect(reachFindingsOf(br, cells, [])).toEqual([]);
  });
  it("an island that reaches across hosts is unexpected: a warning that the picture misses a link", () => {
    const cells = judgeCells(br, sides, [{ from: "a", to: "b", observed: reached }]);
    expect(cells[0]?.verdict).toBe("unexpected");
    expect(cells[0]?.checks.join(" ")).toMatch(/inspect the nodes' links/);
    const [f] = reachFindingsOf(br, cells, []);
    expect(f).toMatchObject({ code: "reach-unexpected-success", severity: "warning" });
    expect(f?.elements).toEqual(["network/multus-test/n", "host/a", "host/b"]);
  });
  it("a shared macvlan parent that fails is unexpected: one error per pair of nodes, with what to check first", () => {
    const mv = net("macvlan", { master: "ens9" });
    const ms = new Map([
      ["a", side("a", { segment: "nic:ens9", device: "ens9" })],
      ["b", side("b", { segment: "nic:ens9", device: "ens9", state: "down" })],
    ]);
    const cells = judgeCells(mv, ms, [
      { from: "a", to: "a", observed: reached },
      { from: "a", to: "b", observed: lost },
      { from: "b", to: "a", observed: lost },
    ]);
    expect(cells.map((c) => c.verdict)).toEqual(["as-expected", "unexpected", "unexpected"]);
    expect(cells[1]?.checks[0]).toMatch(/ens9 is down on b/);
    const findings = reachFindingsOf(mv, cells, [{ node: "c", problem: "the image cannot be pulled" }]);
    expect(findings.map((f) => f.code)).toEqual(["reach-unexpected-failure", "reach-not-tested"]);
    expect(findings[0]?.message).toMatch(/between a and b could not reach each other \(100% loss\)/);
    expect(headline(countVerdicts(cells))).toBe("2 of 3 tested pairs unexpected");
  });
  it("not tested and unknown are neither as expected nor unexpected", () => {
    const cells = judgeCells(net("bridge"), new Map([["a", side("a", { observed: false })]]), [
      { from: "a", to: "b", observed: reached },
      { from: "a", to: "c", observed: { state: "not-tested", reason: "no address" } },
    ]);
    expect(cells.map((c) => c.verdict)).toEqual(["no-expectation", "not-tested"]);
    expect(headline(countVerdicts(cells))).toBe(
      "0 of 1 tested pair as expected; 1 with no expectation (the topology cannot say); 1 not tested",
    );
    expect(headline(countVerdicts([]))).toBe("Nothing could be tested");
  });
});
