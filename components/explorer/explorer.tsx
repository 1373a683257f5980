"use client";

import { useQuery } from "@tanstack/react-query";
import Link from "next/link";
import { useCallback, useMemo, useState } from "react";
import { viewCriteria } from "@/lib/graph/explorer-state";
import { filterTopology } from "@/lib/graph/filter";
import { graphModel } from "@/lib/graph/model";
import { topologyColours } from "@/lib/graph/palette";
import { networkReach } from "@/lib/graph/reach";
import type { SearchHit } from "@/lib/graph/search";
import type { Topology } from "@/lib/topology/schema";
import { DetailsPanel } from "../details/details-panel";
import { FindingsPanel } from "../findings-panel";
import { withContext } from "../form/context-url";
import { DisabledWithReason } from "../form/disabled-reason";
import { Legend } from "../legend";
import { useClusterOverview } from "../overview/use-cluster-overview";
import { SignIn } from "../sign-in";
import { StatusChip } from "../status-chip";
import { useTheme } from "../theme-toggle";
import { useTRPC } from "../trpc";
import { GraphArea } from "./graph-area";
import { SearchBox } from "./search-box";
import { optionsOf, Toolbar } from "./toolbar";
import { useEscapeClears } from "./use-escape-clears";
import { useExplorerState } from "./use-explorer-state";
import { useTopologyView } from "./use-topology-view";

/**
 * Past this many hosts or pods, the cluster view is the hosts × networks matrix: a graph of that many boxes cannot
 * be read at any zoom that fits the screen. Pods are read in host and network views.
 */
const MATRIX_OVER_HOSTS = 8;
const MATRIX_OVER_PODS = 300;

const count = (t: Topology, kind: "host" | "pod") => t.elements.filter((e) => e.kind === kind).length;

