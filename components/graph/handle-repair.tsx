"use client";

import { type ReactFlowState, useStore, useStoreApi, useUpdateNodeInternals } from "@xyflow/react";
import { useEffect } from "react";

/** How long React Flow's own measuring has before a drawn node still without handle positions is measured again. */
const GRACE_MS = 300;

/**
 * Ids of the nodes on screen that React Flow has not (or no longer has) handle positions for. Our nodes are made
 * afresh from the topology on each change, and React Flow then forgets their handles until its resize observer has
 * measured them again; when that measuring is skipped (xyflow/xyflow#4888, still open in 12.12: the observer is not
 * re-armed if the node's "initialised" state flips back within one commit), such a node keeps no handles and every
 * edge to it is silently left out, for good. CI caught it once: after a reconnect, alice's pods, their net1 and her
 * bridge were drawn, none of the edges between them.
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
