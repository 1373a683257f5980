import type { ReactNode } from "react";
import { cn } from "../cn";

/** One row of a repeated group (a range, an address, a route): fields side by side, a remove button at the end. */
export function RowFrame({ children, columns = 2 }: { children: ReactNode; columns?: 2 | 4 }) {
  return (
    <div
      className={cn(
        "grid items-start gap-2 rounded-md border border-slate-200 bg-slate-50/70 p-2.5 dark:border-slate-700 dark:bg-slate-800/40",
        columns === 4 ? "grid-cols-[1fr_1fr_1fr_1fr_auto]" : "grid-cols-[1fr_1fr_auto]",
      )}
    >
      {children}
    </div>
  );
}

/** ✕ for a row; its name ("Remove range 2") is text for screen readers, so getByLabel("Range") does not find it. */
export function RemoveButton({
  label,
  onClick,
  disabled,
  besideLabel = true,
}: {
  label: string;
  onClick: () => void;
  disabled?: boolean;
  besideLabel?: boolean;
}) {
  return (
    <button
      type="button"
      title={disabled ? "At least one is needed" : label}
      disabled={disabled}
      onClick={onClick}
      className={cn(
        besideLabel && "mt-5",
        "rounded-md px-2 py-1.5 text-sm text-slate-500 hover:bg-red-50 hover:text-red-700 disabled:cursor-not-allowed disabled:opacity-30 disabled:hover:bg-transparent disabled:hover:text-slate-500 dark:hover:bg-red-950/50 dark:hover:text-red-300",
      )}
    >
      <span aria-hidden>✕</span>
      <span className="sr-only">{label}</span>
    </button>
  );
}
