"use client";

import { cn } from "@/components/cn";
import type { Topology } from "@/lib/contract/schema";
import { summarizeWorkload, workloadsOf } from "@/lib/graph/workload-summary";

/**
 * The workloads behind what is on screen, one chip each: its template's networks against its running pods
 * ("1 of 2 pods run with the template's networks; 1 pending rollout"), so an attach or a removal shows at once
 * and the pods are seen taking it as the rollout replaces them. A chip selects the workload (details on the right).
 */
export function WorkloadsBar({
  shown,
  colours,
  selected,
  onSelect,
}: {
  shown: Topology | null;
  colours: Map<string, string>;
  selected: string | null;
  onSelect: (id: string) => void;
}) {
  const list = workloadsOf(shown);
  if (list.length === 0) return null;
  return (
    <section
      aria-label="Workloads"
      data-testid="workloads-bar"
      // Wraps, never runs past the window's edge (a chip cut there hid its last networks and nothing said so); past
      // two rows it scrolls down, with the scroll bar in sight.
      className="flex max-h-[4.75rem] flex-wrap items-center gap-x-2 gap-y-1 overflow-y-auto border-b border-slate-200 bg-white px-4 py-1.5 text-xs dark:border-slate-700 dark:bg-slate-900"
    >
      <h2 className="shrink-0 text-[11px] font-semibold uppercase tracking-wide text-slate-500">Workloads</h2>
      {list.map((w) => {
        const s = summarizeWorkload(w);
        const pending = s.pending > 0;
        return (
          <button
            key={w.id}
            type="button"
            data-testid="workload-chip"
            data-workload={w.id}
            aria-pressed={selected === w.id}
            onClick={() => onSelect(w.id)}
            title={`${w.workloadKind} ${w.namespace}/${w.name}: ${s.line}`}
            className={cn(
              // a chip with many networks wraps them inside itself rather than widen the page
              "flex min-w-0 max-w-full flex-wrap items-center gap-x-2 rounded-md border px-2 py-1 text-left",
              pending
                ? "border-amber-300 bg-amber-50 dark:border-amber-700 dark:bg-amber-950/50"
                : "border-slate-200 bg-slate-50 dark:border-slate-700 dark:bg-slate-800/60",
              selected === w.id && "ring-2 ring-sky-500",
            )}
          >
            <span className="font-semibold text-slate-900 dark:text-slate-100">
              <span className="font-normal text-slate-500 dark:text-slate-400">{w.workloadKind} </span>
              {w.name}
            </span>
            <span
              data-testid="workload-rollout"
              className={
                pending ? "font-medium text-amber-800 dark:text-amber-300" : "text-slate-600 dark:text-slate-300"
              }
            >
              {s.total === 0
                ? "no pods"
                : pending
                  ? `${s.current}/${s.total} current · ${s.pending} pending rollout`
                  : `${s.total}/${s.total} current`}
            </span>
            {s.networks.map((n) => (
              <span
                key={n.network}
                data-testid="workload-network"
                className={cn(
                  // sans, not mono: two Deployments' chips fit one row at 1280 px (mono took 1,305)
                  "inline-flex items-center gap-1 rounded px-1 tabular-nums",
                  n.inTemplate
                    ? "text-slate-800 dark:text-slate-200"
                    : "text-slate-500 line-through dark:text-slate-400",
                )}
                title={
                  n.inTemplate
                    ? `${n.network}: in the template; ${n.pods} of ${s.total} pods have it`
                    : `${n.network}: no longer in the template; ${n.pods} of ${s.total} pods still have it`
                }
              >
                <span
                  aria-hidden
                  className="inline-block h-2 w-2 rounded-full"
                  style={{ background: colours.get(n.ref) ?? "#94a3b8" }}
                />
                {n.network.replace(`${w.namespace}/`, "")} {n.pods}/{s.total}
              </span>
            ))}
          </button>
        );
      })}
    </section>
  );
}
