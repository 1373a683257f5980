"use client";

import { useSyncExternalStore } from "react";
import type { ReachResult } from "@/lib/reach/schema";

// The last reachability result per network, for this page: the details panel writes it, the network view's caption
// shows its headline beside the prediction. Kept in memory only (a reload forgets it, as a measurement ages).
const results = new Map<string, ReachResult>();
const listeners = new Set<() => void>();

export function rememberReach(result: ReachResult): void {
  results.set(result.network, result);
  for (const l of listeners) l();
}

const subscribe = (l: () => void) => {
  listeners.add(l);
  return () => listeners.delete(l);
};

export function useLastReach(network: string | null): ReachResult | null {
  return useSyncExternalStore(
    subscribe,
    () => (network ? (results.get(network) ?? null) : null),
    () => null,
  );
}
