import { describe, expect, it } from "vitest";
import { renderReachText } from "./render";
import type { ReachResult } from "./schema";

const result: ReachResult = {
  network: "multus-test/macvlan-main",
  interface: "net1",
  startedAt: "T0",
  finishedAt: "T1",
  nodes: [
    { node: "node-a", pods: [{ name: "p1", address: "10.0.0.1" }] },
    { node: "node-b", pods: [{ name: "p2" }], problem: "the image cannot be pulled" },
  ],
  cells: [
    {
      from: "node-a",
      to: "node-a",
      observed: { state: "reachable", sent: 6, received: 6, lossPct: 0, rttMs: { min: 0.05, avg: 0.07, max: 0.1 } },
      expected: { expect: "reachable", why: "macvlan mode bridge" },
      verdict: "as-expected",
      checks: [],
    },
    {
      from: "node-a",
      to: "node-b",
      observed: { state: "unreachable", sent: 3, received: 0, lossPct: 100 },
      expected: { expect: "reachable", why: "both hang off ens9" },
      verdict: "unexpected",
      checks: ["Check that ens9 is up"],
    },
  ],
  headline: "1 of 2 tested pairs unexpected",
  counts: { asExpected: 1, unexpected: 1, noExpectation: 0, notTested: 0 },
  findings: [],
};

describe("renderReachText", () => {
  it("prints the matrix, the headline, the nodes not tested and what to check for each unexpected pair", () => {
    expect(renderReachText(result)).toBe(
      [
        "Reachability on multus-test/macvlan-main (net1), T0 → T1",
        "",
        "from \\ to  node-a     node-b",
        "node-a     ok 0.07ms  FAIL 100%loss !UNEXPECTED",
        "node-b     -          -",
        "",
        "1 of 2 tested pairs unexpected",
        "  node-b: not tested: the image cannot be pulled",
        "  node-a → node-b: unexpected: both hang off ens9",
        "      - Check that ens9 is up",
        "",
      ].join("\n"),
    );
  });
});
