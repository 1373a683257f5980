import { describe, expect, it } from "vitest";
import { reachMap, toneOf } from "./map";
import type { ReachCell, ReachResult } from "./schema";

const ok = (avg: number) =>
  ({ state: "reachable", sent: 3, received: 3, lossPct: 0, rttMs: { min: avg, avg, max: avg } }) as const;
const lost = { state: "unreachable", sent: 3, received: 0, lossPct: 100 } as const;
const cell = (from: string, to: string, observed: ReachCell["observed"], verdict: ReachCell["verdict"]): ReachCell => ({
  from,
  to,
  observed,
  expected: { expect: verdict === "no-expectation" ? "unknown" : "reachable", why: "mybr0 is an island" },
  verdict,
  checks: [],
});

// The island bridge on the two-node bed, as reach.int.test.ts measures it, with node-c's image not pulled.
const island: ReachResult = {
  network: "reach-test/island",
  interface: "net1",
  startedAt: "T0",
  finishedAt: "T1",
  nodes: [
    { node: "node-a", pods: [] },
    { node: "node-b", pods: [] },
    { node: "node-c", pods: [], problem: "the image cannot be pulled" },
  ],
  cells: [
    cell("node-a", "node-a", ok(0.09), "as-expected"),
    cell("node-a", "node-b", lost, "as-expected"),
    cell("node-b", "node-a", lost, "as-expected"),
    cell("node-b", "node-b", ok(0.1), "as-expected"),
    cell("node-a", "node-c", { state: "not-tested", reason: "the image cannot be pulled" }, "not-tested"),
  ],
  headline: "All 4 tested pairs as expected; 1 not tested",
  counts: { asExpected: 4, unexpected: 0, noExpectation: 0, notTested: 1 },
  findings: [],
};

describe("what a measured direction's colour says", () => {
  it("is calm for an unreachable pair the topology predicts, and an alarm only when it contradicts it", () => {
    expect(toneOf(cell("a", "b", lost, "as-expected"))).toBe("calm");
    expect(toneOf(cell("a", "b", lost, "unexpected"))).toBe("alarm");
    expect(toneOf(cell("a", "b", ok(1), "unexpected"))).toBe("alarm");
    expect(toneOf(cell("a", "b", ok(1), "as-expected"))).toBe("ok");
    expect(toneOf(cell("a", "b", ok(1), "no-expectation"))).toBe("unsure");
    expect(toneOf(cell("a", "b", { state: "not-tested", reason: "x" }, "not-tested"))).toBe("none");
  });
});

describe("reachMap", () => {
  it("folds the matrix into hosts with their same-host result and pairs with both directions", () => {
    const m = reachMap(island);
    expect(m.hosts).toEqual([
      { name: "node-a", self: expect.objectContaining({ tone: "ok", label: "✓ 0.09 ms" }) },
      { name: "node-b", self: expect.objectContaining({ tone: "ok", label: "✓ 0.1 ms" }) },
      { name: "node-c", problem: "the image cannot be pulled" },
    ]);
    expect(m.pairs.map((p) => [p.a, p.b, p.ab?.label, p.ba?.label, p.same])).toEqual([
      ["node-a", "node-b", "✕ 100% loss · as expected", "✕ 100% loss · as expected", true],
      ["node-a", "node-c", "not tested", undefined, false],
    ]);
    expect(m.pairs[0]?.ab?.title).toBe("node-a → node-b: ✕ 100% loss; as expected: mybr0 is an island");
    expect(m.counts).toEqual({ ok: 2, calm: 2, alarm: 0, unsure: 0, none: 1 });
  });

  it("keeps the two directions apart when they differ (one way lost)", () => {
    const oneWay = {
      ...island,
      cells: [cell("node-a", "node-b", ok(0.2), "as-expected"), cell("node-b", "node-a", lost, "unexpected")],
    };
    const [pair] = reachMap(oneWay).pairs;
    expect(pair).toMatchObject({
      same: false,
      ab: { tone: "ok" },
      ba: { tone: "alarm", label: "✕ 100% loss · unexpected" },
    });
  });
});
