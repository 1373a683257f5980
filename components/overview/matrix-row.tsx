"use client";

import { memo } from "react";
import type { OverviewCell, OverviewHost } from "@/lib/overview/schema";
import { cn } from "../cn";
import { cellKey, HOST_COLUMN, NETWORK_COLUMN, ROW_HEIGHT } from "./matrix-order";
import { ProblemBadge } from "./problem-badge";
import type { MatrixColumn } from "./use-matrix-columns";

export interface MatrixRowProps {
  host: OverviewHost;
  /** its row, counted from the first in the matrix's order */
  row: number;
  top: number;
  /** the columns in sight; a network null: a column on its way (a server's column window) */
  columns: MatrixColumn[];
  /** the width of the columns left of them, not drawn */
  skipped: number;
  cells: Map<string, OverviewCell>;
  peak: number;
  onOpenHost: (host: string) => void;
  onOpenCell: (host: string, network: string) => void;
}

/** One host: its name, pod count and problems, then a cell per network in sight. */
function MatrixRowView({ host, row, top, columns, skipped, cells, peak, onOpenHost, onOpenCell }: MatrixRowProps) {
  return (
    <div
      className="absolute left-0 flex border-b border-slate-100 dark:border-slate-800"
      style={{ top, height: ROW_HEIGHT }}
      data-testid="matrix-row"
      data-host={host.name}
      data-row={row}
    >
      <button
        type="button"
        onClick={() => onOpenHost(host.name)}
        title={`Open the host view of ${host.name}`}
        className="sticky left-0 z-10 flex items-center gap-2 border-r border-slate-200 bg-white px-3 text-left text-xs hover:bg-sky-50 dark:border-slate-700 dark:bg-slate-900 dark:hover:bg-sky-950"
        style={{ width: HOST_COLUMN, minWidth: HOST_COLUMN }}
      >
        <span className="min-w-0 flex-1 truncate font-medium text-slate-800 dark:text-slate-100">{host.name}</span>
        {host.linksObserved ? null : (
          <span className="text-[11px] text-slate-500" title="No NodeNetworkState: its links are inferred">
            inferred
          </span>
        )}
        <span className="tabular-nums text-slate-500">{host.pods}</span>
        <ProblemBadge problems={host.problems} label={host.name} />
      </button>
      <span className="shrink-0" style={{ width: skipped }} />
      {columns.map(({ column, network: n }) => {
        if (!n) return <LoadingCell key={`column ${column}`} />;
        const cell = cells.get(cellKey(host.id, n.id));
        const name = `${n.namespace}/${n.name}`;
        return cell ? (
          <Cell
            key={n.id}
            cell={cell}
            peak={peak}
            onOpen={() => onOpenCell(host.name, name)}
            label={`${host.name} · ${name}`}
          />
        ) : (
          <span
            key={n.id}
            className="shrink-0 border-l border-slate-100 dark:border-slate-800"
            style={{ width: NETWORK_COLUMN }}
          />
        );
      })}
    </div>
  );
}

function Cell({ cell, peak, label, onOpen }: { cell: OverviewCell; peak: number; label: string; onOpen: () => void }) {
  // One neutral scale for every column, so the eye goes to where pods are and to the red and amber badges; the
  // network's own colour is on its column header.
  const share = cell.pods === 0 ? 0 : Math.sqrt(cell.pods / peak);
  const dark = share > 0.6;
  return (
    <button
      type="button"
      data-testid="matrix-cell"
      title={`${label}: ${cell.pods} pod${cell.pods === 1 ? "" : "s"}`}
      onClick={onOpen}
      className={cn(
        "relative flex shrink-0 items-center justify-start border-l pl-1.5 border-slate-100 text-[11px] font-medium tabular-nums hover:outline hover:outline-2 hover:-outline-offset-2 hover:outline-sky-500 dark:border-slate-800",
        dark ? "text-white" : "text-slate-800 dark:text-slate-100",
      )}
      style={{
        width: NETWORK_COLUMN,
        background: cell.pods ? `color-mix(in srgb, #0369a1 ${Math.round(8 + 70 * share)}%, transparent)` : undefined,
      }}
    >
      {cell.pods || ""}
      <span className="absolute right-0.5 top-0.5">
        <ProblemBadge problems={cell.problems} label={label} />
      </span>
    </button>
  );
}

export const MatrixRow = memo(MatrixRowView);

/** A cell of a column not sent yet: loading, never drawn as an empty (no pods) cell. */
function LoadingCell() {
  return (
    <span
      className="shrink-0 animate-pulse border-l border-slate-100 bg-slate-100/70 dark:border-slate-800 dark:bg-slate-800/60"
      style={{ width: NETWORK_COLUMN }}
      data-testid="matrix-cell-loading"
    />
  );
}

/** A row the server has not sent yet (it comes as it scrolls into sight): said to be loading, never drawn empty. */
export function LoadingRow({ row, top, width }: { row: number; top: number; width: number }) {
  return (
    <div
      className="absolute left-0 flex border-b border-slate-100 dark:border-slate-800"
      style={{ top, height: ROW_HEIGHT, width }}
      data-testid="matrix-row-loading"
      data-row={row}
      aria-busy="true"
    >
      <span
        className="sticky left-0 z-10 flex items-center gap-2 border-r border-slate-200 bg-white px-3 text-xs text-slate-500 dark:border-slate-700 dark:bg-slate-900 dark:text-slate-400"
        style={{ width: HOST_COLUMN, minWidth: HOST_COLUMN }}
      >
        <span className="h-2.5 flex-1 animate-pulse rounded bg-slate-200 dark:bg-slate-700" />
        loading…
      </span>
      <span className="flex-1 animate-pulse bg-slate-50 dark:bg-slate-900/60" />
    </div>
  );
}
