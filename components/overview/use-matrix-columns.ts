"use client";

import { useEffect, useMemo } from "react";
import { type ColumnWindow, columnsFor } from "@/lib/overview/columns";
import type { ClusterOverview, OverviewNetwork } from "@/lib/overview/schema";
import { NETWORK_COLUMN } from "./matrix-order";

/** columns drawn left and right of the visible ones */
const COLUMN_OVERSCAN = 4;

/** A column in sight: its number, and its network, or null while the column is on its way. */
export interface MatrixColumn {
  column: number;
  network: OverviewNetwork | null;
}

export interface MatrixColumns {
  /** every column, received or not: the scrollbar's width */
  count: number;
  /** the first column in sight (with the overscan): the width left of it is not drawn */
  first: number;
  inSight: MatrixColumn[];
}

/**
 * The matrix's columns (networks in namespace/name order). An overview computed in the page, or one whose window holds
 * every network, has them all; otherwise the server sent a window of them and says how many there are: the columns in
 * sight `first`..`last` are asked for as they scroll into sight, and until they come they are drawn as loading.
 */
export function useMatrixColumns(
  overview: ClusterOverview,
  scroll: { left: number; width: number },
  onColumns: ((c: ColumnWindow) => void) | undefined,
): MatrixColumns {
  // Columns too are drawn only in sight: 200 networks × the visible rows would be thousands of cells to build (and
  // to take down when the view changes) for the twenty or so a screen shows.
  const first = Math.max(0, Math.floor(scroll.left / NETWORK_COLUMN) - COLUMN_OVERSCAN);
  const last = Math.ceil((scroll.left + scroll.width) / NETWORK_COLUMN) + COLUMN_OVERSCAN;
  const c = overview.window?.columns;
  const offset = c?.offset ?? 0;
  const count = c?.count ?? overview.networks.length;
  const columns = useMemo((): MatrixColumns => {
    const inSight = Array.from({ length: Math.max(0, Math.min(count, last) - first) }, (_, k) => ({
      column: first + k,
      network: overview.networks[first + k - offset] ?? null,
    }));
    return { count, first, inSight };
  }, [overview, count, offset, first, last]);
  const wanted = columnsFor(first, last);
  const windowed = overview.window !== undefined;
  // biome-ignore lint/correctness/useExhaustiveDependencies: the window's fields stand for it
  useEffect(() => {
    if (windowed) onColumns?.(wanted);
  }, [windowed, wanted.offset, wanted.limit, onColumns]);
  return columns;
}
