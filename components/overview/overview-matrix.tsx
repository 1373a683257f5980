"use client";

import { type UIEvent, useEffect, useLayoutEffect, useMemo, useRef, useState } from "react";
import type { ColumnWindow } from "@/lib/overview/columns";
import type { RowWindow } from "@/lib/overview/rows";
import type { ClusterOverview, HostOrder, OverviewCell, OverviewNetwork } from "@/lib/overview/schema";
import { ExportJsonButton } from "../graph/export-json";
import { Icon } from "../icons";
import { traceMark } from "../trace";
import { cellKey, HOST_COLUMN, NETWORK_COLUMN, ROW_HEIGHT } from "./matrix-order";
import { LoadingRow, MatrixRow } from "./matrix-row";
import { ProblemBadge } from "./problem-badge";
import { useMatrixColumns } from "./use-matrix-columns";
import { useMatrixRows } from "./use-matrix-rows";

const HEADER_HEIGHT = 156;
/** rows drawn above and below the visible ones, so a fast scroll does not show blanks */
const OVERSCAN = 8;

export interface OverviewMatrixProps {
  overview: ClusterOverview;
  colours: Map<string, string>;
  onOpenHost: (host: string) => void;
  onOpenNetwork: (network: string) => void;
  onOpenCell: (host: string, network: string) => void;
  /** a server's row window asks here for the rows in sight (lib/overview/rows.ts) */
  onRows?: (w: RowWindow) => void;
  /** and for the columns in sight (lib/overview/columns.ts) */
  onColumns?: (c: ColumnWindow) => void;
}

const netKey = (n: OverviewNetwork) => `${n.namespace}/${n.name}`;

/**
 * The cluster at any size: one row per host, one column per network, each cell the pods of that host on that
 * network with a badge for problems. Text is never scaled down: the matrix scrolls instead, drawing only the rows
 * in sight.
 */
export function OverviewMatrix({
  overview,
  colours,
  onOpenHost,
  onOpenNetwork,
  onOpenCell,
  onRows,
  onColumns,
}: OverviewMatrixProps) {
  const [order, setOrder] = useState<HostOrder>("problems");
  const [scroll, setScroll] = useState({ top: 0, height: 0, left: 0, width: 0 });
  const scroller = useRef<HTMLDivElement>(null);
  // The visible area, measured before the first paint (the first picture is already the right one), then as the pane
  // grows (a scroll reports it too). Never shrunk here: a banner shown for a moment above it (a view on its way) must
  // not redraw the rows.
  useLayoutEffect(() => {
    const el = scroller.current;
    if (!el) return;
    const measure = () =>
      setScroll((s) => {
        const height = Math.max(s.height, el.clientHeight);
        const width = Math.max(s.width, el.clientWidth);
        return height === s.height && width === s.width ? s : { ...s, height, width };
      });
    measure();
    const observer = new ResizeObserver(measure);
    observer.observe(el);
    return () => observer.disconnect();
  }, []);
  const cells = useMemo(() => new Map(overview.cells.map((c) => [cellKey(c.host, c.network), c])), [overview]);
  const peak = useMemo(() => peakPods(overview.cells), [overview]);
  useEffect(() => traceMark("matrix:commit", overview.hosts.length), [overview]);
  const inSight = Math.max(0, Math.floor(scroll.top / ROW_HEIGHT) - OVERSCAN);
  const below = Math.ceil((scroll.top + scroll.height) / ROW_HEIGHT) + OVERSCAN;
  const rows = useMatrixRows(overview, order, inSight, below, onRows);
  const first = Math.min(inSight, rows.count);
  const last = Math.min(rows.count, below);
  const columns = useMatrixColumns(overview, scroll, onColumns);
  const width = HOST_COLUMN + columns.count * NETWORK_COLUMN;
  const skipped = columns.first * NETWORK_COLUMN;
  const onScroll = (e: UIEvent<HTMLDivElement>) => {
    const el = e.currentTarget;
    setScroll({ top: el.scrollTop, height: el.clientHeight, left: el.scrollLeft, width: el.clientWidth });
  };

  return (
    <div className="flex h-full flex-col" data-testid="overview-matrix">
      <MatrixSummary overview={overview} withErrors={rows.withErrors} order={order} onOrder={setOrder} />
      <ColumnsNote overview={overview} />
      <div
        ref={scroller}
        className="relative min-h-0 flex-1 overflow-auto"
        onScroll={onScroll}
        data-testid="matrix-scroll"
      >
        <div style={{ width, height: HEADER_HEIGHT + rows.count * ROW_HEIGHT }} className="relative">
          <div
            className="sticky top-0 z-20 flex border-b border-slate-300 bg-slate-50 dark:border-slate-600 dark:bg-slate-950"
            style={{ height: HEADER_HEIGHT, width }}
          >
            <div
              className="sticky left-0 z-30 flex items-end bg-slate-50 px-3 pb-1.5 text-xs font-semibold uppercase tracking-wide text-slate-500 dark:bg-slate-950"
              style={{ width: HOST_COLUMN, minWidth: HOST_COLUMN }}
            >
              Host · pods
            </div>
            <span className="shrink-0" style={{ width: skipped }} />
            {columns.inSight.map(({ column, network: n }) =>
              n ? (
                <NetworkHeader
                  key={n.id}
                  network={n}
                  column={column}
                  colour={colours.get(netKey(n))}
                  onOpen={onOpenNetwork}
                />
              ) : (
                <LoadingHeader key={`column ${column}`} column={column} />
              ),
            )}
          </div>
          {Array.from({ length: Math.max(0, last - first) }, (_, k) => {
            const i = first + k;
            const h = rows.at(i);
            const top = HEADER_HEIGHT + i * ROW_HEIGHT;
            return h ? (
              <MatrixRow
                key={h.id}
                host={h}
                row={i}
                top={top}
                columns={columns.inSight}
                skipped={skipped}
                cells={cells}
                peak={peak}
                onOpenHost={onOpenHost}
                onOpenCell={onOpenCell}
              />
            ) : (
              <LoadingRow key={`row ${i}`} row={i} top={top} width={width} />
            );
          })}
        </div>
      </div>
    </div>
  );
}

