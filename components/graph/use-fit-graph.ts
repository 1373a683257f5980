"use client";

import { type FitViewOptions, getViewportForBounds, useReactFlow, useStoreApi } from "@xyflow/react";
import { useCallback } from "react";

/** Fit-to-view never zooms past this: a graph of two boxes is framed, not blown up. */
const FIT_MAX_ZOOM = 1.2;

/**
 * Frames every drawn node now, from the places and sizes the layout gave them; false when the pane has no size yet.
 * Not React Flow's `fitView`: that one is queued until a `setNodes` finds every node measured, or a measuring pass
 * comes, and with our nodes' sizes and handles given (flow-elements.ts, node-handles.ts, the React Flow patch) none
 * may come — the first picture then stayed at zoom 1, half of it off screen, and "Fit to view" did nothing until the
 * next live change.
 */
type Padding = NonNullable<FitViewOptions["padding"]>;

export function useFitGraph(): (padding: Padding, duration?: number) => boolean {
  const flow = useReactFlow();
  const store = useStoreApi();
  return useCallback(
    (padding, duration) => {
      const { width, height, minZoom, panZoom } = store.getState();
      const nodes = flow.getNodes().filter((n) => !n.hidden);
      if (!width || !height || !panZoom || nodes.length === 0) return false;
      const bounds = flow.getNodesBounds(nodes);
      void flow.setViewport(getViewportForBounds(bounds, width, height, minZoom, FIT_MAX_ZOOM, padding), { duration });
      return true;
    },
    [flow, store],
  );
}
