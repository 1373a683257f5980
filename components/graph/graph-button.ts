/** The canvas toolbar's button look, shared by its zoom and export buttons. */
export const graphButton =
  "rounded px-2 py-1 text-xs font-medium text-slate-700 hover:bg-slate-100 disabled:opacity-50 dark:text-slate-200 dark:hover:bg-slate-800";
