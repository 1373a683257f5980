"use client";

import { type ReactFlowState, useStore, useStoreApi, useUpdateNodeInternals } from "@xyflow/react";
import { useEffect } from "react";

/** How long React Flow's own measuring has before a drawn node still without handle positions is measured again. */
const GRACE_MS = 300;

/**
 * Ids of the nodes on screen that React Flow has no handle positions for. Our nodes carry their size (`measured`,
 * flow-elements.ts), so React Flow keeps a node's handles across updates; a node new to the graph still waits for
 * its resize observer, and when that measuring is lost (xyflow/xyflow#4888, open in 12.12) the node keeps no handles
 * and every edge to it is silently left out, for good. This is the second line behind `measured`: CI once drew
 * alice's pods, their net1 and her bridge after a reconnect, and none of the edges between them.
 */
const unmeasured = (s: ReactFlowState): string =>
  [...s.nodeLookup.values()]
    .filter((n) => !n.hidden && n.internals.handleBounds === undefined)
    .map((n) => n.id)
    .join("\n");

/**
 * Measures again, after a grace period, the drawn nodes React Flow left without handle positions. A node it has not
 * drawn (offscreen with onlyRenderVisibleElements) has no element and is left alone, so this never loops.
 */
export function HandleRepair() {
  const missing = useStore(unmeasured);
  const store = useStoreApi();
  const updateNodeInternals = useUpdateNodeInternals();
  useEffect(() => {
    if (!missing) return;
    const timer = setTimeout(() => {
      const elements = store.getState().domNode?.querySelectorAll<HTMLElement>(".react-flow__node") ?? [];
      const drawn = new Set([...elements].map((e) => e.dataset.id));
      const ids = missing.split("\n").filter((id) => drawn.has(id));
      if (ids.length > 0) updateNodeInternals(ids);
    }, GRACE_MS);
    return () => clearTimeout(timer);
  }, [missing, store, updateNodeInternals]);
  return null;
}
