"use client";

import { useCallback, useState } from "react";
import { type ColumnWindow, DEFAULT_COLUMNS } from "@/lib/overview/columns";
import { DEFAULT_ROWS, type RowWindow } from "@/lib/overview/rows";

/**
 * A window of the matrix asked of the server as it scrolls (a view sent as its overview sends only that). Another view
 * (`viewKey`) starts at its first window, set while rendering so the old window is never asked for it.
 */
function useAskedWindow<T extends RowWindow | ColumnWindow>(viewKey: string, first: T): [T, (w: T) => void] {
  const [asked, setAsked] = useState<T>(first);
  const [askedOf, setAskedOf] = useState(viewKey);
  if (askedOf !== viewKey) {
    setAskedOf(viewKey);
    setAsked(first);
  }
  const onAsk = useCallback((w: T) => setAsked((a) => (JSON.stringify(a) === JSON.stringify(w) ? a : w)), []);
  return [asked, onAsk];
}

/** The matrix's rows and columns in sight (lib/overview/rows.ts, columns.ts), and how the matrix asks for others. */
export function useMatrixWindow(viewKey: string) {
  const [rows, onRows] = useAskedWindow<RowWindow>(viewKey, DEFAULT_ROWS);
  const [columns, onColumns] = useAskedWindow<ColumnWindow>(viewKey, DEFAULT_COLUMNS);
  return { rows, columns, onRows, onColumns };
}