export function Explorer({ context, initialQuery }: { context?: string; initialQuery: string }) {
  const trpc = useTRPC();
  const input = context ? { context } : {};
  const info = useQuery(trpc.cluster.info.queryOptions());
  const capabilities = useQuery(trpc.networks.capabilities.queryOptions(input));
  const [state, update] = useExplorerState(initialQuery);
  const [theme, toggleTheme] = useTheme();
  const [expanded, setExpanded] = useState<ReadonlySet<string>>(new Set());
  const [focusSeq, setFocusSeq] = useState(0);

  // The server sends the view asked for, then its changes; the graph keeps what it has until the next one arrives.
  const criteria = viewCriteria(state.view, state.filters);
  const live = useTopologyView(context, criteria);
  const subscription = live.subscription;
  const view = live.state;
  const full = live.topology ?? undefined;
  // The previous view stays on screen, narrowed to the new criteria, until the new one arrives.
  const shown = useMemo(
    () => (full ? filterTopology(full, viewCriteria(state.view, state.filters)) : null),
    [full, state.view, state.filters],
  );
  // Colours are told apart among the networks on screen; each keeps the one its name picks unless two collide.
  const colours = useMemo(() => (shown ? topologyColours(shown) : new Map<string, string>()), [shown]);
  // The server sends the cluster at scale as its overview (no pods reach the browser); a smaller cluster past the
  // matrix thresholds, or the cluster narrowed by a filter, is aggregated here.
  const matrix =
    state.view.kind === "cluster" &&
    !state.filters.host &&
    shown !== null &&
    (live.overview !== null || count(shown, "host") > MATRIX_OVER_HOSTS || count(shown, "pod") > MATRIX_OVER_PODS);
  const localOverview = useClusterOverview(matrix && !live.overview ? shown : null);
  const overview = live.overview ?? localOverview;
  const model = useMemo(() => {
    // The matrix draws the overview; a graph of the whole big cluster is neither modelled nor laid out.
    if (!shown || matrix) return null;
    // Shared-L2 lines tell the story of one network; across a whole cluster they would be a tangle.
    return graphModel(shown, {
      showDefault: state.showDefault,
      expanded,
      segments: state.view.kind === "network",
      colours,
      summarizeHosts: false,
    });
  }, [shown, matrix, state.showDefault, expanded, state.view.kind, colours]);
  const caption = useMemo(() => {
    if (state.view.kind !== "network" || !full) return null;
    const key = state.view.network;
    const net = full.elements.find((e) => e.kind === "network" && `${e.namespace}/${e.name}` === key);
    return net?.kind === "network" ? { title: key, id: net.id, text: networkReach(net, full) } : null;
  }, [state.view, full]);
  const options = useMemo(() => {
    const inView = full ? optionsOf(full) : { namespaces: [], networks: [], hosts: [], pods: [] };
    // The toolbar offers the whole cluster's namespaces, networks and hosts; pods are those of the view.
    return live.catalog ? { ...live.catalog, pods: inView.pods } : inView;
  }, [full, live.catalog]);

  const select = useCallback((id: string | null) => update({ selected: id }), [update]);
  const focus = useCallback(
    (id: string, host?: string) => {
      // An element outside the current view or filters: open its host (or the whole cluster) to show it.
      if (shown && !shown.elements.some((e) => e.id === id))
        update({ view: host ? { kind: "host", host } : { kind: "cluster" }, filters: {}, selected: id });
      else update({ selected: id });
      setFocusSeq((n) => n + 1);
    },
    [shown, update],
  );
  const pick = useCallback((hit: SearchHit & { host?: string }) => focus(hit.id, hit.host), [focus]);
  const openHost = useCallback((host: string) => update({ view: { kind: "host", host }, selected: null }), [update]);
  useEscapeClears(select);
  const toggleFold = useCallback((id: string) => setExpanded((s) => new Set([...s, id])), []);

  const disconnected = subscription.status === "error" || view?.status.state === "failed";
  const stale =
    view?.status.state === "stale" || (subscription.status === "connecting" && view?.source.kind === "live");
  // The API server stopped accepting this identity (token revoked or expired): nothing of the cluster stays on screen.
  if (subscription.error?.data?.code === "UNAUTHORIZED") return <SignIn reason={subscription.error.message} />;
  const exportName = `plumbline-${state.view.kind}${state.view.kind === "network" ? `-${state.view.network.replace("/", "-")}` : ""}`;

  return (
    <div className="flex h-screen flex-col bg-slate-50 text-slate-900 dark:bg-slate-950 dark:text-slate-100">
      <header className="flex items-center gap-3 border-b border-slate-200 bg-white px-4 py-2 dark:border-slate-700 dark:bg-slate-900">
        <h1 className="text-base font-semibold tracking-tight">Plumbline</h1>
        {view ? <span className="hidden truncate text-sm text-slate-500 lg:inline">{view.source.label}</span> : null}
        {view ? (
          <StatusChip
            source={view.source}
            status={
              disconnected && view.status.state === "live"
                ? { state: "failed", reason: "the connection to the Plumbline server dropped; reconnecting" }
                : view.status
            }
          />
        ) : null}
        <div className="ml-auto flex items-center gap-3 text-sm">
          {full ? <SearchBox context={context} onPick={pick} /> : null}
          {capabilities.data?.writes === "none" ? (
            <DisabledWithReason
              label="New network"
              reason={`${capabilities.data.readOnlyReason ?? "This cluster is read-only"}: open a live cluster or the demo to create networks`}
              className="rounded-md bg-sky-600 px-2.5 py-1 text-xs font-medium text-white"
              align="right"
            />
          ) : (
            <Link
              href={withContext("/networks/new", context)}
              className="rounded-md bg-sky-600 px-2.5 py-1 text-xs font-medium text-white shadow-sm hover:bg-sky-700"
            >
              New network
            </Link>
          )}
          {info.data && info.data.contexts.length > 1 ? (
            <label className="flex items-center gap-1.5">
              <span className="text-slate-500">Context</span>
              <select
                className="rounded-md border border-slate-300 bg-white px-1.5 py-1 dark:border-slate-600 dark:bg-slate-900"
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
          <button
            type="button"
            onClick={toggleTheme}
            className="rounded-md border border-slate-300 px-2 py-1 text-xs dark:border-slate-600"
            aria-label="Toggle dark mode"
          >
            {theme === "dark" ? "Light" : "Dark"}
          </button>
        </div>
      </header>
      {view?.source.identity === "service-account" ? (
        <div role="alert" className="border-b border-red-300 bg-red-600 px-4 py-1.5 text-sm font-medium text-white">
          Kiosk mode: everyone who opens this page sees what the dashboard&apos;s service account may read, not what
          they themselves may. Read-only.
        </div>
      ) : null}
      {full ? <Toolbar state={state} options={options} onChange={update} /> : null}
      {stale && view ? (
        <div
          role="status"
          className="border-b border-amber-200 bg-amber-50 px-4 py-1 text-xs text-amber-900 dark:border-amber-900 dark:bg-amber-950 dark:text-amber-200"
        >
          Showing the last good picture
          {view.status.state === "stale" ? ` from ${new Date(view.status.since).toLocaleTimeString()}` : ""}:{" "}
          {view.status.state === "stale" ? view.status.reason : "reconnecting to the server"}.
        </div>
      ) : null}
      {caption ? (
        <div
          data-testid="view-caption"
          className="flex items-baseline gap-2 border-b border-slate-200 bg-sky-50 px-4 py-1.5 text-xs dark:border-slate-700 dark:bg-sky-950"
        >
          <button
            type="button"
            className="font-mono font-semibold text-sky-700 hover:underline dark:text-sky-400"
            onClick={() => select(caption.id)}
          >
            {caption.title}
          </button>
          {caption.text ? <span className="text-slate-700 dark:text-slate-300">{caption.text}</span> : null}
        </div>
      ) : null}
      <main className="flex min-h-0 flex-1">
        <div className={`relative min-w-0 flex-1 ${stale ? "opacity-80 saturate-50" : ""}`} data-testid="graph">
          {live.loading && subscription.status !== "error" ? (
            <div className="grid h-full place-items-center text-sm text-slate-500">Reading the cluster…</div>
          ) : live.loading && subscription.error ? (
            <div
              role="alert"
              className="m-6 max-w-xl rounded-md border border-red-200 bg-red-50 p-4 text-sm text-red-800"
            >
              <p className="font-medium">Could not read the topology.</p>
              <p className="mt-1 font-mono text-xs">{subscription.error.message}</p>
              <p className="mt-2">Check that the server can reach the cluster (its log says why), then reload.</p>
            </div>
          ) : (
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
          )}
        </div>
        <aside className="flex w-80 shrink-0 flex-col xl:w-96 border-l border-slate-200 bg-slate-50 dark:border-slate-700 dark:bg-slate-900">
          {/* Details above, the findings below: both reachable at once. */}
          {state.selected && full ? (
            <div className="flex min-h-0 flex-[3] flex-col border-b border-slate-200 dark:border-slate-700">
              <DetailsPanel id={state.selected} topology={full} onSelect={focus} onClose={() => select(null)} />
            </div>
          ) : null}
          <FindingsPanel findings={shown?.findings ?? []} onSelect={focus} />
          {shown && !state.selected ? <Legend colours={colours} /> : null}
        </aside>
      </main>
    </div>
  );
}
