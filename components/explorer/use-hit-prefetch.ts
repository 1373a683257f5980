"use client";

import { useQueryClient } from "@tanstack/react-query";
import { viewCriteria } from "@/lib/graph/explorer-state";
import { topologyColours } from "@/lib/graph/palette";
import { filterTopology } from "@/lib/match/filter";
import { readViewMessage } from "@/lib/wire/read-message";
import { fromSnapshot, topologyOf, type ViewState } from "@/lib/wire/view-state";
import { layout } from "../graph/layout-client";
import { useTRPC } from "../trpc";
import type { PlacedHit } from "./use-explorer-actions";
import { graphOf } from "./use-view-model";

/** A view fetched ahead is shown for this long; later the subscription's own snapshot is awaited instead. */
const FRESH_MS = 10_000;
/** Host views fetched ahead, by host name (the only kind of view a hit opens). */
const ahead = new Map<string, { at: number; state: ViewState }>();

/** The host's view fetched ahead for a search hit, if it is fresh; taken once. */
export function takeAhead(host: string): ViewState | null {
  const got = ahead.get(host);
  ahead.delete(host);
  return got && Date.now() - got.at < FRESH_MS ? got.state : null;
}

/**
 * When a search answers, fetches the view its first hit would open (its host's) and lays it out, while the admin
 * reads the hits: picking it then shows the graph at once instead of subscribing, waiting and laying out.
 */
export function useHitPrefetch(context: string | undefined, showDefault: boolean, expanded: ReadonlySet<string>) {
  const trpc = useTRPC();
  const client = useQueryClient();
  return (hit: PlacedHit) => {
    const host = hit.host;
    const known = host ? ahead.get(host) : undefined;
    if (!host || (known && Date.now() - known.at < FRESH_MS / 2)) return;
    const view = viewCriteria({ kind: "host", host }, {});
    const options = trpc.topology.viewSnapshot.queryOptions({ ...(context ? { context } : {}), view });
    void client.fetchQuery({ ...options, staleTime: FRESH_MS / 2 }).then(
      (text) => {
        const message = readViewMessage(text);
        if (message?.type !== "snapshot") return;
        const state = fromSnapshot(message);
        ahead.set(host, { at: Date.now(), state });
        // Laid out as the host's view will draw it (use-view-model.ts), so the layout is found ready.
        const shown = filterTopology(topologyOf(state), view);
        void layout(graphOf(shown, "host", showDefault, expanded, topologyColours(shown))).catch(() => undefined);
      },
      () => undefined, // only ahead of time: the pick subscribes as usual
    );
  };
}