function peakPods(cells: OverviewCell[]): number {
  let peak = 1;
  for (const c of cells) if (c.pods > peak) peak = c.pods;
  return peak;
}

function NetworkHeader({
  network,
  column,
  colour,
  onOpen,
}: {
  network: OverviewNetwork;
  column: number;
  colour: string | undefined;
  onOpen: (network: string) => void;
}) {
  const key = netKey(network);
  return (
    <button
      type="button"
      data-testid="matrix-network"
      data-column={column}
      data-network={key}
      data-colour={colour}
      title={`${key} (${network.type}): ${network.pods} pods. Open the network view`}
      onClick={() => onOpen(key)}
      className="flex shrink-0 flex-col items-center justify-end gap-1 border-l border-slate-200 pb-1 hover:bg-sky-50 dark:border-slate-800 dark:hover:bg-sky-950"
      style={{ width: NETWORK_COLUMN }}
    >
      <span
        className="max-h-32 truncate font-mono text-[11px] text-slate-800 dark:text-slate-200"
        style={{ writingMode: "vertical-rl", transform: "rotate(180deg)" }}
      >
        {network.name}
      </span>
      <span className="h-2 w-6 rounded-sm" style={{ background: colour ?? "#64748b" }} />
      <ProblemBadge problems={network.problems} label={key} />
    </button>
  );
}

/** A network's column the server has not sent yet (it comes as it scrolls into sight): said to be loading. */
function LoadingHeader({ column }: { column: number }) {
  return (
    <span
      className="flex shrink-0 flex-col items-center justify-end gap-1 border-l border-slate-200 pb-2 dark:border-slate-800"
      style={{ width: NETWORK_COLUMN }}
      data-testid="matrix-network-loading"
      data-column={column}
      aria-busy="true"
    >
      <span className="h-24 w-2.5 animate-pulse rounded bg-slate-200 dark:bg-slate-700" />
      <span className="text-[11px] text-slate-500">…</span>
    </span>
  );
}

/** What a column window leaves out, said above the matrix: never a silently narrower matrix. */
function ColumnsNote({ overview }: { overview: ClusterOverview }) {
  const c = overview.window?.columns;
  if (!c) return null;
  const held = overview.networks.length;
  const from = held === 0 ? c.offset : c.offset + 1;
  return (
    <div
      className="border-b border-slate-200 bg-slate-50 px-4 py-1 text-xs text-slate-600 dark:border-slate-700 dark:bg-slate-950 dark:text-slate-300"
      data-testid="matrix-columns-note"
    >
      Networks {from.toLocaleString("en")}–{(c.offset + held).toLocaleString("en")} of {c.count.toLocaleString("en")}{" "}
      loaded · {(c.count - held).toLocaleString("en")} more, scroll sideways to load them
    </div>
  );
}

function MatrixSummary({
  overview,
  withErrors: broken,
  order,
  onOrder,
}: {
  overview: ClusterOverview;
  withErrors: number;
  order: HostOrder;
  onOrder: (o: HostOrder) => void;
}) {
  const { totals } = overview;
  return (
    <div className="flex flex-wrap items-center gap-x-4 gap-y-1 border-b border-slate-200 bg-white px-4 py-2 text-sm dark:border-slate-700 dark:bg-slate-900">
      <span className="flex items-center gap-1.5 font-medium">
        <Icon name="host" className="h-4 w-4 text-slate-500" />
        {totals.hosts.toLocaleString("en")} hosts · {totals.pods.toLocaleString("en")} pods ·{" "}
        {totals.networks.toLocaleString("en")} networks
      </span>
      {broken > 0 ? (
        <span className="text-red-700 dark:text-red-400">
          {broken} host{broken === 1 ? "" : "s"} with errors
        </span>
      ) : null}
      <span className="text-xs text-slate-500">cell = pods of a host on a network; click to open</span>
      <label className="ml-auto flex items-center gap-1.5 text-xs text-slate-600 dark:text-slate-300">
        Hosts by
        <select
          aria-label="Order hosts by"
          className="rounded border border-slate-300 bg-white px-1 py-0.5 text-xs dark:border-slate-600 dark:bg-slate-900"
          value={order}
          onChange={(e) =>
            onOrder(e.target.value === "name" ? "name" : e.target.value === "pods" ? "pods" : "problems")
          }
        >
          <option value="problems">problems first</option>
          <option value="pods">most pods</option>
          <option value="name">name</option>
        </select>
      </label>
      {/* the matrix is drawn from an aggregate: the export asks the server for the whole topology */}
      <fieldset className="m-0 flex items-center gap-0.5 border-0 p-0" aria-label="Export">
        <span className="px-1.5 text-[11px] uppercase tracking-wide text-slate-500">Export</span>
        <ExportJsonButton name="plumbline-cluster" />
      </fieldset>
    </div>
  );
}
