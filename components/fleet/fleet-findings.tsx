import { FINDINGS } from "@/lib/findings/catalogue";
import type { FleetFinding } from "@/lib/fleet/schema";
import { cn } from "../cn";

/** What only the fleet sees: drift, missing networks, overlapping ranges, clusters not read. */
export function FleetFindings({ findings }: { findings: readonly FleetFinding[] }) {
  if (findings.length === 0)
    return <p className="text-sm text-slate-500">Nothing differs between the clusters that were read.</p>;
  return (
    <ul data-testid="fleet-findings" className="space-y-1.5">
      {findings.map((f) => (
        <li
          key={`${f.code}|${f.message}`}
          data-code={f.code}
          className="flex gap-2 rounded-md border border-slate-200 bg-white px-3 py-2 text-sm dark:border-slate-700 dark:bg-slate-900"
        >
          <span
            className={cn(
              "mt-0.5 h-2.5 w-2.5 shrink-0 rounded-full",
              f.severity === "error" ? "bg-red-600" : f.severity === "warning" ? "bg-amber-500" : "bg-sky-500",
            )}
          />
          <div className="min-w-0">
            <div className="font-medium">{FINDINGS[f.code].title}</div>
            <div className="break-words text-slate-600 dark:text-slate-300">{f.message}</div>
          </div>
        </li>
      ))}
    </ul>
  );
}
