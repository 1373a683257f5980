"use client";

import { useReactFlow } from "@xyflow/react";
import { type KeyboardEvent, useCallback, useEffect } from "react";

/**
 * Moving around the graph: a search or deep link (focusSeq bumps) centres the selected element once laid out; arrow
 * keys walk the leaves (interfaces, points, folds) in reading order; Escape clears the selection.
 */
export function useGraphNavigation(
  selected: string | null,
  onSelect: (id: string | null) => void,
  focusSeq: number,
  laidOut: boolean,
) {
  const flow = useReactFlow();
  // Search and deep links move the view to the selected element.
  // biome-ignore lint/correctness/useExhaustiveDependencies: only when a focus is asked for (focusSeq) or the layout lands
  useEffect(() => {
    if (!selected || !laidOut || focusSeq === 0) return;
    const handle = requestAnimationFrame(() => {
      const node = flow.getInternalNode(selected);
      if (!node) return;
      const { x, y } = node.internals.positionAbsolute;
      void flow.setCenter(x + (node.measured.width ?? 0) / 2, y + (node.measured.height ?? 0) / 2, {
        zoom: 1.3,
        duration: 400,
      });
    });
    return () => cancelAnimationFrame(handle);
  }, [focusSeq, laidOut]);

  // Arrow keys walk the leaves (interfaces, points, folds) in reading order; Escape clears the selection.
  const onKeyDown = useCallback(
    (e: KeyboardEvent<HTMLDivElement>) => {
      if (e.key === "Escape") return onSelect(null);
      const step =
        e.key === "ArrowDown" || e.key === "ArrowRight" ? 1 : e.key === "ArrowUp" || e.key === "ArrowLeft" ? -1 : 0;
      if (step === 0) return;
      e.preventDefault();
      const leaves = flow
        .getNodes()
        .filter((n) => n.type !== "host" && n.type !== "pod")
        .map((n) => ({ id: n.id, pos: flow.getInternalNode(n.id)?.internals.positionAbsolute ?? { x: 0, y: 0 } }))
        .sort((a, b) => a.pos.y - b.pos.y || a.pos.x - b.pos.x);
      if (leaves.length === 0) return;
      const at = leaves.findIndex((l) => l.id === selected);
      const next = leaves[(at + step + leaves.length) % leaves.length] ?? leaves[0];
      if (!next) return;
      onSelect(next.id);
      const n = flow.getInternalNode(next.id);
      if (n)
        void flow.setCenter(next.pos.x + (n.measured.width ?? 0) / 2, next.pos.y + (n.measured.height ?? 0) / 2, {
          zoom: Math.max(flow.getZoom(), 0.9),
          duration: 200,
        });
    },
    [flow, onSelect, selected],
  );
  return onKeyDown;
}
