"use client";

import { type ReactFlowInstance, useReactFlow } from "@xyflow/react";
import { type KeyboardEvent, useEffect } from "react";

const AT_ORIGIN = { x: 0, y: 0 };

/** The walkable elements (interfaces, points, folds) in reading order: a host's before the next host's. */
function leavesInOrder(flow: ReactFlowInstance) {
  const top = (id: string) => {
    let n = flow.getInternalNode(id);
    while (n?.parentId) n = flow.getInternalNode(n.parentId);
    return n?.internals.positionAbsolute ?? AT_ORIGIN;
  };
  return flow
    .getNodes()
    .filter((n) => n.type !== "host" && n.type !== "pod")
    .map((n) => ({
      id: n.id,
      host: top(n.id),
      pos: flow.getInternalNode(n.id)?.internals.positionAbsolute ?? AT_ORIGIN,
    }))
    .sort((a, b) => a.host.y - b.host.y || a.host.x - b.host.x || a.pos.y - b.pos.y || a.pos.x - b.pos.x);
}

const stepOf = (key: string): number =>
  key === "ArrowDown" || key === "ArrowRight" ? 1 : key === "ArrowUp" || key === "ArrowLeft" ? -1 : 0;

/**
 * Moving around the graph: a search or deep link (focusSeq bumps) centres the selected element once laid out; arrow
 * keys walk the leaves in reading order; Escape clears the selection.
 */
export function useGraphNavigation(
  selected: string | null,
  onSelect: (id: string | null) => void,
  focusSeq: number,
  laidOut: boolean,
) {
  const flow = useReactFlow();
  // biome-ignore lint/correctness/useExhaustiveDependencies: only when a focus is asked for (focusSeq) or the layout lands, not on every selection
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

  // A plain function: the React Compiler (next.config.ts) keeps it the same while flow, onSelect and selected are.
  return (e: KeyboardEvent<HTMLDivElement>) => {
    if (e.key === "Escape") return onSelect(null);
    const step = stepOf(e.key);
    if (step === 0) return;
    e.preventDefault();
    const leaves = leavesInOrder(flow);
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
  };
}
