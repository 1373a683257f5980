"use client";

import { useEffect, useRef, useState } from "react";
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
 * seen a moment ago, or fetched ahead) is drawn at once.
 */
export function useLayout(model: GraphModel): LayoutState {
  const [state, setState] = useState<LayoutState>(() => {
    const kept = layoutOf(model);
    return kept ? { status: "done", positions: kept } : { status: "pending" };
  });
  const lastKey = useRef<string | null>(null);
  const asked = useRef(0);

  useEffect(() => {
    const key = structureKey(model);
    if (key === lastKey.current) return;
    lastKey.current = key;
    const n = ++asked.current;
    // Only the latest request's answer is shown: an older one finishing late would bring back a previous graph.
    layout(model, key).then(
      (positions) => {
        if (asked.current === n)
          setState((s) => (s.status === "done" && s.positions === positions ? s : { status: "done", positions }));
      },
      (e: unknown) => {
        if (asked.current === n) setState({ status: "error", error: e instanceof Error ? e.message : String(e) });
      },
    );
  }, [model]);

  return state;
}
