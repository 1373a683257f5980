"use client";

import { type Dispatch, type SetStateAction, useEffect, useRef } from "react";
import type { Topology } from "@/lib/contract/schema";
import type { Criteria } from "@/lib/match/filter";
import type { SearchHit } from "@/lib/match/search";
import type { StateChange } from "./use-explorer-state";

/** A search hit as the server sends it: the host it lies on, when it lies on one. */
export type PlacedHit = SearchHit & { host?: string };

/**
 * What the explorer's controls do to its state. No useCallback: the React Compiler (next.config.ts) keeps these the
 * same between renders while their inputs are; handlers that need the state read it through `update`'s function
 * form, so they stay the same when a filter changes (the matrix's rows are then not drawn again).
 */
export function useExplorerActions(
  update: (change: StateChange) => void,
  shown: Topology | null,
  setFocusSeq: Dispatch<SetStateAction<number>>,
  /**
   * called when a host's view is opened, with the filters it opens with (absent: the page's own): shows that view at
   * once if it was fetched ahead
   */
  opening: (host: string, filters?: Criteria) => void,
) {
  // `opening` changes with every view held; read through a ref, the handlers below stay the same (the matrix's rows,
  // which take them, are then not drawn again when a view comes or a filter is picked)
  const latest = useRef(opening);
  useEffect(() => {
    latest.current = opening;
  });
  const open = (host: string, filters?: Criteria) => latest.current(host, filters);
  const select = (id: string | null) => update({ selected: id });
  const focus = (id: string, host?: string) => {
    // An element outside the current view or filters: open its host (or the whole cluster) to show it.
    if (shown && !shown.elements.some((e) => e.id === id)) {
      update({ view: host ? { kind: "host", host } : { kind: "cluster" }, filters: {}, selected: id });
      if (host) open(host, {});
    } else update({ selected: id });
    setFocusSeq((n) => n + 1);
  };
  return {
    select,
    focus,
    pick: (hit: PlacedHit) => focus(hit.id, hit.host),
    openHost: (host: string) => {
      update({ view: { kind: "host", host }, selected: null });
      open(host);
    },
    openNetwork: (network: string) => update({ view: { kind: "network", network }, selected: null }),
    showCluster: () => update({ view: { kind: "cluster" }, selected: null }),
    openCell: (host: string, network: string) =>
      update((prev) => ({ view: { kind: "host", host }, filters: { ...prev.filters, network }, selected: null })),
  };
}
