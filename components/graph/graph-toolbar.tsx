"use client";

import { useReactFlow } from "@xyflow/react";
import { ExportButtons } from "./export-buttons";
import { graphButton } from "./graph-button";
import { useFitGraph } from "./use-fit-graph";

/** How fit-to-view frames the graph; the minimap, when drawn, keeps its corner free. */
export const fitPadding = (minimap: boolean) => ({
  top: px(16),
  left: px(16),
  bottom: px(16),
  right: px(minimap ? MINIMAP_WIDTH + 24 : 16),
});
const px = (n: number): `${number}px` => `${n}px`;
export const MINIMAP_WIDTH = 160;

/**
 * Zoom and export, in a bar of their own above the canvas: controls that float on the canvas end up on top of
 * whatever node is drawn in their corner.
 */
export function GraphToolbar({ exportName, minimap }: { exportName: string; minimap: boolean }) {
  const flow = useReactFlow();
  const frame = useFitGraph();
  return (
    <div
      data-testid="graph-toolbar"
      className="flex h-9 shrink-0 items-center gap-1 border-b border-slate-200 bg-white px-2 dark:border-slate-700 dark:bg-slate-900"
    >
      <fieldset className="m-0 flex items-center gap-0.5 border-0 p-0" aria-label="Zoom">
        <button type="button" className={graphButton} aria-label="Zoom out" onClick={() => void flow.zoomOut()}>
          −
        </button>
        <button type="button" className={graphButton} aria-label="Zoom in" onClick={() => void flow.zoomIn()}>
          +
        </button>
        <button type="button" className={graphButton} onClick={() => frame(fitPadding(minimap), 200)}>
          Fit to view
        </button>
      </fieldset>
      <div className="ml-auto">
        <ExportButtons name={exportName} />
      </div>
    </div>
  );
}
