"use client";

import { useCallback, useState } from "react";
import { DEFAULT_ROWS, type RowWindow } from "@/lib/overview/rows";

/**
 * The matrix's rows in sight, asked of the server as it scrolls (a view sent as its overview sends only those). Another
 * view (`viewKey`) starts at its first rows, set while rendering so the old window is never asked for it.
 */
export function useRowWindow(viewKey: string): [RowWindow, (w: RowWindow) => void] {
  const [rows, setRows] = useState<RowWindow>(DEFAULT_ROWS);
  const [rowsOf, setRowsOf] = useState(viewKey);
  if (rowsOf !== viewKey) {
    setRowsOf(viewKey);
    setRows(DEFAULT_ROWS);
  }
  const onRows = useCallback(
    (w: RowWindow) => setRows((r) => (r.order === w.order && r.offset === w.offset && r.limit === w.limit ? r : w)),
    [],
  );
  return [rows, onRows];
}
