"use client";

import { memo } from "react";
import type { OverviewCell, OverviewHost, OverviewNetwork } from "@/lib/overview/schema";
import { cellKey, HOST_COLUMN, NETWORK_COLUMN, ROW_HEIGHT } from "./matrix-order";
import { ProblemBadge } from "./problem-badge";

export interface MatrixRowProps {
  host: OverviewHost;
  top: number;
  networks: OverviewNetwork[];
  cells: Map<string, OverviewCell>;
  peak: number;
  colours: Map<string, string>;
  onOpenHost: (host: string) => void;
  onOpenCell: (host: string, network: string) => void;
}

/** One host: its name, pod count and problems, then a cell per network. */
function MatrixRowView({ host, top, networks, cells, peak, colours, onOpenHost, onOpenCell }: MatrixRowProps) {
  return (
    <div
      className="absolute left-0 flex border-b border-slate-100 dark:border-slate-800"
      style={{ top, height: ROW_HEIGHT }}
      data-testid="matrix-row"
      data-host={host.name}
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
          <span className="text-[10px] text-slate-500" title="No NodeNetworkState: its links are inferred">
            inferred
          </span>
        )}
        <span className="tabular-nums text-slate-500">{host.pods}</span>
        <ProblemBadge problems={host.problems} label={host.name} />
      </button>
      {networks.map((n) => {
        const cell = cells.get(cellKey(host.id, n.id));
        const name = `${n.namespace}/${n.name}`;
        return cell ? (
          <Cell
            key={n.id}
            cell={cell}
            colour={colours.get(name) ?? "#64748b"}
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

function Cell({
  cell,
  colour,
  peak,
  label,
  onOpen,
}: {
  cell: OverviewCell;
  colour: string;
  peak: number;
  label: string;
  onOpen: () => void;
}) {
  // The fill grows with the pod count; the number stays on a white chip so it reads on any colour.
  const alpha = cell.pods === 0 ? 0 : 0.18 + 0.6 * Math.sqrt(cell.pods / peak);
  return (
    <button
      type="button"
      data-testid="matrix-cell"
      title={`${label}: ${cell.pods} pod${cell.pods === 1 ? "" : "s"}`}
      onClick={onOpen}
      className="relative flex shrink-0 items-center justify-center border-l border-slate-100 hover:outline hover:outline-2 hover:outline-sky-500 dark:border-slate-800"
      style={{
        width: NETWORK_COLUMN,
        background: `color-mix(in srgb, ${colour} ${Math.round(alpha * 100)}%, transparent)`,
      }}
    >
      <span className="rounded bg-white/85 px-0.5 text-[11px] font-medium tabular-nums text-slate-900 dark:bg-slate-950/80 dark:text-slate-100">
        {cell.pods}
      </span>
      <span className="absolute -right-0.5 -top-0.5">
        <ProblemBadge problems={cell.problems} label={label} />
      </span>
    </button>
  );
}

export const MatrixRow = memo(MatrixRowView);
