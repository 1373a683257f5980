import { ApiException } from "@kubernetes/client-node";
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import type { PartState } from "./parts";
import { MAX_THROTTLED, nextRead, retryAfterSeconds } from "./retry";

// What kube-apiserver sends when it sheds load or its watch cache is initialising: 429, a Retry-After header, and a
// Status whose details carry retryAfterSeconds (k8s.io/apimachinery NewTooManyRequests; KEP-4568's
// "storage is (re)initializing"). A watch's error has only its status code (client-node's Watch).
const status429 = JSON.stringify({
  kind: "Status",
  apiVersion: "v1",
  status: "Failure",
  message: "storage is (re)initializing",
  reason: "TooManyRequests",
  details: { retryAfterSeconds: 1 },
  code: 429,
});
const listRefused = (retryAfter?: string, body = status429) =>
  new ApiException(429, "HTTP-Code: 429", body, retryAfter === undefined ? {} : { "retry-after": retryAfter });
const watchRefused = Object.assign(new Error("Too Many Requests"), { statusCode: 429 });
const pending: PartState = { kind: "pending" };

describe("a 429 before a part's first read", () => {
  it("is waited out for the Retry-After asked, the part not shown broken, MAX_THROTTLED times in a row", () => {
    const part = { state: pending, attempt: 0 };
    for (let i = 0; i < MAX_THROTTLED; i++) {
      const next = nextRead(part, listRefused("2"));
      expect(next.broken).toBe(false);
      expect(next.retryIn).toBeGreaterThanOrEqual(2000);
      expect(next.retryIn).toBeLessThanOrEqual(2400);
    }
    // Then it is an error like any other: shown, with backoff.
    expect(nextRead(part, listRefused("2")).broken).toBe(true);
    expect(part.attempt).toBe(1);
  });

  it("is an error at once for a part that was read before (its watch is gone: the picture is not live)", () => {
    for (const state of [{ kind: "synced" }, { kind: "error", message: "x", since: "t" }] as const)
      expect(nextRead({ state, attempt: 0 }, watchRefused).broken).toBe(true);
  });

  it("other failures are errors with growing backoff, as before", () => {
    const part = { state: pending, attempt: 0 };
    const delays = [0, 1, 2, 3].map(() => nextRead(part, new Error("ECONNREFUSED"), { min: 100, max: 1000 }).retryIn);
    expect(delays.every((d, i) => d >= 80 * 2 ** i || d >= 800)).toBe(true);
    expect(Math.max(...delays)).toBeLessThanOrEqual(1200);
  });
});

describe("the delay a 429 asks for", () => {
  it("reads the header, then the Status body, then defaults to 1 s", () => {
    expect(retryAfterSeconds(listRefused("3"))).toBe(3);
    expect(retryAfterSeconds(listRefused(undefined, JSON.stringify({ details: { retryAfterSeconds: 5 } })))).toBe(5);
    expect(retryAfterSeconds(listRefused("soon"))).toBe(1);
    expect(retryAfterSeconds(watchRefused)).toBe(1);
  });

  it("is always 1–30 s, whatever the server sends (a date, garbage, minutes, a negative)", () => {
    fc.assert(
      fc.property(
        fc.option(fc.string()),
        fc.oneof(
          fc.string(),
          fc.jsonValue().map((v) => JSON.stringify(v)),
        ),
        (h, b) => {
          const s = retryAfterSeconds(listRefused(h ?? undefined, b));
          expect(s).toBeGreaterThanOrEqual(1);
          expect(s).toBeLessThanOrEqual(30);
        },
      ),
    );
    expect(retryAfterSeconds(listRefused("600"))).toBe(30);
    expect(retryAfterSeconds(listRefused(undefined, JSON.stringify({ details: { retryAfterSeconds: -4 } })))).toBe(1);
  });
});
