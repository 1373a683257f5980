import Link from "next/link";
import { Fragment } from "react";
import { rangeText } from "@/lib/fleet/fleet-findings";
import type { FleetCell, FleetCluster, FleetRow } from "@/lib/fleet/schema";
import { cn } from "../cn";
import { ProblemBadge } from "../overview/problem-badge";
import { explorerHref } from "./links";
import { ClusterStateChip } from "./state-chip";

const VARIANT = ["A", "B", "C", "D", "E", "F"];

/**
 * Clusters × networks by namespace/name: in each cell what the network is there, its pods and problems. A row whose
 * clusters hold different configs is drift (amber, each config lettered, what differs listed under the row); a
 * cluster that lacks a network a workload asks for is red; one that could not be read says "unknown", never "—".
 */
export function NetworkMatrix({
  clusters,
  rows,
  byContext,
}: {
  clusters: readonly FleetCluster[];
  rows: readonly FleetRow[];
  byContext: boolean;
}) {
  return (
    <div className="overflow-x-auto rounded-lg border border-slate-200 dark:border-slate-700">
      <table data-testid="fleet-networks" className="w-full border-collapse text-sm">
        <thead className="bg-slate-50 text-left text-xs uppercase tracking-wide text-slate-500 dark:bg-slate-800">
          <tr>
            <th className="px-3 py-2 font-medium">Network</th>
            {clusters.map((c) => (
              <th key={c.context} className="min-w-44 px-3 py-2 font-medium normal-case">
                <span className="flex items-center gap-1.5">
                  {c.context}
                  {c.state !== "live" ? <ClusterStateChip state={c.state} reason={c.reason} /> : null}
                </span>
              </th>
            ))}
          </tr>
        </thead>
        <tbody>
          {rows.map((row) => (
            <Fragment key={row.key}>
              <tr
                data-testid="fleet-row"
                data-network={row.key}
                data-drift={row.variants > 1 ? "true" : "false"}
                className={cn(
                  "border-t border-slate-200 align-top dark:border-slate-700",
                  row.variants > 1 && "bg-amber-50/70 dark:bg-amber-950/30",
                )}
              >
                <th scope="row" className="px-3 py-2 text-left font-normal">
                  <div className="font-medium">{row.name}</div>
                  <div className="text-xs text-slate-500">{row.namespace}</div>
                  {row.variants > 1 ? (
                    <span className="mt-1 inline-block rounded bg-amber-200 px-1.5 py-0.5 text-[11px] font-semibold text-amber-900 dark:bg-amber-800 dark:text-amber-50">
                      drift · {row.variants} configs
                    </span>
                  ) : null}
                </th>
                {row.cells.map((cell, i) => (
                  <td key={clusters[i]?.context ?? i} className="px-3 py-2">
                    <Cell
                      cell={cell}
                      drift={row.variants > 1}
                      context={byContext ? clusters[i]?.context : undefined}
                      old={clusters[i]?.state === "live" ? undefined : clusters[i]?.state}
                    />
                  </td>
                ))}
              </tr>
              {row.variants > 1 || row.wantedBy.length > 0 ? (
                <tr className={cn(row.variants > 1 && "bg-amber-50/70 dark:bg-amber-950/30")}>
                  <td colSpan={clusters.length + 1} className="px-3 pb-2 text-xs text-slate-600 dark:text-slate-300">
                    {row.differences.length > 0 ? (
                      <ul data-testid="drift-differences" className="list-disc space-y-0.5 pl-5 font-mono">
                        {row.differences.map((d) => (
                          <li key={d} className="break-all">
                            {d}
                          </li>
                        ))}
                      </ul>
                    ) : null}
                    {row.wantedBy.length > 0 ? <p className="mt-0.5">asked for by {row.wantedBy.join(", ")}</p> : null}
                  </td>
                </tr>
              ) : null}
            </Fragment>
          ))}
        </tbody>
      </table>
    </div>
  );
}

function Cell({
  cell,
  drift,
  context,
  old,
}: {
  cell: FleetCell;
  drift: boolean;
  context: string | undefined;
  /** the cluster is not live: what is shown is its last picture */
  old: string | undefined;
}) {
  if (cell.kind === "unknown")
    return (
      <span data-testid="fleet-cell" data-kind="unknown" title={cell.why} className="italic text-slate-400">
        unknown
      </span>
    );
  if (cell.kind === "absent")
    return cell.wanted ? (
      <span data-testid="fleet-cell" data-kind="absent" className="font-medium text-red-700 dark:text-red-300">
        missing (a workload asks for it)
      </span>
    ) : (
      <span data-testid="fleet-cell" data-kind="absent" className="text-slate-400" title="not on this cluster">
        —
      </span>
    );
  const n = cell.network;
  const what = [n.type, n.link, n.vlan !== undefined ? `VLAN ${n.vlan}` : undefined].filter(Boolean).join(" · ");
  return (
    <div
      data-testid="fleet-cell"
      data-kind="present"
      className={cn("flex flex-col gap-0.5", old && "opacity-60")}
      title={old ? `the last picture: the cluster is ${old} now` : undefined}
    >
      <div className="flex items-center gap-1.5">
        {drift ? (
          <span
            title={`config ${VARIANT[cell.variant] ?? cell.variant + 1}`}
            className="rounded bg-amber-500 px-1 text-[11px] font-bold text-white"
          >
            {VARIANT[cell.variant] ?? cell.variant + 1}
          </span>
        ) : null}
        <Link
          href={explorerHref(context, { kind: "network", network: n.id })}
          className="text-sky-700 hover:underline dark:text-sky-300"
        >
          {what || "open"}
        </Link>
        <ProblemBadge problems={n.problems} label={`${n.namespace}/${n.name}`} />
      </div>
      <div className="text-xs text-slate-500">
        {n.pods} pod{n.pods === 1 ? "" : "s"}
        {n.ranges.length ? ` · ${n.ranges.map(rangeText).join(", ")}` : ""}
      </div>
    </div>
  );
}
