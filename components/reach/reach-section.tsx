"use client";

import { useQuery } from "@tanstack/react-query";
import { useSubscription } from "@trpc/tanstack-react-query";
import { useSearchParams } from "next/navigation";
import { useState } from "react";
import type { ReachResult } from "@/lib/reach/schema";
import { cn } from "../cn";
import { DisabledWithReason } from "../form/disabled-reason";
import { useTRPC } from "../trpc";
import { rememberReach } from "./last-result";
import { ReachMatrix } from "./reach-matrix";

const button =
  "inline-flex items-center rounded-md border border-slate-300 bg-white px-2 py-0.5 text-xs font-medium text-slate-700 hover:bg-slate-100 dark:border-slate-600 dark:bg-slate-900 dark:text-slate-200 dark:hover:bg-slate-800";

interface Progress {
  phase: string;
  probes: Record<string, { node: string; text: string }>;
}

/**
 * "Check reachability" on a network: off with the reason when the caller may not run probe pods; while running,
 * what each probe is waiting for and a Cancel that removes them; then the matrix, judged against the topology.
 */
export function ReachSection({ network }: { network: string }) {
  const trpc = useTRPC();
  const context = useSearchParams().get("context") ?? undefined;
  const ctx = context ? { context } : {};
  const access = useQuery(trpc.reach.access.queryOptions({ ...ctx, network }));
  const [running, setRunning] = useState(false);
  const [progress, setProgress] = useState<Progress>({ phase: "", probes: {} });
  const [result, setResult] = useState<ReachResult | null>(null);
  const [failure, setFailure] = useState<string | null>(null);
  useSubscription(
    trpc.reach.check.subscriptionOptions(
      { ...ctx, network },
      {
        enabled: running,
        onData: ({ data: e }) => {
          if (e.type === "phase") setProgress((p) => ({ ...p, phase: e.text }));
          else if (e.type === "probe")
            setProgress((p) => ({ ...p, probes: { ...p.probes, [e.pod]: { node: e.node, text: e.text } } }));
          else {
            setRunning(false);
            if (e.type === "done") {
              setResult(e.result);
              rememberReach(e.result);
            } else setFailure([e.message, ...(e.missing ?? [])].join(": "));
          }
        },
        onError: (err) => {
          setRunning(false);
          setFailure(err.message);
        },
      },
    ),
  );
  const start = () => {
    setResult(null);
    setFailure(null);
    setProgress({ phase: "starting", probes: {} });
    setRunning(true);
  };
  const off =
    access.data && !access.data.allowed
      ? (access.data.reason ?? "not allowed")
      : access.data
        ? null
        : "Checking whether you may run probe pods…";
  return (
    <div className="space-y-2 text-xs" data-testid="reach-section">
      <p className="text-slate-600 dark:text-slate-300">
        Runs short-lived probe pods (two per node) on this network and pings every pair over it, then compares what
        answered with what the topology predicts. The pods are removed when it ends.
      </p>
      <div className="flex gap-1.5">
        {off ? (
          <DisabledWithReason label="Check reachability" reason={off} className={button} />
        ) : running ? (
          <button
            type="button"
            className={cn(button, "hover:border-red-300 hover:text-red-700")}
            onClick={() => setRunning(false)}
          >
            Cancel
          </button>
        ) : (
          <button type="button" className={button} onClick={start}>
            {result ? "Check again" : "Check reachability"}
          </button>
        )}
      </div>
      {running ? (
        <div
          role="status"
          aria-live="polite"
          className="rounded bg-slate-100 p-2 dark:bg-slate-800"
          data-testid="reach-progress"
        >
          <p className="font-medium">{progress.phase}…</p>
          <ul className="mt-1 space-y-0.5">
            {Object.entries(progress.probes).map(([pod, p]) => (
              <li key={pod} className="flex gap-2">
                <span className="font-mono">{p.node}</span>
                <span className="text-slate-600 dark:text-slate-300">{p.text}</span>
              </li>
            ))}
          </ul>
        </div>
      ) : null}
      {failure ? (
        <p role="alert" className="rounded bg-red-50 p-2 text-red-800 dark:bg-red-950 dark:text-red-200">
          {failure}
        </p>
      ) : null}
      {result ? <ReachMatrix result={result} /> : null}
    </div>
  );
}
