"use client";

import { type ReactNode, useRef } from "react";

/** How long the pointer rests on a row before its host is fetched ahead (a pointer crossing rows fetches nothing). */
const REST_MS = 120;

/**
 * Tells which matrix row (its data-host) the pointer rests on or the keyboard focuses, without touching the matrix:
 * the events bubble here. display: contents leaves the matrix's layout as it was.
 */
export function NearHost({ onNearHost, children }: { onNearHost?: (host: string) => void; children: ReactNode }) {
  const resting = useRef<{ host: string; timer: ReturnType<typeof setTimeout> } | null>(null);
  const hostAt = (target: EventTarget): string | null =>
    target instanceof Element ? (target.closest("[data-host]")?.getAttribute("data-host") ?? null) : null;
  return (
    // biome-ignore lint/a11y/noStaticElementInteractions: it only hears what bubbles from the matrix's own buttons
    <div
      className="contents"
      onPointerOver={(e) => {
        const host = hostAt(e.target);
        if (host === resting.current?.host) return;
        if (resting.current) clearTimeout(resting.current.timer);
        resting.current = host ? { host, timer: setTimeout(() => onNearHost?.(host), REST_MS) } : null;
      }}
      onPointerLeave={() => {
        if (resting.current) clearTimeout(resting.current.timer);
        resting.current = null;
      }}
      onFocus={(e) => {
        const host = hostAt(e.target);
        if (host) onNearHost?.(host);
      }}
    >
      {children}
    </div>
  );
}
