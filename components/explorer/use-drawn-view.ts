"use client";

import { useDeferredValue, useMemo } from "react";
import type { ExplorerState } from "@/lib/graph/explorer-state";
import type { ViewQuery } from "@/lib/wire/view-protocol";
import { type useTopologyView, viewKey } from "./use-topology-view";
import type { ViewInput } from "./use-view-model";

/**
 * What the explorer draws: its state and the view held, one render late (useDeferredValue). A pick (a filter, a
 * matrix row, a search hit) first commits the toolbar and the new query alone, so the view's subscription and the
 * server's layout are asked at once; React then draws the new picture (the matrix unmounted, the graph modelled and
 * mounted) in a render of its own, while the server answers. Before, the subscription was asked only after that
 * render's commit: 25–50 ms on an idle machine, 0.1–0.8 s at load. The state and the view held are deferred
 * together, so a picture is always of one state and the view it held, and "settled" is said of the picture drawn.
 */
export function useDrawnView(
  state: ExplorerState,
  live: ReturnType<typeof useTopologyView>,
  queryOf: (state: ExplorerState) => ViewQuery,
  /** bumps when a search wants the graph to move to the selection: drawn with the selection it is for */
  focusSeq: number,
) {
  const { topology, state: held, heldKey, settled } = live;
  const now = useMemo(
    () => ({ state, topology, held, heldKey, settled, focusSeq }),
    [state, topology, held, heldKey, settled, focusSeq],
  );
  const drawn = useDeferredValue(now);
  const input: ViewInput = {
    full: drawn.topology ?? undefined,
    overview: drawn.held?.overview ?? null,
    catalog: drawn.held?.catalog ?? null,
    networksInUse: drawn.held?.networksInUse ?? null,
    current: drawn.heldKey === viewKey(queryOf(drawn.state)),
  };
  return { ...drawn, input };
}
