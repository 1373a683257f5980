"use client";

import { useCallback, useEffect, useState } from "react";
import {
  defaultState,
  type ExplorerState,
  stateFromParams,
  stateToParams,
  type View,
} from "@/lib/graph/explorer-state";

/** The explorer's state lives in the URL, so every view, filter and selection is a link one can share. */
/** A change of state: the fields that change, or a function of the state before (a handler that stays the same). */
export type StateChange = Partial<ExplorerState> | ((prev: ExplorerState) => Partial<ExplorerState>);

/**
 * How long a state may wait for the page's idle moment before the URL is written all the same (a page that stays
 * busy: a live graph redrawn, the layout worker's replies).
 */
const URL_WRITE_WAIT_MS = 500;

export function useExplorerState(initialQuery: string): [ExplorerState, (change: StateChange) => void] {
  const [state, setState] = useState<ExplorerState>(() => stateFromParams(new URLSearchParams(initialQuery)));

  useEffect(() => {
    const onPop = () => setState(stateFromParams(new URLSearchParams(window.location.search)));
    window.addEventListener("popstate", onPop);
    return () => window.removeEventListener("popstate", onPop);
  }, []);

  // The URL follows the state at the page's next idle moment, not in the pick's own event: history.replaceState is
  // Next's patched one (a router transition), 17–41 ms of a 165–530 ms pick at 20k pods in the pick's first render
  // (CPU profiles of page-filters.ts' picks on 135b915), time the pick's own view then waited for. A newer state
  // before that moment replaces the write still waiting.
  useEffect(() => whenIdle(() => writeUrl(state)), [state]);

  const update = useCallback((asked: StateChange) => {
    setState((prev) => ({ ...prev, ...(typeof asked === "function" ? asked(prev) : asked) }));
  }, []);

  return [state, update];
}

/**
 * Writes the state into the URL, keeping what else it holds (the context). A new view is a step back can return from;
 * a selection or a filter tweak is not. A URL that already says this state (the page opened on it, a step back) is
 * left as it is.
 */
function writeUrl(state: ExplorerState): void {
  const now = new URLSearchParams(window.location.search);
  const params = stateToParams(state, now);
  const was = stateFromParams(now);
  if (params.toString() === stateToParams(was, now).toString()) return;
  const url = `${window.location.pathname}${params.size ? `?${params}` : ""}`;
  if (viewParams(state.view) !== viewParams(was.view)) window.history.pushState(null, "", url);
  else window.history.replaceState(null, "", url);
}

/** A view as the URL says it (two spellings of one view are one view). */
const viewParams = (view: View): string => stateToParams({ ...defaultState, view }, new URLSearchParams()).toString();

/** Runs `run` when the page is next idle (a timer where the browser has no idle callback); returns its cancel. */
function whenIdle(run: () => void): () => void {
  if (typeof requestIdleCallback === "function") {
    const id = requestIdleCallback(run, { timeout: URL_WRITE_WAIT_MS });
    return () => cancelIdleCallback(id);
  }
  const id = setTimeout(run, 0);
  return () => clearTimeout(id);
}
