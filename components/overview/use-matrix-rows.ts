"use client";

import { useEffect, useMemo } from "react";
import { orderHosts, type RowWindow, windowFor } from "@/lib/overview/rows";
import type { ClusterOverview, HostOrder, OverviewHost } from "@/lib/overview/schema";

export interface MatrixRows {
  /** every row, received or not: the scrollbar's length */
  count: number;
  /** the host of row `i`, or null while its row is on its way */
  at: (i: number) => OverviewHost | null;
  /** rows whose host has errors, of all rows */
  withErrors: number;
}

/**
 * The matrix's rows in `order`. An overview computed in the page has every host; one the server sent has a window of
 * them (lib/overview/rows.ts) and says how many there are: the rows in sight `first`..`last` are asked for as they
 * scroll into sight, and until they come (or come in another order) they are drawn as loading, never as empty.
 */
export function useMatrixRows(
  overview: ClusterOverview,
  order: HostOrder,
  first: number,
  last: number,
  onRows: ((w: RowWindow) => void) | undefined,
): MatrixRows {
  const w = overview.window;
  const rows = useMemo((): MatrixRows => {
    if (w) {
      const held = w.order === order ? overview.hosts : [];
      return { count: w.rows, at: (i) => held[i - w.offset] ?? null, withErrors: w.withErrors };
    }
    const hosts = orderHosts(overview.hosts, order);
    const withErrors = hosts.filter((h) => h.problems.error > 0).length;
    return { count: hosts.length, at: (i) => hosts[i] ?? null, withErrors };
  }, [overview, order, w]);
  const wanted = windowFor(order, first, last);
  const windowed = w !== undefined;
  // biome-ignore lint/correctness/useExhaustiveDependencies: the window's fields stand for it
  useEffect(() => {
    if (windowed) onRows?.(wanted);
  }, [windowed, wanted.order, wanted.offset, wanted.limit, onRows]);
  return rows;
}
