"use client";

import { useState } from "react";
import { viewCriteria } from "@/lib/graph/explorer-state";
import type { SearchHit } from "@/lib/graph/search";
import type { Topology } from "@/lib/topology/schema";
import { cn } from "../cn";
import { DetailsPanel } from "../details/details-panel";
import { FindingsPanel } from "../findings-panel";
import { Legend } from "../legend";
import { SignIn } from "../sign-in";
import { useTheme } from "../theme-toggle";
import { KioskBanner, NetworkCaption, StaleBanner } from "./banners";
import { GraphArea } from "./graph-area";
import { GraphPane } from "./graph-pane";
import { ExplorerHeader } from "./header";
import { SearchBox } from "./search-box";
import { Toolbar } from "./toolbar";
import { useEscapeClears } from "./use-escape-clears";
import { useExplorerState } from "./use-explorer-state";
import { useTopologyView } from "./use-topology-view";
import { useViewModel } from "./use-view-model";
import { WorkloadsBar } from "./workloads-bar";

export function Explorer({ context, initialQuery }: { context?: string; initialQuery: string }) {
  const [state, update] = useExplorerState(initialQuery);
  const [theme] = useTheme();
  const [expanded, setExpanded] = useState<ReadonlySet<string>>(new Set());
  const [focusSeq, setFocusSeq] = useState(0);

  // The server sends the view asked for, then its changes; the graph keeps what it has until the next one arrives.
  const live = useTopologyView(context, viewCriteria(state.view, state.filters));
  const { subscription, state: view } = live;
  const full = live.topology ?? undefined;
  const { shown, colours, overview, model, caption, options } = useViewModel(
    { full, overview: live.overview, catalog: live.catalog },
    state,
    expanded,
  );

  // No useCallback: the React Compiler (next.config.ts) keeps these the same between renders while their inputs are.
  const select = (id: string | null) => update({ selected: id });
  const focus = (id: string, host?: string) => {
    // An element outside the current view or filters: open its host (or the whole cluster) to show it.
    if (shown && !shown.elements.some((e) => e.id === id))
      update({ view: host ? { kind: "host", host } : { kind: "cluster" }, filters: {}, selected: id });
    else update({ selected: id });
    setFocusSeq((n) => n + 1);
  };
  const pick = (hit: SearchHit & { host?: string }) => focus(hit.id, hit.host);
  const openHost = (host: string) => update({ view: { kind: "host", host }, selected: null });
  useEscapeClears(select);
  const toggleFold = (id: string) => setExpanded((s) => new Set([...s, id]));

  const disconnected = subscription.status === "error" || view?.status.state === "failed";
  const stale =
    view?.status.state === "stale" || (subscription.status === "connecting" && view?.source.kind === "live");
  // The API server stopped accepting this identity (token revoked or expired): nothing of the cluster stays on screen.
  if (subscription.error?.data?.code === "UNAUTHORIZED") return <SignIn reason={subscription.error.message} />;
  const exportName = `plumbline-${state.view.kind}${state.view.kind === "network" ? `-${state.view.network.replace("/", "-")}` : ""}`;

  return (
    <div className="flex h-screen flex-col bg-slate-50 text-slate-900 dark:bg-slate-950 dark:text-slate-100">
      <ExplorerHeader
        source={view?.source}
        status={view?.status}
        disconnected={disconnected}
        context={context}
        search={full ? <SearchBox context={context} onPick={pick} /> : null}
      />
      <KioskBanner identity={view?.source.identity} />
      {full ? <Toolbar state={state} options={options} onChange={update} /> : null}
      <StaleBanner status={stale ? view?.status : undefined} />
      <NetworkCaption caption={caption} onSelect={select} />
      <WorkloadsBar shown={shown} colours={colours} selected={state.selected} onSelect={select} />
      <main className="flex min-h-0 flex-1">
        <div className={cn("relative min-w-0 flex-1", stale && "opacity-80 saturate-50")} data-testid="graph">
          <GraphPane
            loading={live.loading}
            error={subscription.status === "error" ? (subscription.error?.message ?? "the subscription failed") : null}
          >
            <GraphArea
              context={context}
              full={full}
              view={state.view}
              shown={shown}
              model={model}
              overview={overview}
              colours={colours}
              selected={state.selected}
              focusSeq={focusSeq}
              theme={theme}
              exportName={exportName}
              fitKey={JSON.stringify([state.view, state.filters, state.showDefault])}
              onSelect={select}
              onToggleFold={toggleFold}
              onOpenHost={openHost}
              onOpenNetwork={(network) => update({ view: { kind: "network", network }, selected: null })}
              onShowCluster={() => update({ view: { kind: "cluster" }, selected: null })}
              onOpenCell={(host, network) =>
                update({ view: { kind: "host", host }, filters: { ...state.filters, network }, selected: null })
              }
            />
          </GraphPane>
        </div>
        <SidePanel
          topology={full}
          shown={shown}
          selected={state.selected}
          colours={colours}
          onFocus={focus}
          onClose={() => select(null)}
        />
      </main>
    </div>
  );
}

/** Details of the selection above, the findings below (both reachable at once), the legend when nothing is selected. */
function SidePanel({
  topology,
  shown,
  selected,
  colours,
  onFocus,
  onClose,
}: {
  topology: Topology | undefined;
  shown: Topology | null;
  selected: string | null;
  colours: Map<string, string>;
  onFocus: (id: string) => void;
  onClose: () => void;
}) {
  return (
    <aside className="flex w-80 shrink-0 flex-col xl:w-96 border-l border-slate-200 bg-slate-50 dark:border-slate-700 dark:bg-slate-900">
      {selected && topology ? (
        <div className="flex min-h-0 flex-[3] flex-col border-b border-slate-200 dark:border-slate-700">
          <DetailsPanel id={selected} topology={topology} onSelect={onFocus} onClose={onClose} />
        </div>
      ) : null}
      <FindingsPanel findings={shown?.findings ?? []} onSelect={onFocus} />
      {shown && !selected ? <Legend colours={colours} /> : null}
    </aside>
  );
}
