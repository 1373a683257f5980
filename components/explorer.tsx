"use client";

import { useQuery, useQueryClient } from "@tanstack/react-query";
import { useSubscription } from "@trpc/tanstack-react-query";
import { useMemo, useState } from "react";
import { topologyColours } from "@/lib/graph/palette";
import type { TopologyView } from "@/lib/source/view";
import { FindingsPanel } from "./findings-panel";
import { TopologyGraph } from "./graph/topology-graph";
import { Legend } from "./legend";
import { StatusChip } from "./status-chip";
import { useTRPC } from "./trpc";

export function Explorer({ context }: { context?: string }) {
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const input = context ? { context } : {};
  const query = useQuery(trpc.topology.get.queryOptions(input));
  const info = useQuery(trpc.cluster.info.queryOptions());
  const [showDefault, setShowDefault] = useState(false);

  // Live changes replace the cached view; the graph keeps what it has until the next one arrives.
  useSubscription(
    trpc.topology.watch.subscriptionOptions(input, {
      onData: (event) => queryClient.setQueryData(trpc.topology.get.queryKey(input), event.data as TopologyView),
    }),
  );

  const view = query.data;
  const colours = useMemo(() => (view ? topologyColours(view.topology) : new Map<string, string>()), [view]);

  return (
    <div className="flex h-screen flex-col">
      <header className="flex items-center gap-3 border-b border-slate-200 bg-white px-4 py-2">
        <h1 className="text-base font-semibold tracking-tight">
          Plumbline
        </h1>
        {view ? <span className="truncate text-sm text-slate-500">{view.source.label}</span> : null}
        {view ? <StatusChip source={view.source} status={view.status} /> : null}
        <div className="ml-auto flex items-center gap-3 text-sm">
          {info.data && info.data.contexts.length > 1 ? (
            <label className="flex items-center gap-1.5">
              <span className="text-slate-500">Context</span>
              <select
                className="rounded border border-slate-300 bg-white px-1.5 py-0.5"
                value={context ?? info.data.currentContext ?? ""}
                onChange={(e) => {
                  const url = new URL(window.location.href);
                  url.searchParams.set("context", e.target.value);
                  window.location.assign(url);
                }}
              >
                {info.data.contexts.map((c) => (
                  <option key={c}>{c}</option>
                ))}
              </select>
            </label>
          ) : null}
          <label className="flex items-center gap-1.5 text-slate-600">
            <input type="checkbox" checked={showDefault} onChange={(e) => setShowDefault(e.target.checked)} />
            show eth0 (cluster network)
          </label>
        </div>
      </header>
      <main className="flex min-h-0 flex-1">
        <div className="relative min-w-0 flex-1" data-testid="graph">
          {query.isPending ? (
            <div className="grid h-full place-items-center text-sm text-slate-500">Reading the cluster…</div>
          ) : query.isError ? (
            <div role="alert" className="m-6 rounded-md border border-red-200 bg-red-50 p-4 text-sm text-red-800">
              <p className="font-medium">Could not read the topology.</p>
              <p className="mt-1 font-mono text-xs">{query.error.message}</p>
              <p className="mt-2">Check that the server can reach the cluster, then reload.</p>
            </div>
          ) : view && view.topology.elements.length === 0 ? (
            <div className="grid h-full place-items-center text-sm text-slate-500">
              The cluster has no nodes, pods or networks that this identity may list.
            </div>
          ) : view ? (
            <TopologyGraph topology={view.topology} showDefault={showDefault} />
          ) : null}
        </div>
        <aside className="flex w-80 shrink-0 flex-col border-l border-slate-200 bg-slate-50">
          <FindingsPanel findings={view?.topology.findings ?? []} />
          <div className="mt-auto">
            <Legend colours={colours} />
          </div>
        </aside>
      </main>
    </div>
  );
}
