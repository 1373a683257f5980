"use client";

import { useMemo, useState } from "react";
import type { Finding } from "@/lib/contract/schema";
import { groupFindings } from "@/lib/findings/group";
import type { Severity } from "@/lib/findings/info";
import type { ProblemCounts } from "@/lib/overview/schema";
import { cn } from "../cn";
import { Icon } from "../icons";
import { FindingItem, TONE } from "./finding-item";

const FILTERS: { value: Severity | "all"; label: string }[] = [
  { value: "all", label: "All" },
  { value: "error", label: "Errors" },
  { value: "warning", label: "Warnings" },
  { value: "info", label: "Info" },
];

/** The Problems panel before the first picture: nothing has been checked, so nothing is said to be fine. */
export function NotCheckedYet() {
  return (
    <section aria-label="Problems" className="flex min-h-0 flex-1 flex-col px-4 pt-4" data-testid="problems">
      <h2 className="text-xs font-semibold uppercase tracking-wide text-slate-500">Problems</h2>
      <p className="mt-2 text-sm text-slate-500" data-testid="problems-not-checked">
        Not checked yet: the cluster is still being read.
      </p>
    </section>
  );
}

/**
 * Every finding of the view, grouped by code, worst first; a click shows the element; a filter keeps one severity.
 * A view sent as its overview holds only the worst findings (`totals` counts them all): the panel says how many more
 * there are and `onMore` asks for them.
 */
export function FindingsPanel({
  findings,
  totals,
  onSelect,
  onMore,
}: {
  findings: Finding[];
  totals?: ProblemCounts | null;
  onSelect: (id: string) => void;
  onMore?: () => void;
}) {
  const [only, setOnly] = useState<Severity | "all">("all");
  const groups = useMemo(() => groupFindings(findings, only === "all" ? undefined : only), [findings, only]);
  const held = (s: Severity | "all") =>
    s === "all" ? findings.length : findings.filter((f) => f.severity === s).length;
  const count = (s: Severity | "all") =>
    !totals ? held(s) : s === "all" ? totals.error + totals.warning + totals.info : totals[s];
  const missing = Math.max(0, count(only) - held(only));
  return (
    <section aria-label="Problems" className="flex min-h-0 flex-1 flex-col" data-testid="problems">
      <div className="flex items-center gap-2 px-4 pb-2 pt-4">
        <h2 className="text-xs font-semibold uppercase tracking-wide text-slate-500">Problems</h2>
        <fieldset className="ml-auto flex gap-1">
          <legend className="sr-only">Show severity</legend>
          {FILTERS.map((f) => (
            <button
              key={f.value}
              type="button"
              aria-pressed={only === f.value}
              className={cn(
                "rounded px-1.5 py-0.5 text-[11px] font-medium",
                only === f.value
                  ? "bg-slate-800 text-white dark:bg-slate-200 dark:text-slate-900"
                  : "bg-slate-200 text-slate-700 hover:bg-slate-300 dark:bg-slate-700 dark:text-slate-200",
              )}
              onClick={() => setOnly(f.value)}
            >
              {f.label} {count(f.value)}
            </button>
          ))}
        </fieldset>
      </div>
      <div className="min-h-0 space-y-2 overflow-y-auto px-4 pb-4">
        {groups.length === 0 && missing === 0 ? (
          <p className="text-sm text-slate-500">
            {findings.length === 0
              ? "Nothing wrong found: every requested network is attached."
              : "None of this severity."}
          </p>
        ) : null}
        {missing > 0 ? <MoreFindings shown={held(only)} all={count(only)} onMore={onMore} /> : null}
        {groups.map((g) => (
          <details
            key={g.code}
            open
            data-testid="finding-group"
            data-code={g.code}
            className="rounded-md border border-slate-200 bg-white shadow-sm dark:border-slate-700 dark:bg-slate-900"
          >
            <summary className="flex cursor-pointer items-start gap-1.5 px-2 py-1.5 text-xs font-semibold">
              <Icon name={g.severity} className={cn("mt-px h-3.5 w-3.5 shrink-0", TONE[g.severity])} />
              <span className="min-w-0">
                <span className="block text-slate-900 dark:text-slate-100">{g.title}</span>
                <span className="block font-mono text-[11px] font-normal text-slate-500">{g.code}</span>
              </span>
              <span className="ml-auto rounded bg-slate-200 px-1.5 text-[11px] text-slate-700 dark:bg-slate-700 dark:text-slate-200">
                {g.findings.length}
              </span>
            </summary>
            <p className="border-t border-slate-100 px-2 py-1.5 text-[11px] leading-snug text-slate-600 dark:border-slate-800 dark:text-slate-400">
              <span className="font-medium">How to fix: </span>
              {g.fix}
            </p>
            <ul className="border-t border-slate-100 dark:border-slate-800">
              {g.findings.map((f) => (
                <FindingItem key={`${f.message}|${f.elements.join()}`} finding={f} onSelect={onSelect} />
              ))}
            </ul>
          </details>
        ))}
      </div>
    </section>
  );
}

/** What the panel leaves out: the worst findings are here, the rest are counted and asked for on demand. */
function MoreFindings({ shown, all, onMore }: { shown: number; all: number; onMore: (() => void) | undefined }) {
  return (
    <p
      className="flex flex-wrap items-center gap-x-2 gap-y-1 text-xs text-slate-600 dark:text-slate-300"
      data-testid="findings-more"
    >
      <span>
        {shown.toLocaleString("en")} of {all.toLocaleString("en")} shown, worst first;{" "}
        {(all - shown).toLocaleString("en")} more not loaded.
      </span>
      {onMore ? (
        <button
          type="button"
          className="rounded bg-slate-200 px-1.5 py-0.5 font-medium text-slate-800 hover:bg-slate-300 dark:bg-slate-700 dark:text-slate-100"
          onClick={onMore}
        >
          Show more
        </button>
      ) : null}
    </p>
  );
}
