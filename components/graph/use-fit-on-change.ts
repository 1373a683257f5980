"use client";

import { useReactFlow } from "@xyflow/react";
import { useEffect, useRef } from "react";
import { fitPadding } from "./graph-toolbar";
import type { LayoutState } from "./use-layout";

/**
 * Frames the first picture once its layout arrives, and again when the view or a filter changes: otherwise a filtered
 * graph stays at the whole cluster's zoom, a speck in a corner. Live changes (same view) keep the admin's own zoom.
 * The first fit is ours too, not only React Flow's `fitView` prop: that one is spent on the first `setNodes` whose
 * nodes all carry their size, and ours do (flow-elements.ts `measured`) — if the pane has no zoom handler yet then,
 * nothing is framed, and with the nodes' handles given (node-handles.ts, scripts/patch-packages.mjs) no later
 * measuring pass frames it either: the cluster view stayed at zoom 1 at 1024×768, half of it off screen.
 */
export function useFitOnChange(fitKey: string, layout: LayoutState, minimap: boolean): void {
  const flow = useReactFlow();
  const lastKey = useRef(fitKey);
  const wanted = useRef(true);
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
