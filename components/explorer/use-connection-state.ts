"use client";

import { useEffect, useState } from "react";
import type { SourceInfo, SourceStatus } from "@/lib/wire/payload";

/** A new view still not here after this long is said to be reconnecting. */
const SLOW_VIEW_MS = 3_000;

/** True once `on` has held for `ms` without a break; false again as soon as it does not. */
function useAfter(on: boolean, ms: number): boolean {
  const [late, setLate] = useState(false);
  useEffect(() => {
    setLate(false);
    if (!on) return;
    const timer = setTimeout(() => setLate(true), ms);
    return () => clearTimeout(timer);
  }, [on, ms]);
  return on && late;
}

/**
 * What the explorer says of its connection: gone (the stream failed, or the source did), or stale (the source says
 * so, or the stream of a live view is reconnecting). Opening another view connects afresh, which is no lost
 * connection: only a view that had come, or a new one that takes long, counts as reconnecting — a picture greyed
 * for every filter pick read as the cluster going stale.
 */
export function useConnectionState(
  subscriptionStatus: string,
  view: { source: SourceInfo; status: SourceStatus } | null,
  current: boolean,
): { disconnected: boolean; stale: boolean } {
  const connecting = subscriptionStatus === "connecting" && view?.source.kind === "live";
  const slowToCome = useAfter(connecting && !current, SLOW_VIEW_MS);
  return {
    disconnected: subscriptionStatus === "error" || view?.status.state === "failed",
    stale: view?.status.state === "stale" || (connecting && (current || slowToCome)),
  };
}
