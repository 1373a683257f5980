import { toneOf, VERDICT_WORDS } from "@/lib/reach/map";
import type { ReachCell, ReachResult } from "@/lib/reach/schema";
import { cn } from "../cn";
import { CELL_TONE } from "./tones";

function measured(c: ReachCell): string {
  const o = c.observed;
  if (o.state === "not-tested") return "not tested";
  if (o.state === "unreachable") return `unreachable · ${o.lossPct}% loss`;
  return `reachable${o.rttMs ? ` · ${o.rttMs.avg} ms` : ""}${o.lossPct ? ` · ${o.lossPct}% loss` : ""}`;
}

function Cell({ cell }: { cell: ReachCell | undefined }) {
  if (!cell) return <td className="border border-slate-200 p-1 text-center text-slate-400 dark:border-slate-700">—</td>;
  const why = cell.observed.state === "not-tested" ? cell.observed.reason : cell.expected.why;
  return (
    <td
      title={`${cell.from} → ${cell.to}: ${measured(cell)}; ${VERDICT_WORDS[cell.verdict]}: ${why}`}
      data-verdict={cell.verdict}
      data-state={cell.observed.state}
      data-tone={toneOf(cell)}
      className={cn(
        "border border-slate-200 p-1 align-top dark:border-slate-700",
        // Coloured by verdict: red is only what the topology did not predict.
        CELL_TONE[toneOf(cell)],
        cell.verdict === "unexpected" && "outline-2 -outline-offset-2 outline-red-600",
      )}
    >
      <div className="font-medium">{measured(cell)}</div>
      <div
        className={cn(
          "text-[11px]",
          cell.verdict === "unexpected" ? "font-semibold text-red-700 dark:text-red-300" : "opacity-80",
        )}
      >
        {VERDICT_WORDS[cell.verdict]}
      </div>
    </td>
  );
}

/** The N×N result: rows ping, columns answer; each cell what was measured and whether the topology predicted it. */
export function ReachMatrix({ result }: { result: ReachResult }) {
  const nodes = result.nodes.map((n) => n.node);
  const at = (from: string, to: string) => result.cells.find((c) => c.from === from && c.to === to);
  const bad = result.counts.unexpected > 0;
  return (
    <div className="space-y-2 text-xs" data-testid="reach-result">
      <p
        className={cn(
          "rounded p-2 font-semibold",
          bad
            ? "bg-red-100 text-red-900 dark:bg-red-950 dark:text-red-100"
            : "bg-emerald-100 text-emerald-900 dark:bg-emerald-950 dark:text-emerald-100",
        )}
        data-testid="reach-headline"
      >
        {result.headline}
      </p>
      <div className="overflow-x-auto">
        <table className="border-collapse text-xs">
          <caption className="pb-1 text-left text-[11px] text-slate-500">
            ping over {result.interface} from the row's node to the column's (same node: two probes there)
          </caption>
          <thead>
            <tr>
              <th className="p-1 text-left font-normal text-slate-500">from \ to</th>
              {nodes.map((n) => (
                <th key={n} scope="col" className="p-1 text-left font-mono font-medium">
                  {n}
                </th>
              ))}
            </tr>
          </thead>
          <tbody>
            {nodes.map((f) => (
              <tr key={f}>
                <th scope="row" className="p-1 pr-2 text-left font-mono font-medium">
                  {f}
                </th>
                {nodes.map((t) => (
                  <Cell key={t} cell={at(f, t)} />
                ))}
              </tr>
            ))}
          </tbody>
        </table>
      </div>
      {result.nodes.some((n) => n.problem) ? (
        <ul className="space-y-0.5 text-amber-900 dark:text-amber-200">
          {result.nodes.map((n) => (n.problem ? <li key={n.node}>{`${n.node}: not tested: ${n.problem}`}</li> : null))}
        </ul>
      ) : null}
      <Unexpected cells={result.cells} />
    </div>
  );
}

function Unexpected({ cells }: { cells: readonly ReachCell[] }) {
  const seen = new Set<string>();
  const shown = cells.filter((c) => {
    const key = [c.from, c.to].sort().join(" ");
    if (c.verdict !== "unexpected" || seen.has(key)) return false;
    seen.add(key);
    return true;
  });
  if (!shown.length) return null;
  return (
    <div className="space-y-2" data-testid="reach-unexpected">
      {shown.map((c) => (
        <div key={`${c.from}>${c.to}`} className="rounded border border-red-200 p-2 dark:border-red-900">
          <p className="font-semibold text-red-800 dark:text-red-200">
            {c.from === c.to ? c.from : `${c.from} ↔ ${c.to}`}: {measured(c)}, though {c.expected.why}
          </p>
          <ul className="mt-1 list-disc space-y-0.5 pl-4">
            {c.checks.map((k) => (
              <li key={k}>{k}</li>
            ))}
          </ul>
        </div>
      ))}
    </div>
  );
}
