import { act, cleanup, fireEvent, render } from "@testing-library/react";
import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import { NearHost } from "./near-host";

/** Two matrix rows as the matrix draws them: a data-host row with its host button and a cell inside. */
function rows(onNearHost: (host: string) => void) {
  return render(
    <NearHost onNearHost={onNearHost}>
      <div data-testid="matrix">
        {["node-001", "node-002"].map((h) => (
          <div key={h} data-testid="matrix-row" data-host={h}>
            <button type="button">{h}</button>
            <button type="button" data-testid="matrix-cell">
              3
            </button>
          </div>
        ))}
        <p>legend</p>
      </div>
    </NearHost>,
  );
}

describe("NearHost", () => {
  beforeEach(() => vi.useFakeTimers());
  afterEach(() => {
    cleanup();
    vi.useRealTimers();
  });

  it("names the host of the row the pointer rests on, once, not those it crosses", () => {
    const near = vi.fn();
    const page = rows(near);
    fireEvent.pointerOver(page.getByText("node-001"));
    act(() => vi.advanceTimersByTime(50));
    fireEvent.pointerOver(page.getByText("node-002"));
    act(() => vi.advanceTimersByTime(50));
    // within the same row (its cell): still resting on node-002
    fireEvent.pointerOver(page.getAllByTestId("matrix-cell")[1] as HTMLElement);
    act(() => vi.advanceTimersByTime(100));
    expect(near.mock.calls).toEqual([["node-002"]]);
  });

  it("names nothing when the pointer moves off the rows before resting", () => {
    const near = vi.fn();
    const page = rows(near);
    fireEvent.pointerOver(page.getByText("node-001"));
    fireEvent.pointerOver(page.getByText("legend"));
    act(() => vi.advanceTimersByTime(1000));
    fireEvent.pointerOver(page.getByText("node-002"));
    fireEvent.pointerLeave(page.getByTestId("matrix").parentElement as HTMLElement);
    act(() => vi.advanceTimersByTime(1000));
    expect(near).not.toHaveBeenCalled();
  });

  it("names the host of a row the keyboard focuses, at once", () => {
    const near = vi.fn();
    const page = rows(near);
    act(() => page.getByText("node-002").focus());
    expect(near.mock.calls).toEqual([["node-002"]]);
  });
});
