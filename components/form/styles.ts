/** The form controls' look, shared so every field lines up (light and dark). */
export const inputClass =
  "block w-full rounded-md border border-slate-300 bg-white px-2.5 py-1.5 text-sm text-slate-900 shadow-sm placeholder:text-slate-400 " +
  "focus:border-sky-500 focus:outline-none focus:ring-2 focus:ring-sky-500/30 read-only:bg-slate-100 read-only:text-slate-600 " +
  "aria-[invalid=true]:border-red-400 aria-[invalid=true]:focus:ring-red-500/30 disabled:cursor-not-allowed disabled:opacity-60 " +
  "dark:border-slate-600 dark:bg-slate-900 dark:text-slate-100 dark:placeholder:text-slate-500 dark:read-only:bg-slate-800 dark:read-only:text-slate-400 dark:aria-[invalid=true]:border-red-500";

export const monoInputClass = `${inputClass} font-mono`;

/** Selects match :read-only, so they get the plain look without the read-only grey. */
export const selectClass =
  "block w-full rounded-md border border-slate-300 bg-white px-2 py-1.5 text-sm text-slate-900 shadow-sm focus:border-sky-500 focus:outline-none focus:ring-2 focus:ring-sky-500/30 " +
  "aria-[invalid=true]:border-red-400 disabled:cursor-not-allowed disabled:opacity-60 dark:border-slate-600 dark:bg-slate-900 dark:text-slate-100 dark:aria-[invalid=true]:border-red-500";

export const labelClass = "mb-1 block text-xs font-medium text-slate-700 dark:text-slate-300";

export const hintClass = "mt-1 text-xs text-slate-500 dark:text-slate-400";

export const buttonBase =
  "inline-flex items-center justify-center gap-1.5 rounded-md px-3 py-1.5 text-sm font-medium transition-colors focus:outline-none focus-visible:ring-2 focus-visible:ring-sky-500/50 disabled:cursor-not-allowed disabled:opacity-50";

export const primaryButton = `${buttonBase} bg-sky-600 text-white shadow-sm hover:bg-sky-700 dark:bg-sky-600 dark:hover:bg-sky-500`;

export const secondaryButton = `${buttonBase} border border-slate-300 bg-white text-slate-800 shadow-sm hover:bg-slate-50 dark:border-slate-600 dark:bg-slate-900 dark:text-slate-100 dark:hover:bg-slate-800`;

export const dangerButton = `${buttonBase} bg-red-600 text-white shadow-sm hover:bg-red-700 dark:bg-red-700 dark:hover:bg-red-600`;

/** A small text button inside a section: add a row, remove a row, pick a suggestion. */
export const linkButton = "text-xs font-medium text-sky-700 hover:underline disabled:opacity-50 dark:text-sky-400";

export const cardClass =
  "rounded-lg border border-slate-200 bg-white shadow-sm dark:border-slate-700 dark:bg-slate-900";
