"use client";

import { useEffect, useRef } from "react";

const FIRST_RETRY_MS = 1_000;
const MAX_RETRY_MS = 30_000;

/**
 * Starts a failed subscription again. The browser's EventSource retries by itself after a dropped stream, but gives
 * up for good when a retry is answered with an error status (a proxy's 502 while the pod behind it is replaced, a
 * rollout, a restart) and tRPC then reports "error" forever: the page stayed "disconnected" until reloaded. So: 1 s
 * after a failure, then 2, 4… up to 30 s, until a message arrives (`delivered()` starts the count again).
 */
export function useResubscribe(status: string, reset: () => void): { delivered: () => void } {
  const failures = useRef(0);
  // Once per failure, however often the page renders meanwhile.
  const latestReset = useRef(reset);
  latestReset.current = reset;
  useEffect(() => {
    if (status !== "error") return;
    const delay = Math.min(MAX_RETRY_MS, FIRST_RETRY_MS * 2 ** failures.current);
    failures.current += 1;
    const timer = setTimeout(() => latestReset.current(), delay);
    return () => clearTimeout(timer);
  }, [status]);
  return {
    delivered: () => {
      failures.current = 0;
    },
  };
}
