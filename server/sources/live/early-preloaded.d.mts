import type { EarlyTarget } from "./early-requests.mjs";

export const UNTAKEN_MS: number;
export const KEPT_BYTES: number;
export const PRELOADED: readonly { kind: string; path: string }[];
export const PRELOADED_PATHS: readonly string[];

/** A preloaded List, its items parsed and trimmed on the preload's thread (early-preload-lists.mjs). */
export interface PreloadedList {
  /**
   * Taken once: each batch of its items (the JSON text of an array of trimmed items) to `onBatch`, in order, those
   * already in at once; resolves to the List less its items once the last is in, or null when it failed.
   */
  take(onBatch: (items: string) => void): Promise<Record<string, unknown> | null>;
}

export function takePreloaded(t: EarlyTarget, path: string): Promise<PreloadedList | null | undefined> | undefined;

declare global {
  // the preload's LISTs by path, until early-lists.ts takes them (early-preload-lists.mjs)
  var __plumblinePreloaded:
    | Map<
        string,
        { target: Promise<{ server: string; credential: string } | null>; body: Promise<PreloadedList | null> }
      >
    | undefined;
}
