"use client";

import { useDeferredValue, useEffect, useMemo, useRef } from "react";
import type { ExplorerState } from "@/lib/graph/explorer-state";
import type { ViewQuery } from "@/lib/wire/view-protocol";
import type { ViewState } from "@/lib/wire/view-state";
import { type useTopologyView, viewKey } from "./use-topology-view";
import type { ViewInput } from "./use-view-model";

/**
 * What the explorer draws: its state and the view held. A pick whose view is not held yet (a filter, a matrix row
 * clicked at once) is drawn one render late (useDeferredValue): its first commit holds the toolbar and the new query
 * alone, so the view's subscription and the server's layout are asked at once, and React draws the new picture (the
 * matrix unmounted, the graph modelled and mounted) in a render of its own while the server answers. Before, the
 * subscription was asked only after that render's commit: 25–50 ms on an idle machine, 0.1–0.8 s at load.
 * A pick whose view is already held (a search's hit or a matrix row fetched ahead and seeded, a view that came) is
 * drawn in the same render: there is nothing to ask before it, and deferring it put the prefetched picture a render
 * (and at load, frames) behind its toolbar. But a view fetched ahead whose layout is not done yet (the worker's and
 * the server's still under way) is drawn late like a view not held: drawn at once it bought no picture (the graph
 * waits for its layout) and its render came before the commit that asks for the subscription and the server's
 * layout (a rested matrix row 655 → 875 ms on an idle machine, asked at +118–774 ms against +47–161 at load).
 * The state and the view held go together, so a picture is always of one state and the view it held, and "settled"
 * is said of the picture drawn.
 */
export function useDrawnView(
  state: ExplorerState,
  live: ReturnType<typeof useTopologyView>,
  queryOf: (state: ExplorerState) => ViewQuery,
  /** bumps when a search wants the graph to move to the selection: drawn with the selection it is for */
  focusSeq: number,
) {
  const { topology, state: held, heldKey, heldUnlaid, settled } = live;
  // `serial` orders the pictures: one drawn at once must not be followed by an older one the deferral still holds.
  const made = useRef(0);
  const now = useMemo(
    () => ({ state, topology, held, heldKey, settled, focusSeq, serial: ++made.current }),
    [state, topology, held, heldKey, settled, focusSeq],
  );
  const deferred = useDeferredValue(now);
  const last = useRef(deferred);
  const ready = heldKey !== null && heldKey === viewKey(queryOf(state)) && !heldUnlaid;
  const late = last.current.serial > deferred.serial ? last.current : deferred;
  // kept, it is not the picture of the subscription open now: not "settled" (a test waits for the new one)
  const drawn = ready ? now : matrixLeftFor(late, queryOf) ? { ...last.current, settled: false } : late;
  useEffect(() => {
    last.current = drawn;
  }, [drawn]);
  const input: ViewInput = {
    full: drawn.topology ?? undefined,
    overview: drawn.held?.overview ?? null,
    catalog: drawn.held?.catalog ?? null,
    networksInUse: drawn.held?.networksInUse ?? null,
    current: drawn.heldKey === viewKey(queryOf(drawn.state)),
  };
  // The picture drawn is not yet the pick's (kept, drawn late, or its layout under way): the explorer says the click
  // was taken (pick-cue.tsx). Nothing held yet is the first read ("Reading the cluster…"), no pick.
  const opening = heldKey !== null && !ready;
  return { ...drawn, input, opening };
}

/**
 * A pick that leaves the matrix for a host's or a pod's graph, its view not come yet: the overview held has no pods,
 * so a picture of the pick drawn from it is no graph of that host, only an empty one laid out ("Laying out the
 * graph…"), the matrix unmounted and React Flow mounted for it. The matrix stays instead until the view comes: that
 * render took 70–220 ms of the page's thread at 20k pods (page-filters.ts' traces on 135b915), the time the
 * server's answer then waited to be read.
 */
function matrixLeftFor(
  d: { state: ExplorerState; held: ViewState | null; heldKey: string | null },
  queryOf: (state: ExplorerState) => ViewQuery,
): boolean {
  const q = queryOf(d.state);
  return !!d.held?.overview && d.heldKey !== viewKey(q) && (q.host !== undefined || q.pod !== undefined);
}
