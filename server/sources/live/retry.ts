import { isObject } from "@/lib/result";
import { httpStatus, readApiError } from "./errors";
import type { Part } from "./parts";

/**
 * 429s in a row a part that was never read waits out before it is shown broken: client-go's REST client retries a
 * 429 with Retry-After the same number of times (rest.Request's default maxRetries).
 */
export const MAX_THROTTLED = 10;

const DEFAULT_BACKOFF = { min: 500, max: 30_000 };

/**
 * When a part that failed (other than 401, 403 or a missing API) is read again, and whether it is shown broken
 * meanwhile. An API server that says "come back later" (HTTP 429 with Retry-After) before the part's first read is
 * not broken: kube-apiserver answers so while a kind's watch cache is still initialising (a server just started, a
 * CRD just established: KEP-4568) and when API Priority and Fairness or --max-requests-inflight sheds load. Such a
 * part stays "connecting" and is asked again after the delay given, as client-go would; past MAX_THROTTLED, or once
 * it has been read (its watch is gone: the picture is no longer live), it is an error like any other, with backoff.
 */
export function nextRead(
  part: Pick<Part, "state" | "attempt" | "throttled">,
  err: unknown,
  backoff: { min: number; max: number } = DEFAULT_BACKOFF,
): { retryIn: number; broken: boolean } {
  const throttled = part.throttled ?? 0;
  if (part.state.kind === "pending" && httpStatus(err) === 429 && throttled < MAX_THROTTLED) {
    part.throttled = throttled + 1;
    return { retryIn: retryAfterSeconds(err) * 1000 * (1 + Math.random() * 0.2), broken: false };
  }
  const retryIn = Math.min(backoff.max, backoff.min * 2 ** part.attempt) * (0.8 + Math.random() * 0.4);
  part.attempt++;
  return { retryIn, broken: true };
}

/**
 * The delay a 429 asks for: its Retry-After header (the list's ApiException carries the headers), else the Status
 * body's details.retryAfterSeconds, else 1 s (a watch's error has neither). Bounded to 1–30 s: a server asking for
 * no wait, or for minutes, is not followed blindly.
 */
export function retryAfterSeconds(err: unknown): number {
  const header = isObject(err) && isObject(err.headers) ? err.headers["retry-after"] : undefined;
  const fromHeader = typeof header === "string" && /^\d+$/.test(header.trim()) ? Number(header) : undefined;
  const seconds = fromHeader ?? readApiError(err).body.details?.retryAfterSeconds ?? 1;
  return Math.min(30, Math.max(1, Number.isFinite(seconds) ? seconds : 1));
}
