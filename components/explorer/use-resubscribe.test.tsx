import { act, renderHook } from "@testing-library/react";
import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import { useResubscribe } from "./use-resubscribe";

type Props = { status: string };

describe("useResubscribe", () => {
  beforeEach(() => vi.useFakeTimers());
  afterEach(() => vi.useRealTimers());

  it("starts a failed subscription again after 1 s, 2 s, 4 s…, and from 1 s once a message came", () => {
    const reset = vi.fn();
    const { result, rerender } = renderHook(({ status }: Props) => useResubscribe(status, reset), {
      initialProps: { status: "pending" },
    });
    const failAndWait = (ms: number) => {
      rerender({ status: "error" });
      act(() => vi.advanceTimersByTime(ms - 10));
      expect(reset).not.toHaveBeenCalled();
      act(() => vi.advanceTimersByTime(10));
      expect(reset).toHaveBeenCalledOnce();
      reset.mockClear();
      rerender({ status: "connecting" });
    };
    failAndWait(1_000);
    failAndWait(2_000);
    failAndWait(4_000);
    act(() => result.current.delivered());
    failAndWait(1_000);
  });

  it("never waits more than 30 s, and never retries a subscription that did not fail", () => {
    const reset = vi.fn();
    const { rerender } = renderHook(({ status }: Props) => useResubscribe(status, reset), {
      initialProps: { status: "connecting" },
    });
    act(() => vi.advanceTimersByTime(120_000));
    expect(reset).not.toHaveBeenCalled();
    for (let i = 0; i < 8; i++) {
      rerender({ status: "error" });
      act(() => vi.advanceTimersByTime(30_000));
      expect(reset).toHaveBeenCalledTimes(i + 1);
      rerender({ status: "connecting" });
    }
  });
});
