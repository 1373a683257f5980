import type { ReachCell, ReachResult } from "./schema";

/** A cell in a few characters: ✓ 0.12ms, ✗ 100%, – (not tested), with ! when unexpected. */
export function cellText(c: ReachCell): string {
  const o = c.observed;
  const text =
    o.state === "reachable"
      ? `ok ${o.rttMs ? `${o.rttMs.avg}ms` : ""}${o.lossPct ? ` ${o.lossPct}%loss` : ""}`.trim()
      : o.state === "unreachable"
        ? `FAIL ${o.lossPct}%loss`
        : "not tested";
  const mark = c.verdict === "unexpected" ? " !UNEXPECTED" : c.verdict === "no-expectation" ? " ?" : "";
  return `${text}${mark}`;
}

/** The N×N matrix as plain text: rows are "from", columns "to"; then the headline, the reasons and what to check. */
export function renderReachText(r: ReachResult): string {
  const nodes = r.nodes.map((n) => n.node);
  const at = (from: string, to: string) => r.cells.find((c) => c.from === from && c.to === to);
  const text = (from: string, to: string) => {
    const c = at(from, to);
    return c ? cellText(c) : "-";
  };
  const rows = [["from \\ to", ...nodes], ...nodes.map((f) => [f, ...nodes.map((t) => text(f, t))])];
  const widths = rows[0]?.map((_, i) => Math.max(...rows.map((row) => (row[i] ?? "").length))) ?? [];
  const table = rows.map((row) =>
    row
      .map((s, i) => s.padEnd(widths[i] ?? 0))
      .join("  ")
      .trimEnd(),
  );
  const out = [
    `Reachability on ${r.network} (${r.interface}), ${r.startedAt} → ${r.finishedAt}`,
    "",
    ...table,
    "",
    r.headline,
  ];
  for (const n of r.nodes) if (n.problem) out.push(`  ${n.node}: not tested: ${n.problem}`);
  for (const c of r.cells) {
    if (c.verdict !== "unexpected" && c.verdict !== "no-expectation") continue;
    out.push(
      `  ${c.from} → ${c.to}: ${c.verdict === "unexpected" ? "unexpected" : "no expectation"}: ${c.expected.why}`,
    );
    for (const check of c.checks) out.push(`      - ${check}`);
  }
  return `${out.join("\n")}\n`;
}
