"use client";

import { useEffect, useMemo, useRef, useState } from "react";
import type { Positioned } from "@/lib/graph/layout";
import { structureKey } from "@/lib/graph/layout-key";
import type { GraphModel } from "@/lib/graph/model";
import { layout, layoutOf } from "./layout-client";

export type LayoutState =
  | { status: "pending" }
  | { status: "done"; positions: Map<string, Positioned> }
  | { status: "error"; error: string };

/**
 * Lays the model out in the page's layout worker. A model whose structure did not change keeps its positions, so
 * live updates that only change addresses or states never make the graph jump. A model laid out before (a view
 * seen a moment ago, or fetched ahead) is drawn at once: at mount, and when the graph already drawn is given a new
 * structure (a host's view fetched ahead, picked from the cluster's graph) — in that render, not after the effect's
 * round trip, so no frame draws the new graph's boxes at the old graph's places.
 */
export function useLayout(model: GraphModel): LayoutState {
  const structure = structureKey(model);
  const [held, setHeld] = useState<{ structure: string | null; state: LayoutState }>(() => {
    const kept = layoutOf(model);
    return kept
      ? { structure, state: { status: "done", positions: kept } }
      : { structure: null, state: { status: "pending" } };
  });
  const lastKey = useRef<string | null>(null);
  const asked = useRef(0);

  useEffect(() => {
    if (structure === lastKey.current) return;
    lastKey.current = structure;
    const n = ++asked.current;
    // Only the latest request's answer is shown: an older one finishing late would bring back a previous graph.
    layout(model, structure).then(
      (positions) => {
        if (asked.current === n)
          setHeld((h) =>
            h.state.status === "done" && h.state.positions === positions
              ? h
              : { structure, state: { status: "done", positions } },
          );
      },
      (e: unknown) => {
        if (asked.current === n)
          setHeld({ structure, state: { status: "error", error: e instanceof Error ? e.message : String(e) } });
      },
    );
  }, [model, structure]);

  // one object per layout kept: the graph's nodes and its fit follow the state's identity
  const kept = held.structure === structure ? undefined : layoutOf(model);
  const early = useMemo((): LayoutState | null => (kept ? { status: "done", positions: kept } : null), [kept]);
  return early ?? held.state;
}
