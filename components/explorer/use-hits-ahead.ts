"use client";

import { useEffect } from "react";
import type { PlacedHit } from "./use-explorer-actions";

/** The hosts of an answer's first hits whose views are fetched ahead: a pick is most often one of the first. */
export const AHEAD_HOSTS = 3;

/**
 * Fetches ahead the views of the hosts the first hits of an answer lie on, as soon as the answer shows, so a click on
 * one of them draws its host at once (use-host-prefetch.ts) instead of subscribing and laying it out after the click.
 * Bounded: the first few distinct hosts, one at a time (each fetched and laid out before the next is asked, so the
 * server and the layout worker see one at a time), and no further one once the answer is another query's or the list
 * closes (a hit picked: its own view comes first). The fetch under way when that happens is left to end (small, and
 * its view kept in case the admin comes back to it).
 */
export function useHitsAhead(
  hits: readonly PlacedHit[],
  /** the query these hits answer, null while it is still loading */
  answered: string | null,
  open: boolean,
  /** fetches the host view of this hit (the first hit of its host), resolving once it is held and laid out */
  fetchAhead: (hit: PlacedHit) => Promise<void>,
): void {
  // biome-ignore lint/correctness/useExhaustiveDependencies: once per answer shown (the hits come with `answered`)
  useEffect(() => {
    if (answered === null || !open) return;
    const first = new Map<string, PlacedHit>();
    for (const h of hits) if (h.host && !first.has(h.host) && first.size < AHEAD_HOSTS) first.set(h.host, h);
    let stopped = false;
    void (async () => {
      for (const hit of first.values()) {
        if (stopped) return;
        await fetchAhead(hit).catch(() => undefined);
      }
    })();
    return () => {
      stopped = true;
    };
  }, [answered, open]);
}
