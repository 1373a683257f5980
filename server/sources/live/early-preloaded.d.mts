import type { Readable } from "node:stream";
import type { EarlyTarget } from "./early-requests.mjs";

export const UNTAKEN_MS: number;
export const KEPT_BYTES: number;
export const PRELOADED_PATHS: readonly string[];
export function takePreloaded(
  t: EarlyTarget,
  path: string,
  otherwise: () => Promise<Readable | null>,
): Promise<Readable | null> | undefined;

declare global {
  // the preload's LISTs by path, until early-lists.ts takes them (early-preload-lists.mjs)
  var __plumblinePreloaded:
    | Map<string, { target: Promise<{ server: string; credential: string } | null>; body: Promise<Readable | null> }>
    | undefined;
}
