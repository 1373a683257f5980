"use client";

import Link from "next/link";
import type { MouseEvent } from "react";
import { primaryButton, secondaryButton } from "./styles";

/**
 * The buttons under every write form: Check (dry run), the write itself, and Cancel back to where the user came
 * from. Disabled while either runs or when the cluster is read-only (`why` says so on hover).
 */
export function WriteButtons({
  pending,
  disabled,
  why,
  onCheck,
  writeLabel,
  writingLabel,
  cancelHref,
}: {
  pending: "check" | "write" | null;
  disabled: boolean;
  why?: string;
  onCheck: (e: MouseEvent) => void;
  writeLabel: string;
  writingLabel: string;
  cancelHref: string;
}) {
  return (
    <div className="flex flex-wrap items-center gap-2" title={why}>
      <button type="button" className={secondaryButton} disabled={disabled} onClick={onCheck}>
        {pending === "check" ? "Checking…" : "Check (dry run)"}
      </button>
      <button type="submit" className={primaryButton} disabled={disabled}>
        {pending === "write" ? writingLabel : writeLabel}
      </button>
      <Link href={cancelHref} className="ml-auto text-sm text-slate-600 hover:underline dark:text-slate-400">
        Cancel
      </Link>
    </div>
  );
}
