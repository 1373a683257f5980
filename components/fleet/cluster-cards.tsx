import Link from "next/link";
import type { FleetCluster } from "@/lib/fleet/schema";
import { ProblemBadge } from "../overview/problem-badge";
import { explorerHref } from "./links";
import { ClusterStateChip } from "./state-chip";

/** One card per cluster: its state (and why), what it holds, and the way into its own explorer. */
export function ClusterCards({ clusters, byContext }: { clusters: readonly FleetCluster[]; byContext: boolean }) {
  return (
    <ul className="grid gap-3 [grid-template-columns:repeat(auto-fill,minmax(17rem,1fr))]">
      {clusters.map((c) => (
        <li
          key={c.context}
          data-testid="fleet-cluster"
          data-context={c.context}
          className="flex flex-col gap-1.5 rounded-lg border border-slate-200 bg-white p-3 dark:border-slate-700 dark:bg-slate-900"
        >
          <div className="flex items-center gap-2">
            <Link
              href={explorerHref(byContext ? c.context : undefined)}
              className="truncate font-semibold text-sky-700 hover:underline dark:text-sky-300"
              title={`Open ${c.context} in the explorer`}
            >
              {c.context}
            </Link>
            <ClusterStateChip state={c.state} reason={c.reason} />
            <span className="ml-auto">
              <ProblemBadge problems={c.totals.findings} label={`findings on ${c.context}`} />
            </span>
          </div>
          <div className="truncate text-xs text-slate-500" title={c.label}>
            {c.label}
          </div>
          <div className="text-sm text-slate-700 dark:text-slate-300">
            {c.networks.length} network{c.networks.length === 1 ? "" : "s"} · {c.totals.pods} pod
            {c.totals.pods === 1 ? "" : "s"}
            {c.known !== "all" ? (
              <span className="text-slate-500">
                {" "}
                · reads{" "}
                {c.known.length
                  ? `namespace${c.known.length > 1 ? "s" : ""} ${c.known.join(", ")} only`
                  : "no namespace"}
              </span>
            ) : null}
          </div>
          {c.reason && c.state !== "live" ? (
            <p
              data-testid="cluster-reason"
              className="line-clamp-2 text-xs text-red-700 dark:text-red-300"
              title={c.reason}
            >
              {c.reason}
            </p>
          ) : null}
        </li>
      ))}
    </ul>
  );
}
