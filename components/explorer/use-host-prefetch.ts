"use client";

import { useQueryClient } from "@tanstack/react-query";
import { viewCriteria } from "@/lib/graph/explorer-state";
import { topologyColours } from "@/lib/graph/palette";
import { graphOf } from "@/lib/graph/view-graph";
import type { Criteria } from "@/lib/match/filter";
import { filterTopology } from "@/lib/match/filter";
import { readViewMessage } from "@/lib/wire/read-message";
import { fromSnapshot, topologyOf, type ViewState } from "@/lib/wire/view-state";
import { layout } from "../graph/layout-client";
import { traceMark } from "../trace";
import { useTRPC } from "../trpc";

/** A view fetched ahead is shown for this long; later the subscription's own snapshot is awaited instead. */
const FRESH_MS = 10_000;
/** Host views fetched ahead, by their criteria (the only kind of view a hit or a matrix row opens). */
const ahead = new Map<string, Ahead>();
/** A view fetched ahead, and whether its layout is done (kept by the layout client) */
export interface Ahead {
  at: number;
  state: ViewState;
  laidOut: boolean;
}
/** At most this many are held (a pointer run down the matrix's rows fetches one per row it rests on). */
const HELD = 8;
const keyOf = (host: string, filters: Criteria): string =>
  JSON.stringify(viewCriteria({ kind: "host", host }, filters));

/** The host's view with these filters fetched ahead, if it is fresh; taken once. */
export function takeAhead(host: string, filters: Criteria): Ahead | null {
  const key = keyOf(host, filters);
  const got = ahead.get(key);
  ahead.delete(key);
  return got && Date.now() - got.at < FRESH_MS ? got : null;
}

/**
 * Fetches the view of a host the admin is about to open, and lays it out, while the admin is still reading: the
 * first hit of a search's answer, the hit under the pointer or moved to with the arrow keys, a matrix row under the
 * pointer or focused. Opening it then finds the server's channel kept (server/view-channel.ts) and the layout
 * done, instead of subscribing, waiting for the view to be computed and laying it out; the explorer shows the fetched
 * view at once (takeAhead) until the subscription's own snapshot comes.
 */
export function useHostPrefetch(context: string | undefined, showDefault: boolean, expanded: ReadonlySet<string>) {
  const trpc = useTRPC();
  const client = useQueryClient();
  /** resolves once the view is held and laid out, or the fetch or layout failed (never rejects) */
  return (host: string | undefined, filters: Criteria = {}): Promise<void> => {
    if (!host) return Promise.resolve();
    const key = keyOf(host, filters);
    const known = ahead.get(key);
    if (known && Date.now() - known.at < FRESH_MS / 2) return Promise.resolve();
    const view = viewCriteria({ kind: "host", host }, filters);
    const options = trpc.topology.viewSnapshot.queryOptions({ ...(context ? { context } : {}), view });
    return client.fetchQuery({ ...options, staleTime: FRESH_MS / 2, gcTime: FRESH_MS }).then(
      (text) => {
        const message = readViewMessage(text);
        if (message?.type !== "snapshot") return;
        const state = fromSnapshot(message);
        const held: Ahead = { at: Date.now(), state, laidOut: false };
        ahead.delete(key);
        ahead.set(key, held);
        for (const old of ahead.keys()) if (ahead.size > HELD) ahead.delete(old);
        traceMark("ahead:held", host);
        // Laid out as the host's view will draw it (use-view-model.ts), so the layout is found ready.
        const shown = filterTopology(topologyOf(state), view);
        return layout(graphOf(shown, "host", showDefault, expanded, topologyColours(shown))).then(
          () => {
            held.laidOut = true;
            traceMark("ahead:laid-out", host);
          },
          () => undefined,
        );
      },
      () => undefined, // only ahead of time: the pick subscribes as usual
    );
  };
}
