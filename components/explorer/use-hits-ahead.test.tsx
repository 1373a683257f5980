import { act, cleanup, renderHook } from "@testing-library/react";
import { afterEach, describe, expect, it } from "vitest";
import type { PlacedHit } from "./use-explorer-actions";
import { AHEAD_HOSTS, useHitsAhead } from "./use-hits-ahead";

const hit = (name: string, host?: string): PlacedHit => ({
  id: `pod/ns/${name}`,
  kind: "pod",
  label: name,
  reason: "name",
  ...(host ? { host } : {}),
});

/** A fetch whose answers the test gives, one by one: which hits were asked, and a way to finish the oldest open one. */
function fetches() {
  const asked: string[] = [];
  const open: (() => void)[] = [];
  const fetchAhead = (h: PlacedHit) => {
    asked.push(h.label);
    return new Promise<void>((resolve) => open.push(resolve));
  };
  /** ends the fetch under way, then lets the hook's chain take its next step */
  const finish = () =>
    act(async () => {
      open.shift()?.();
      await new Promise((r) => setTimeout(r, 0));
    });
  return { asked, fetchAhead, finish, pending: () => open.length };
}

type Props = { hits: PlacedHit[]; answered: string | null; open: boolean };

// Seven hits over four hosts (and one with none, a network): what a first letter's answer looks like.
const answer = [
  hit("a1", "n1"),
  hit("a2", "n1"),
  hit("net"),
  hit("b1", "n2"),
  hit("a3", "n1"),
  hit("c1", "n3"),
  hit("d1", "n4"),
];

describe("useHitsAhead", () => {
  afterEach(cleanup);

  it("fetches the first hit of each of the first few hosts, one at a time, in the answer's order", async () => {
    const f = fetches();
    renderHook((p: Props) => useHitsAhead(p.hits, p.answered, p.open, f.fetchAhead), {
      initialProps: { hits: answer, answered: "x", open: true },
    });
    expect(f.asked).toEqual(["a1"]);
    await f.finish();
    expect(f.asked).toEqual(["a1", "b1"]);
    expect(f.pending()).toBe(1); // never two at once
    await f.finish();
    await f.finish();
    expect(AHEAD_HOSTS).toBe(3);
    expect(f.asked).toEqual(["a1", "b1", "c1"]); // n4's is past the bound
  });

  it("asks for nothing while an answer is loading or the list is closed, and no more once the query changed", async () => {
    const f = fetches();
    const { rerender } = renderHook((p: Props) => useHitsAhead(p.hits, p.answered, p.open, f.fetchAhead), {
      initialProps: { hits: answer, answered: null as string | null, open: true },
    });
    expect(f.asked).toEqual([]);
    rerender({ hits: answer, answered: "x", open: true });
    expect(f.asked).toEqual(["a1"]);
    // the admin types on: the previous answer is kept on screen while the next one loads (keepPreviousData)
    rerender({ hits: answer, answered: null, open: true });
    await f.finish();
    expect(f.asked).toEqual(["a1"]);
    // the next answer starts its own round
    const next = [hit("b1", "n2"), hit("c1", "n3")];
    rerender({ hits: next, answered: "xy", open: true });
    expect(f.asked).toEqual(["a1", "b1"]);
    // a hit picked closes the list: c1 is not asked for once b1's fetch ends
    rerender({ hits: next, answered: "xy", open: false });
    await f.finish();
    expect(f.asked).toEqual(["a1", "b1"]);
  });

  it("goes on past a fetch that failed", async () => {
    const asked: string[] = [];
    renderHook(() =>
      useHitsAhead(answer, "x", true, (h) => {
        asked.push(h.label);
        return Promise.reject(new Error("gone"));
      }),
    );
    await act(async () => {
      await new Promise((r) => setTimeout(r, 0));
    });
    expect(asked).toEqual(["a1", "b1", "c1"]);
  });
});
