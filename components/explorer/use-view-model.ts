"use client";

import { useMemo } from "react";
import { refOf } from "@/lib/contract/ids";
import type { Topology } from "@/lib/contract/schema";
import { type ExplorerState, viewCriteria } from "@/lib/graph/explorer-state";
import { MUTED, networkColours, topologyColours } from "@/lib/graph/palette";
import { networkReach } from "@/lib/graph/reach";
import { graphOf } from "@/lib/graph/view-graph";
import { shownTopology } from "@/lib/match/filter";
import type { ClusterOverview } from "@/lib/overview/schema";
import { hostsAndPods, pastMatrixThresholds } from "@/lib/overview/thresholds";
import type { Catalog } from "@/lib/wire/view-protocol";
import { layoutAhead } from "../graph/layout-client";
import { useClusterOverview } from "../overview/use-cluster-overview";
import type { NetworkCaptionData } from "./banners";
import { optionsOf } from "./toolbar";

const MATRIX_CAPTION =
  "Too many hosts to read as a graph: one row per host, its pods on this network in its cell. Open a host for how they are wired and whom they reach.";

/** What the server sent for the view: its topology, and at scale the overview and the whole cluster's catalogue. */
export interface ViewInput {
  full: Topology | undefined;
  overview: ClusterOverview | null;
  catalog: Catalog | null;
  /** a filtered overview's networks in use (it has no interfaces), for colours */
  networksInUse: string[] | null;
  /** what is held answers the current criteria (else it is the previous view, until the new one comes) */
  current: boolean;
}

/**
 * What the explorer draws for its state: the topology in view, the colours of its networks, the matrix's overview or
 * the graph's boxes, the network caption and the pickers' options.
 */
export function useViewModel(
  { full, overview: served, catalog, networksInUse, current }: ViewInput,
  state: ExplorerState,
  expanded: ReadonlySet<string>,
) {
  // These useMemo stay under the React Compiler: a hook call (useClusterOverview) between these values keeps it from
  // memoising them (its output, checked, recomputed the filter and the graph model on every render).
  // The previous view stays on screen, narrowed to the new criteria, until the new one arrives.
  const shown = useMemo(
    () => (full ? shownTopology(full, viewCriteria(state.view, state.filters), served !== null && current) : null),
    [full, state.view, state.filters, served, current],
  );
  // Colours are told apart among the networks on screen; each keeps the one its name picks unless two collide.
  // Drawn as the server's overview, the colours are those of the view that overview is of (the one on screen): a
  // new filter's view on its way does not recolour, nor redraw, the matrix still shown.
  const coloured = served && full ? full : shown;
  const colours = useMemo(() => {
    if (!coloured) return new Map<string, string>();
    const own = topologyColours(coloured, networksInUse ?? []);
    if (!served || !catalog) return own;
    // The server's overview sends the columns in sight only, so the networks held come and go as it scrolls: each
    // keeps the colour its name has among all the cluster's networks (the catalog's), for the whole cluster's legend,
    // or for a filtered one's the networks it holds and uses.
    const all = networkColours([...catalog.networks, ...(networksInUse ?? [])]);
    const names = networksInUse ? [...own.keys()] : [...all.keys()];
    return new Map(names.map((n) => [n, all.get(n) ?? MUTED]));
  }, [coloured, networksInUse, served, catalog]);
  // The server sends the cluster at scale as its overview (no pods reach the browser); a smaller cluster past the
  // matrix thresholds, or the cluster narrowed by a filter, is aggregated here.
  // A network's view past its graph's bounds comes as its overview too (lib/overview/thresholds.ts pastNetworkGraph).
  const matrix =
    !state.filters.host &&
    shown !== null &&
    ((state.view.kind === "cluster" && (served !== null || pastMatrixThresholds(hostsAndPods(shown)))) ||
      (state.view.kind === "network" && served !== null));
  const localOverview = useClusterOverview(matrix && !served ? shown : null);
  const model = useMemo(() => {
    // The matrix draws the overview; a graph of the whole big cluster is neither modelled nor laid out.
    if (!shown || matrix) return null;
    const m = graphOf(shown, state.view.kind, state.showDefault, expanded, colours);
    // Laid out from here rather than after the commit, so ELK works in its worker while React draws the rest; the
    // graph then finds it done or under way (one layout per input). Not while the previous view's matrix stays.
    if (!served) layoutAhead(m);
    return m;
  }, [shown, matrix, state.showDefault, expanded, state.view.kind, colours, served]);
  const caption = useMemo((): NetworkCaptionData | null => {
    if (state.view.kind !== "network" || !full) return null;
    const key = state.view.network;
    const net = full.elements.find((e) => e.kind === "network" && refOf(e) === key);
    if (net?.kind !== "network") return null;
    // Sent as its matrix, the view holds no interfaces to read its reach off: it says so rather than guess.
    if (served !== null) return { title: key, id: net.id, text: MATRIX_CAPTION, all: null };
    const text = networkReach(net, full);
    const all = networkReach(net, full, Number.POSITIVE_INFINITY);
    return { title: key, id: net.id, text, all: all === text ? null : all };
  }, [state.view, full, served]);
  const options = useMemo(() => {
    const inView = full ? optionsOf(full) : { namespaces: [], networks: [], hosts: [], pods: [] };
    // The toolbar offers the whole cluster's namespaces, networks and hosts; pods are those of the view.
    return catalog ? { ...catalog, pods: inView.pods } : inView;
  }, [full, catalog]);

  return { shown, colours, overview: served ?? localOverview, model, caption, options };
}
