"use client";

import Link from "next/link";
import type { MouseEvent } from "react";
import { DisabledWithReason } from "./disabled-reason";
import { primaryButton, secondaryButton } from "./styles";

/**
 * The buttons under every write form: Check (dry run), the write itself, and Cancel back to where the user came
 * from. Busy while either runs; on a read-only cluster both say why instead (on hover and on keyboard focus).
 */
export function WriteButtons({
  pending,
  busy,
  readOnlyReason,
  onCheck,
  writeLabel,
  writingLabel,
  cancelHref,
}: {
  pending: "check" | "write" | null;
  busy: boolean;
  /** set on a read-only cluster: why nothing can be written */
  readOnlyReason?: string;
  onCheck: (e: MouseEvent) => void;
  writeLabel: string;
  writingLabel: string;
  cancelHref: string;
}) {
  return (
    <div className="flex flex-wrap items-center gap-2">
      {readOnlyReason ? (
        <>
          <DisabledWithReason label="Check (dry run)" reason={readOnlyReason} className={secondaryButton} />
          <DisabledWithReason label={writeLabel} reason={readOnlyReason} className={primaryButton} />
        </>
      ) : (
        <>
          <button type="button" className={secondaryButton} disabled={busy} onClick={onCheck}>
            {pending === "check" ? "Checking…" : "Check (dry run)"}
          </button>
          <button type="submit" className={primaryButton} disabled={busy}>
            {pending === "write" ? writingLabel : writeLabel}
          </button>
        </>
      )}
      <Link href={cancelHref} className="ml-auto text-sm text-slate-600 hover:underline dark:text-slate-400">
        Cancel
      </Link>
    </div>
  );
}
