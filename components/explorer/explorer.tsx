"use client";

import { useQuery, useQueryClient } from "@tanstack/react-query";
import { useSubscription } from "@trpc/tanstack-react-query";
import { useCallback, useState } from "react";
import { topologyColours } from "@/lib/graph/palette";
import type { SearchHit } from "@/lib/graph/search";
import type { TopologyPayload } from "@/lib/topology/payload";
import type { Topology } from "@/lib/topology/schema";
import { DetailsPanel } from "../details/details-panel";
import { FindingsPanel } from "../findings-panel";
import { TopologyGraph } from "../graph/topology-graph";
import { Legend } from "../legend";
import { useTheme } from "../theme-toggle";
import { useTRPC } from "../trpc";
import { Captions, KioskBanner, podCount, StaleBanner } from "./banners";
import { GraphPane } from "./graph-pane";
import { ExplorerHeader } from "./header";
import { SearchBox } from "./search-box";
import { Toolbar } from "./toolbar";
import { useExplorerState } from "./use-explorer-state";
import { useViewModel } from "./use-view-model";

/** The legend lists the networks in view, in the colours they have everywhere. */
function legendColours(all: Map<string, string>, shown: Topology | null): Map<string, string> {
  if (!shown) return all;
  const inView = topologyColours(shown);
  return new Map([...all].filter(([name]) => inView.has(name)));
}

export function Explorer({ context, initialQuery }: { context?: string; initialQuery: string }) {
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const input = context ? { context } : {};
  const query = useQuery(trpc.topology.get.queryOptions(input));
  const [state, update] = useExplorerState(initialQuery);
  const [theme, toggleTheme] = useTheme();
  const [expanded, setExpanded] = useState<ReadonlySet<string>>(new Set());
  const [focusSeq, setFocusSeq] = useState(0);

  // Live changes replace the cached view; the graph keeps what it has until the next one arrives.
  const subscription = useSubscription(
    trpc.topology.watch.subscriptionOptions(input, {
      onData: (event) =>
        // biome-ignore lint/plugin: tRPC's JSON typing loosens the payload's `unknown` fields; it is the schema-built payload
        queryClient.setQueryData(trpc.topology.get.queryKey(input), event.data as TopologyPayload),
    }),
  );

  const view = query.data;
  const full = view?.topology;
  const { shown, model, caption, options } = useViewModel(full, state, expanded);

  const select = useCallback((id: string | null) => update({ selected: id }), [update]);
  const focus = useCallback(
    (id: string) => {
      // An element outside the current view or filters: go back to the whole cluster to show it.
      if (shown && !shown.elements.some((e) => e.id === id))
        update({ view: { kind: "cluster" }, filters: {}, selected: id });
      else update({ selected: id });
      setFocusSeq((n) => n + 1);
    },
    [shown, update],
  );
  const pick = useCallback((hit: SearchHit) => focus(hit.id), [focus]);
  const toggleFold = useCallback((id: string) => setExpanded((s) => new Set([...s, id])), []);

  const disconnected = subscription.status === "error" || view?.status.state === "failed";
  const stale =
    view?.status.state === "stale" ||
    (subscription.status === "connecting" && view?.source.kind === "live" && query.isFetched);
  const exportName = `plumbline-${state.view.kind}${state.view.kind === "network" ? `-${state.view.network.replace("/", "-")}` : ""}`;

  return (
    <div className="flex h-screen flex-col bg-slate-50 text-slate-900 dark:bg-slate-950 dark:text-slate-100">
      <ExplorerHeader
        view={view}
        disconnected={disconnected}
        context={context}
        search={full ? <SearchBox topology={full} onPick={pick} /> : null}
        theme={theme}
        onToggleTheme={toggleTheme}
      />
      <KioskBanner identity={view?.source.identity} />
      {full ? <Toolbar state={state} options={options} onChange={update} /> : null}
      <StaleBanner view={stale ? view : undefined} />
      <Captions
        summary={model?.nodes.some((n) => n.summary) ? { pods: podCount(shown), hosts: model.nodes.length } : null}
        caption={caption}
        onSelect={select}
      />
      <main className="flex min-h-0 flex-1">
        <div className={`relative min-w-0 flex-1 ${stale ? "opacity-80 saturate-50" : ""}`} data-testid="graph">
          <GraphPane
            pending={query.isPending}
            error={query.isError ? query.error.message : null}
            shown={shown?.elements.length}
            total={full?.elements.length}
          >
            {shown && model ? (
              <TopologyGraph
                topology={shown}
                model={model}
                selected={state.selected}
                onSelect={select}
                onToggleFold={toggleFold}
                onOpenHost={(host) => update({ view: { kind: "host", host }, selected: null })}
                focusSeq={focusSeq}
                colorMode={theme}
                exportName={exportName}
              />
            ) : null}
          </GraphPane>
        </div>
        <aside className="flex w-80 shrink-0 flex-col xl:w-96 border-l border-slate-200 bg-slate-50 dark:border-slate-700 dark:bg-slate-900">
          {state.selected && full ? (
            <DetailsPanel id={state.selected} topology={full} onSelect={focus} onClose={() => select(null)} />
          ) : (
            <>
              <FindingsPanel findings={shown?.findings ?? []} onSelect={focus} />
              {model ? <Legend colours={legendColours(model.colours, shown)} /> : null}
            </>
          )}
        </aside>
      </main>
    </div>
  );
}
