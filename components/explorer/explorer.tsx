"use client";

import { useState } from "react";
import type { Topology } from "@/lib/contract/schema";
import { type ExplorerState, viewCriteria } from "@/lib/graph/explorer-state";
import type { Criteria } from "@/lib/match/filter";
import type { ColumnWindow } from "@/lib/overview/columns";
import type { RowWindow } from "@/lib/overview/rows";
import type { ProblemCounts } from "@/lib/overview/schema";
import type { ViewQuery } from "@/lib/wire/view-protocol";
import { cn } from "../cn";
import { DetailsPanel } from "../details/details-panel";
import { FindingsPanel, NotCheckedYet } from "../findings/findings-panel";
import { useFindingsLimit } from "../findings/use-findings-limit";
import { Legend } from "../legend";
import { useMatrixWindow } from "../overview/use-matrix-window";
import { SignIn } from "../sign-in";
import { useTheme } from "../theme-toggle";
import { traceMark } from "../trace";
import { KioskBanner, NetworkCaption, StaleBanner } from "./banners";
import { GraphArea } from "./graph-area";
import { GraphPane } from "./graph-pane";
import { ExplorerHeader } from "./header";
import { openedBy, PickCue } from "./pick-cue";
import { SearchBox } from "./search-box";
import { Toolbar } from "./toolbar";
import { useConnectionState } from "./use-connection-state";
import { useDrawnView } from "./use-drawn-view";
import { useEscapeClears } from "./use-escape-clears";
import { useExplorerActions } from "./use-explorer-actions";
import { useExplorerState } from "./use-explorer-state";
import { takeAhead, useHostPrefetch } from "./use-host-prefetch";
import { useLayoutHelp } from "./use-layout-help";
import { useTopologyView } from "./use-topology-view";
import { useViewModel } from "./use-view-model";
import { WorkloadsBar } from "./workloads-bar";

export function Explorer({ context, initialQuery }: { context?: string; initialQuery: string }) {
  traceMark("explorer:render");
  const [state, update] = useExplorerState(initialQuery);
  const [theme] = useTheme();
  const [expanded, setExpanded] = useState<ReadonlySet<string>>(new Set());
  const [focusSeq, setFocusSeq] = useState(0);
  useLayoutHelp(context, state);

  // The server sends the view asked for, then its changes; the graph keeps what it has until the next one arrives.
  const matrixWindow = useMatrixWindow(JSON.stringify([state.view, state.filters]));
  const [findingsLimit, moreFindings] = useFindingsLimit(JSON.stringify([state.view, state.filters]));
  const live = useTopologyView(context, viewQuery(state, matrixWindow, findingsLimit));
  const { subscription, state: view } = live;
  // drawn one render late: a pick asks for its view before React draws it (use-drawn-view.ts)
  const drawn = useDrawnView(state, live, (s) => viewQuery(s, matrixWindow, findingsLimit), focusSeq);
  const full = drawn.input.full;
  const { shown, colours, overview, model, caption, options } = useViewModel(drawn.input, drawn.state, expanded);

  const prefetch = useHostPrefetch(context, state.showDefault, expanded);
  const { select, focus, pick, openHost, openNetwork, showCluster, openCell } = useExplorerActions(
    update,
    shown,
    setFocusSeq,
    (host, filters = state.filters) => seedAhead(live, host, filters),
  );
  useEscapeClears(select);

  const { disconnected, stale } = useConnectionState(subscription.status, view, live.settled);
  // what a test waits for: the stream's state, and whether the view on screen came from it
  const graphData = { "data-testid": "graph", "data-stream": subscription.status, "data-settled": drawn.settled };
  const failure = subscription.status === "error" ? (subscription.error?.message ?? "the subscription failed") : null;
  // The API server stopped accepting this identity (token revoked or expired): nothing of the cluster stays on screen.
  if (subscription.error?.data?.code === "UNAUTHORIZED") return <SignIn reason={subscription.error.message} />;

  return (
    <div className="flex h-screen flex-col bg-slate-50 text-slate-900 dark:bg-slate-950 dark:text-slate-100">
      <ExplorerHeader
        source={view?.source}
        status={view?.status}
        disconnected={disconnected}
        context={context}
        search={full ? <SearchBox context={context} onPick={pick} onLikely={(hit) => prefetch(hit.host)} /> : null}
      />
      <KioskBanner identity={view?.source.identity} />
      {full ? <Toolbar state={state} options={options} onChange={update} /> : null}
      <StaleBanner status={stale ? view?.status : undefined} />
      <NetworkCaption caption={caption} onSelect={select} />
      <WorkloadsBar shown={shown} colours={colours} selected={drawn.state.selected} onSelect={select} />
      <main className="flex min-h-0 flex-1">
        <div className={cn("relative min-w-0 flex-1", stale && "opacity-80 saturate-50")} {...graphData}>
          <PickCue opening={drawn.opening ? openedBy(state) : null} failure={failure}>
            <GraphPane context={context} loading={live.loading} error={failure}>
              <GraphArea
                context={context}
                full={full}
                view={drawn.state.view}
                shown={shown}
                model={model}
                overview={overview}
                colours={colours}
                selected={drawn.state.selected}
                focusSeq={drawn.focusSeq}
                theme={theme}
                exportName={exportNameOf(drawn.state.view)}
                fitKey={JSON.stringify([drawn.state.view, drawn.state.filters, drawn.state.showDefault])}
                onSelect={select}
                onToggleFold={(id) => setExpanded((s) => new Set([...s, id]))}
                onOpenHost={openHost}
                onOpenNetwork={openNetwork}
                onShowCluster={showCluster}
                onOpenCell={openCell}
                onRows={matrixWindow.onRows}
                onColumns={matrixWindow.onColumns}
                onNearHost={(host) => prefetch(host, drawn.state.filters)}
              />
            </GraphPane>
          </PickCue>
        </div>
        <SidePanel
          read={!live.loading}
          topology={full}
          shown={shown}
          findings={{ totals: drawn.held?.findingTotals ?? null, onMore: moreFindings }}
          selected={drawn.state.selected}
          colours={colours}
          onFocus={focus}
          onClose={() => select(null)}
        />
      </main>
    </div>
  );
}

