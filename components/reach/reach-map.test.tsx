import { cleanup, render, screen } from "@testing-library/react";
import { afterEach, describe, expect, it } from "vitest";
import type { ReachCell, ReachResult } from "@/lib/reach/schema";
import { ReachMap } from "./reach-map";

const ok = { state: "reachable", sent: 3, received: 3, lossPct: 0, rttMs: { min: 0.1, avg: 0.12, max: 0.2 } } as const;
const lost = { state: "unreachable", sent: 3, received: 0, lossPct: 100 } as const;
const cell = (from: string, to: string, observed: ReachCell["observed"], verdict: ReachCell["verdict"]): ReachCell => ({
  from,
  to,
  observed,
  expected: { expect: "reachable", why: "both hang off ens9" },
  verdict,
  checks: [],
});
const result = (cells: ReachCell[]): ReachResult => ({
  network: "ns/net",
  interface: "net1",
  startedAt: "T0",
  finishedAt: "T1",
  nodes: [
    { node: "a", pods: [] },
    { node: "b", pods: [] },
  ],
  cells,
  headline: "h",
  counts: { asExpected: 0, unexpected: 0, noExpectation: 0, notTested: 0 },
  findings: [],
});

const lines = () =>
  screen.getAllByTestId("reach-map-line").map((l) => `${l.dataset.from}>${l.dataset.to} ${l.dataset.tone}`);

describe("ReachMap", () => {
  afterEach(cleanup);

  it("draws one calm line for a pair unreachable both ways as predicted, and each host's same-host result", () => {
    render(
      <ReachMap
        result={result([
          cell("a", "a", ok, "as-expected"),
          cell("a", "b", lost, "as-expected"),
          cell("b", "a", lost, "as-expected"),
          cell("b", "b", ok, "as-expected"),
        ])}
      />,
    );
    expect(lines()).toEqual(["a>b calm"]);
    expect(screen.getAllByTestId("reach-map-host").map((h) => h.dataset.tone)).toEqual(["ok", "ok"]);
    expect(screen.getByTestId("reach-map-legend").textContent).toContain("unreachable, as expected (2)");
  });

  it("draws two arrows when the directions differ, the contradicting one as the alarm", () => {
    render(<ReachMap result={result([cell("a", "b", ok, "as-expected"), cell("b", "a", lost, "unexpected")])} />);
    expect(lines()).toEqual(["a>b ok", "b>a alarm"]);
    expect(screen.getByText(/✕ 100% loss · unexpected/)).toBeTruthy();
  });
});
