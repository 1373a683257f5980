"use client";

import { useEffect, useRef } from "react";
import { fitPadding } from "./graph-toolbar";
import { useFitGraph } from "./use-fit-graph";
import type { LayoutState } from "./use-layout";

/**
 * Frames the first picture once its layout arrives, and again when the view or a filter changes: otherwise a filtered
 * graph stays at the whole cluster's zoom, a speck in a corner. Live changes (same view) keep the admin's own zoom.
 * The first fit is ours, not React Flow's `fitView` prop, for the reason in use-fit-graph.ts.
 */
export function useFitOnChange(fitKey: string, layout: LayoutState, minimap: boolean): void {
  const frame = useFitGraph();
  const lastKey = useRef(fitKey);
  const wanted = useRef(true);
  if (lastKey.current !== fitKey) {
    lastKey.current = fitKey;
    wanted.current = true;
  }
  useEffect(() => {
    if (layout.status !== "done" || !wanted.current) return;
    // A frame for React Flow to take the new nodes, and more while its pane has no size yet (bounded); wanted until
    // done, so a fit cut short by the next layout is made on that one.
    let handle = 0;
    let frames = 0;
    const attempt = () => {
      if (frame(fitPadding(minimap))) wanted.current = false;
      else if (++frames < 60) handle = requestAnimationFrame(attempt);
    };
    handle = requestAnimationFrame(attempt);
    return () => cancelAnimationFrame(handle);
  }, [layout, frame, minimap]);
}
