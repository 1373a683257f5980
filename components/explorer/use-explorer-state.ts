"use client";

import { useCallback, useEffect, useState } from "react";
import { type ExplorerState, stateFromParams, stateToParams } from "@/lib/graph/explorer-state";

/** The explorer's state lives in the URL, so every view, filter and selection is a link one can share. */
/** A change of state: the fields that change, or a function of the state before (a handler that stays the same). */
export type StateChange = Partial<ExplorerState> | ((prev: ExplorerState) => Partial<ExplorerState>);

export function useExplorerState(initialQuery: string): [ExplorerState, (change: StateChange) => void] {
  const [state, setState] = useState<ExplorerState>(() => stateFromParams(new URLSearchParams(initialQuery)));

  useEffect(() => {
    const onPop = () => setState(stateFromParams(new URLSearchParams(window.location.search)));
    window.addEventListener("popstate", onPop);
    return () => window.removeEventListener("popstate", onPop);
  }, []);

  const update = useCallback((asked: StateChange) => {
    setState((prev) => {
      const change = typeof asked === "function" ? asked(prev) : asked;
      const next = { ...prev, ...change };
      const params = stateToParams(next, new URLSearchParams(window.location.search));
      const url = `${window.location.pathname}${params.size ? `?${params}` : ""}`;
      // A new view is a step back can return from; a selection or a filter tweak is not.
      if (change.view && JSON.stringify(change.view) !== JSON.stringify(prev.view))
        window.history.pushState(null, "", url);
      else window.history.replaceState(null, "", url);
      return next;
    });
  }, []);

  return [state, update];
}
