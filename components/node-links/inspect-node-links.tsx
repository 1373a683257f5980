"use client";

import { useMutation, useQuery } from "@tanstack/react-query";
import { useSearchParams } from "next/navigation";
import { useState } from "react";
import { DisabledWithReason } from "../form/disabled-reason";
import { useTRPC } from "../trpc";

/** The look of the probe controls (inspect, cancel, forget). */
export const probeButton =
  "inline-flex items-center rounded-md border border-slate-300 bg-white px-2 py-0.5 text-xs font-medium text-slate-700 hover:bg-slate-100 disabled:cursor-wait disabled:opacity-60 dark:border-slate-600 dark:bg-slate-900 dark:text-slate-200 dark:hover:bg-slate-800";

const newRunKey = (): string => `run-${crypto.randomUUID()}`;

/**
 * "Inspect node links" for one host or several: probe pods run as the caller; while they run each node's stage is
 * shown, then each node's outcome (its links, or why not). Off, with the reason, when the caller may not run them.
 */
export function InspectNodeLinks({ nodes, label }: { nodes: string[]; label: string }) {
  const trpc = useTRPC();
  const context = useSearchParams().get("context") ?? undefined;
  const ctx = context ? { context } : {};
  const access = useQuery(trpc.nodeLinks.access.queryOptions(ctx));
  const inspect = useMutation(trpc.nodeLinks.inspect.mutationOptions());
  const cancel = useMutation(trpc.nodeLinks.cancel.mutationOptions());
  const [runKey, setRunKey] = useState(newRunKey);
  const progress = useQuery({
    ...trpc.nodeLinks.progress.queryOptions({ ...ctx, runKey }),
    enabled: inspect.isPending,
    refetchInterval: inspect.isPending ? 1000 : false,
  });
  const off = access.data
    ? access.data.allowed
      ? null
      : (access.data.reason ?? "not allowed")
    : access.error
      ? `cannot ask whether you may: ${access.error.message}`
      : "checking whether you may run probe pods…";
  const start = (): void => {
    const key = newRunKey();
    setRunKey(key);
    inspect.mutate({ ...ctx, nodes, runKey: key });
  };
  return (
    <div className="space-y-1.5" data-testid="inspect-node-links">
      {off ? (
        <DisabledWithReason label={label} reason={off} className={probeButton} />
      ) : (
        <span className="flex gap-2">
          <button type="button" className={probeButton} disabled={inspect.isPending} onClick={start}>
            {inspect.isPending ? "Inspecting…" : label}
          </button>
          {inspect.isPending ? (
            <button type="button" className={probeButton} onClick={() => cancel.mutate({ ...ctx, runKey })}>
              Cancel
            </button>
          ) : null}
        </span>
      )}
      {access.data ? (
        <p className="text-[11px] text-slate-500">
          Runs a short-lived pod per node in {access.data.namespace} (host network, no privileges), as you.
        </p>
      ) : null}
      {inspect.isPending ? (
        <ul className="space-y-0.5 text-[11px]" aria-live="polite" data-testid="inspect-progress">
          {nodes.map((n) => (
            <li key={n} className="flex gap-2">
              <span className="font-mono">{n}</span>
              <span className="text-slate-500">{progress.data?.nodes[n] ?? "starting…"}</span>
            </li>
          ))}
        </ul>
      ) : null}
      {inspect.error ? (
        <p className="text-[11px] text-red-700" role="alert">
          {inspect.error.message}
        </p>
      ) : null}
      {inspect.data ? (
        <ul className="space-y-0.5 text-[11px]" data-testid="inspect-result">
          {inspect.data.map((r) => (
            <li key={r.node} data-node={r.node} data-ok={String(r.ok)}>
              <span className="font-mono">{r.node}</span>{" "}
              {r.ok ? (
                <span className="text-emerald-800 dark:text-emerald-300">
                  {r.summary}, probed at {new Date(r.at).toLocaleTimeString()} by {r.by} ({r.method})
                  {r.notes.length ? `; ${r.notes.join("; ")}` : ""}
                </span>
              ) : (
                <span className="text-red-700">{r.reason}</span>
              )}
            </li>
          ))}
        </ul>
      ) : null}
    </div>
  );
}
