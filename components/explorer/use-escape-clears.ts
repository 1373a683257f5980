"use client";

import { useEffect } from "react";

/**
 * Escape clears the selection wherever focus is (the graph, the details, the filters), except while a dialog is open:
 * there Escape closes the dialog.
 */
export function useEscapeClears(select: (id: string | null) => void): void {
  useEffect(() => {
    const onKey = (e: KeyboardEvent) => {
      if (e.key !== "Escape" || e.defaultPrevented) return;
      if (document.querySelector('dialog[open], [role="dialog"]')) return;
      select(null);
    };
    window.addEventListener("keydown", onKey);
    return () => window.removeEventListener("keydown", onKey);
  }, [select]);
}
