import { act, renderHook } from "@testing-library/react";
import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import type { SourceInfo, SourceStatus } from "@/lib/wire/payload";
import { useConnectionState } from "./use-connection-state";

const live: SourceInfo = { kind: "live", label: "cluster", writes: "cluster" };
const LIVE: SourceStatus = { state: "live", since: "2026-12-06T10:00:00Z" };
const STATES: Record<"stale" | "failed", SourceStatus> = {
  stale: { state: "stale", since: "2026-12-06T10:00:00Z", reason: "watch closed" },
  failed: { state: "failed", reason: "list pods: forbidden" },
};
type Props = { status: string; current: boolean; state?: "stale" | "failed" };

const render = (initialProps: Props) =>
  renderHook(
    ({ status, current, state }: Props) =>
      useConnectionState(status, { source: live, status: state ? STATES[state] : LIVE }, current),
    { initialProps },
  );

describe("useConnectionState", () => {
  beforeEach(() => vi.useFakeTimers());
  afterEach(() => vi.useRealTimers());

  it("a live view that had come and loses its stream is stale at once while it reconnects, and fresh when back", () => {
    const { result, rerender } = render({ status: "pending", current: true });
    expect(result.current).toEqual({ disconnected: false, stale: false });
    rerender({ status: "connecting", current: true });
    expect(result.current.stale).toBe(true);
    rerender({ status: "pending", current: true });
    expect(result.current.stale).toBe(false);
  });

  it("a new view connecting is no lost connection, unless it is still not here after 3 s", () => {
    const { result } = render({ status: "connecting", current: false });
    expect(result.current.stale).toBe(false);
    act(() => vi.advanceTimersByTime(2_900));
    expect(result.current.stale).toBe(false);
    act(() => vi.advanceTimersByTime(200));
    expect(result.current.stale).toBe(true);
  });

  it("a failed stream or a failed source is disconnected; a source that says stale is stale", () => {
    expect(render({ status: "error", current: true }).result.current.disconnected).toBe(true);
    expect(render({ status: "pending", current: true, state: "failed" }).result.current.disconnected).toBe(true);
    expect(render({ status: "pending", current: true, state: "stale" }).result.current.stale).toBe(true);
  });
});