/** Shows a host's view fetched ahead at once, if there is one, while its subscription opens. */
function seedAhead(live: ReturnType<typeof useTopologyView>, host: string, filters: Criteria): void {
  const ahead = takeAhead(host, filters);
  if (ahead) live.seed(ahead.state, viewCriteria({ kind: "host", host }, filters), ahead.laidOut);
}

/** The file name an export of this view is saved under. */
const exportNameOf = (view: ExplorerState["view"]): string =>
  `plumbline-${view.kind}${view.kind === "network" ? `-${view.network.replace("/", "-")}` : ""}`;

/**
 * What the explorer asks the server for: the criteria, and for a filtered cluster view or a network's view (drawn as
 * the matrix at scale) the overview instead of the pods.
 */
function viewQuery(
  state: ExplorerState,
  { rows, columns }: { rows: RowWindow; columns: ColumnWindow },
  findings: number,
): ViewQuery {
  const criteria = viewCriteria(state.view, state.filters);
  if (state.filters.host) return criteria;
  // a network's view: its graph while it can be read, past that the matrix of its hosts (pastNetworkGraph)
  if (state.view.kind === "network") return { ...criteria, aggregate: "network", rows, columns, findings };
  if (state.view.kind !== "cluster") return criteria;
  const filtered = !!(state.filters.namespace || state.filters.network);
  return { ...criteria, ...(filtered ? { aggregate: true } : {}), rows, columns, findings };
}

/** Details of the selection above, the findings below (both reachable at once), the legend when nothing is selected. */
function SidePanel({
  read,
  topology,
  shown,
  findings,
  selected,
  colours,
  onFocus,
  onClose,
}: {
  /** the view's first snapshot has come: until then nothing has been checked, and the panel must not say otherwise */
  read: boolean;
  topology: Topology | undefined;
  shown: Topology | null;
  /** a view sent as its overview: every finding counted by severity, and how to ask for more of them */
  findings: { totals: ProblemCounts | null; onMore: () => void };
  selected: string | null;
  colours: Map<string, string>;
  onFocus: (id: string) => void;
  onClose: () => void;
}) {
  return (
    <aside className="flex w-80 shrink-0 flex-col xl:w-96 border-l border-slate-200 bg-slate-50 dark:border-slate-700 dark:bg-slate-900">
      {selected && topology ? (
        <div className="flex min-h-0 flex-[2] flex-col border-b border-slate-200 dark:border-slate-700">
          <DetailsPanel id={selected} topology={topology} onSelect={onFocus} onClose={onClose} />
        </div>
      ) : null}
      {read ? (
        <FindingsPanel
          findings={shown?.findings ?? []}
          totals={findings.totals}
          onSelect={onFocus}
          onMore={findings.onMore}
        />
      ) : (
        <NotCheckedYet />
      )}
      {shown && !selected ? <Legend colours={colours} /> : null}
    </aside>
  );
}
