"use client";

import { useReactFlow } from "@xyflow/react";
import { useEffect, useRef } from "react";
import { fitPadding } from "./graph-toolbar";
import type { LayoutState } from "./use-layout";

/**
 * When the view or a filter changes, frame the result once its layout arrives: otherwise a filtered graph stays at
 * the whole cluster's zoom, a speck in a corner. Live changes (same view) keep the admin's own zoom.
 */
export function useFitOnChange(fitKey: string, layout: LayoutState, minimap: boolean): void {
  const flow = useReactFlow();
  const lastKey = useRef(fitKey);
  const wanted = useRef(false);
  if (lastKey.current !== fitKey) {
    lastKey.current = fitKey;
    wanted.current = true;
  }
  useEffect(() => {
    if (layout.status !== "done" || !wanted.current) return;
    wanted.current = false;
    // One frame for React Flow to take the new nodes before it measures their bounds.
    const handle = requestAnimationFrame(() => void flow.fitView({ padding: fitPadding(minimap), maxZoom: 1.2 }));
    return () => cancelAnimationFrame(handle);
  }, [layout, flow, minimap]);
}
