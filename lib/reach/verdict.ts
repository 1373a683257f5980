import { hostId, networkIdOfRef } from "../contract/ids";
import type { Finding } from "../contract/schema";
import { failureChecks, successChecks } from "./checks";
import { expectPair, type NetFacts, type SideFacts } from "./expect";
import type { Observed, ReachCell, ReachResult, Verdict } from "./schema";

/** As expected, unexpected, no expectation (the topology cannot say) or not tested. */
export function verdictOf(observed: Observed, expect: "reachable" | "unreachable" | "unknown"): Verdict {
  if (observed.state === "not-tested") return "not-tested";
  if (expect === "unknown") return "no-expectation";
  return observed.state === expect ? "as-expected" : "unexpected";
}

/** Every measured direction with what the topology predicts for it, and what to check where they differ. */
export function judgeCells(
  net: NetFacts,
  sides: ReadonlyMap<string, SideFacts>,
  measured: readonly { from: string; to: string; observed: Observed }[],
): ReachCell[] {
  return measured.map(({ from, to, observed }) => {
    const a = sides.get(from) ?? { node: from, observed: false, uplinks: [] };
    const b = sides.get(to) ?? { node: to, observed: false, uplinks: [] };
    const expected = expectPair(net, a, b);
    const verdict = verdictOf(observed, expected.expect);
    const checks =
      verdict !== "unexpected"
        ? []
        : observed.state === "reachable"
          ? successChecks(net, a, b)
          : failureChecks(net, a, b);
    return { from, to, observed, expected, verdict, checks };
  });
}

const plural = (n: number, one: string, many = `${one}s`) => `${n} ${n === 1 ? one : many}`;

export function countVerdicts(cells: readonly ReachCell[]): ReachResult["counts"] {
  const n = (v: Verdict) => cells.filter((c) => c.verdict === v).length;
  return {
    asExpected: n("as-expected"),
    unexpected: n("unexpected"),
    noExpectation: n("no-expectation"),
    notTested: n("not-tested"),
  };
}

/** The first line a person reads: unexpected first, then what was not tested or not predictable. */
export function headline(counts: ReachResult["counts"]): string {
  const tested = counts.asExpected + counts.unexpected + counts.noExpectation;
  const parts: string[] = [];
  if (tested === 0) parts.push("Nothing could be tested");
  else if (counts.unexpected > 0) parts.push(`${counts.unexpected} of ${plural(tested, "tested pair")} unexpected`);
  else if (counts.asExpected === tested) parts.push(`All ${plural(tested, "tested pair")} as expected`);
  else parts.push(`${counts.asExpected} of ${plural(tested, "tested pair")} as expected`);
  if (counts.noExpectation > 0) parts.push(`${counts.noExpectation} with no expectation (the topology cannot say)`);
  if (counts.notTested > 0) parts.push(`${counts.notTested} not tested`);
  return parts.join("; ");
}

const describe = (o: Observed): string =>
  o.state === "not-tested"
    ? o.reason
    : o.state === "reachable"
      ? `${o.received}/${o.sent} replies${o.rttMs ? `, ${o.rttMs.avg} ms` : ""}`
      : `${o.lossPct}% loss${o.error ? ` (${o.error})` : ""}`;

/** One finding per unordered pair of nodes with an unexpected direction, and one per node that could not take part. */
export function reachFindingsOf(
  net: NetFacts,
  cells: readonly ReachCell[],
  problems: readonly { node: string; problem: string }[],
): Finding[] {
  const out: Finding[] = [];
  const seen = new Set<string>();
  const netId = networkIdOfRef(net.ref);
  for (const c of cells) {
    if (c.verdict !== "unexpected") continue;
    const key = [c.from, c.to].sort().join("\u0000");
    if (seen.has(key)) continue;
    seen.add(key);
    const where = c.from === c.to ? `on ${c.from}` : `between ${c.from} and ${c.to}`;
    const elements = [...new Set([netId, hostId(c.from), hostId(c.to)])];
    if (c.observed.state === "reachable")
      out.push({
        severity: "warning",
        code: "reach-unexpected-success",
        message: `${net.ref}: probes ${where} reached each other (${describe(c.observed)}), though ${c.expected.why}`,
        elements,
      });
    else
      out.push({
        severity: "error",
        code: "reach-unexpected-failure",
        message:
          `${net.ref}: probes ${where} could not reach each other (${describe(c.observed)}), though ${c.expected.why}. ${c.checks[0] ?? ""}`.trim(),
        elements,
      });
  }
  for (const p of problems)
    out.push({
      severity: "warning",
      code: "reach-not-tested",
      message: `${net.ref}: not tested on ${p.node}: ${p.problem}`,
      elements: [netId, hostId(p.node)],
    });
  return out;
}
