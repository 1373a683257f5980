import type { ClusterState } from "@/lib/fleet/schema";
import { cn } from "../cn";

const LOOK: Record<ClusterState, [string, string]> = {
  live: ["live", "bg-emerald-100 text-emerald-800 dark:bg-emerald-900/60 dark:text-emerald-200"],
  stale: ["stale", "bg-amber-100 text-amber-900 dark:bg-amber-900/60 dark:text-amber-100"],
  forbidden: ["forbidden", "bg-orange-100 text-orange-900 dark:bg-orange-900/60 dark:text-orange-100"],
  unreachable: ["unreachable", "bg-red-100 text-red-800 dark:bg-red-900/60 dark:text-red-100"],
  connecting: ["connecting…", "bg-slate-200 text-slate-700 dark:bg-slate-700 dark:text-slate-200"],
  "signed-out": ["signed out", "bg-red-100 text-red-800 dark:bg-red-900/60 dark:text-red-100"],
};

/** A cluster's state in the fleet; the reason on hover. */
export function ClusterStateChip({ state, reason }: { state: ClusterState; reason?: string | undefined }) {
  const [text, cls] = LOOK[state];
  return (
    <span
      data-testid="cluster-state"
      data-state={state}
      title={reason}
      className={cn("shrink-0 rounded-full px-2 py-0.5 text-xs font-medium", cls)}
    >
      {text}
    </span>
  );
}
