"use client";

import { useMemo } from "react";
import type { ExplorerState } from "@/lib/graph/explorer-state";
import { viewCriteria } from "@/lib/graph/explorer-state";
import { filterTopology } from "@/lib/graph/filter";
import { graphModel } from "@/lib/graph/model";
import { topologyColours } from "@/lib/graph/palette";
import { networkReach } from "@/lib/graph/reach";
import type { Topology } from "@/lib/topology/schema";
import { optionsOf } from "./toolbar";

/** Past this many pods in the cluster view, each host is one summary card: pods are read in host and network views. */
const SUMMARY_OVER_PODS = 300;

/** What the explorer draws for its state: the topology in view, its boxes, the network caption, the pickers' options. */
export function useViewModel(full: Topology | undefined, state: ExplorerState, expanded: ReadonlySet<string>) {
  const shown = useMemo(
    () => (full ? filterTopology(full, viewCriteria(state.view, state.filters)) : null),
    [full, state.view, state.filters],
  );
  const colours = useMemo(() => (full ? topologyColours(full) : new Map<string, string>()), [full]);
  const model = useMemo(() => {
    if (!shown) return null;
    // Shared-L2 lines tell the story of one network; across a whole cluster they would be a tangle.
    const summarizeHosts =
      state.view.kind === "cluster" &&
      shown.elements.filter((e) => e.kind === "pod").length > SUMMARY_OVER_PODS &&
      !state.filters.host;
    return graphModel(shown, {
      showDefault: state.showDefault,
      expanded,
      segments: state.view.kind === "network",
      colours,
      summarizeHosts,
    });
  }, [shown, state.showDefault, expanded, state.view.kind, colours, state.filters.host]);
  const caption = useMemo(() => {
    if (state.view.kind !== "network" || !full) return null;
    const key = state.view.network;
    const net = full.elements.find((e) => e.kind === "network" && `${e.namespace}/${e.name}` === key);
    return net?.kind === "network" ? { title: key, id: net.id, text: networkReach(net, full) } : null;
  }, [state.view, full]);
  const options = useMemo(
    () => (full ? optionsOf(full) : { namespaces: [], networks: [], hosts: [], pods: [] }),
    [full],
  );

  return { shown, colours, model, caption, options };
}
