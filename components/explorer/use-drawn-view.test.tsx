import { act, cleanup, render } from "@testing-library/react";
import { useLayoutEffect } from "react";
import { afterEach, describe, expect, it } from "vitest";
import { defaultState, type ExplorerState, viewCriteria } from "@/lib/graph/explorer-state";
import type { ViewState } from "@/lib/wire/view-state";
import { useDrawnView } from "./use-drawn-view";
import { type useTopologyView, viewKey } from "./use-topology-view";

type Live = ReturnType<typeof useTopologyView>;
const queryOf = (s: ExplorerState) => viewCriteria(s.view, s.filters);
const host = (name: string): ExplorerState => ({ ...defaultState, view: { kind: "host", host: name } });
/** The hook reads only these of the live view: the view held, and which query it answers. */
/** `unlaid`: fetched ahead and seeded before its layout was done. */
const held = (s: ExplorerState, unlaid = false): Live =>
  ({
    topology: null,
    state: { id: viewKey(queryOf(s)) } as unknown as ViewState,
    heldKey: viewKey(queryOf(s)),
    heldUnlaid: unlaid,
    settled: !unlaid,
  }) as unknown as Live;

/** The cluster's view at scale: held as its overview (the matrix), no pods. */
const matrixHeld = (s: ExplorerState): Live => {
  const live = held(s);
  return { ...live, state: { ...live.state, overview: { hosts: [], networks: [], cells: [] } } } as unknown as Live;
};

/** Each commit's picture: the state drawn and which view's data it drew (and whether it says it is settled). */
function Probe({
  state,
  live,
  commits,
  settled = [],
  opening = [],
}: {
  state: ExplorerState;
  live: Live;
  commits: string[];
  settled?: boolean[];
  opening?: boolean[];
}) {
  const drawn = useDrawnView(state, live, queryOf, 0);
  const ns = drawn.state.filters.namespace;
  const picture = `${drawn.state.view.kind === "host" ? drawn.state.view.host : "cluster"}${ns ? ` in ${ns}` : ""} with ${drawn.heldKey}`;
  useLayoutEffect(() => {
    commits.push(picture);
    settled.push(drawn.settled);
    opening.push(drawn.opening);
  });
  return null;
}

describe("useDrawnView", () => {
  afterEach(cleanup);

  it("draws a pick whose view is held (fetched ahead and seeded) in the pick's first commit", () => {
    const commits: string[] = [];
    const a = host("node-a");
    const b = host("node-b");
    const page = render(<Probe state={a} live={held(a)} commits={commits} />);
    commits.length = 0;
    // the pick and its view ahead in one render, as seedAhead does it (explorer.tsx)
    act(() => page.rerender(<Probe state={b} live={held(b)} commits={commits} />));
    expect(commits[0]).toBe(`node-b with ${viewKey(queryOf(b))}`);
    expect(commits.every((c) => c.startsWith("node-b"))).toBe(true);
  });

  it("draws a pick whose view is held but not laid out one commit late, then at once when its own view comes", () => {
    const commits: string[] = [];
    const a = host("node-a");
    const b = host("node-b");
    const page = render(<Probe state={a} live={held(a)} commits={commits} />);
    commits.length = 0;
    // seeded ahead, its layout still under way: the first commit keeps the old picture (it asks for the view and
    // the server's layout), the next draws the view held
    act(() => page.rerender(<Probe state={b} live={held(b, true)} commits={commits} />));
    expect(commits[0]).toBe(`node-a with ${viewKey(queryOf(a))}`);
    expect(commits.at(-1)).toBe(`node-b with ${viewKey(queryOf(b))}`);
    // the subscription's own snapshot: drawn in its render
    commits.length = 0;
    act(() => page.rerender(<Probe state={b} live={held(b)} commits={commits} />));
    expect(commits[0]).toBe(`node-b with ${viewKey(queryOf(b))}`);
    expect(commits.every((c) => c.startsWith("node-b"))).toBe(true);
  });

  it("draws a pick whose view is not held one commit late, then never an older picture than one drawn", () => {
    const commits: string[] = [];
    const a = host("node-a");
    const b = host("node-b");
    const c = host("node-c");
    const page = render(<Probe state={a} live={held(a)} commits={commits} />);
    commits.length = 0;
    // a pick whose view is on its way: the first commit keeps the picture (it asks for the view), the next draws it
    act(() => page.rerender(<Probe state={b} live={held(a)} commits={commits} />));
    expect(commits[0]).toBe(`node-a with ${viewKey(queryOf(a))}`);
    expect(commits.at(-1)).toBe(`node-b with ${viewKey(queryOf(a))}`);
    // its view comes: drawn at once
    commits.length = 0;
    act(() => page.rerender(<Probe state={b} live={held(b)} commits={commits} />));
    expect(commits[0]).toBe(`node-b with ${viewKey(queryOf(b))}`);
    // the next pick, not held: node-b's picture stays until node-c's is drawn, never node-a's again
    commits.length = 0;
    act(() => page.rerender(<Probe state={c} live={held(b)} commits={commits} />));
    expect(commits.every((x) => !x.startsWith("node-a"))).toBe(true);
    expect(commits.at(-1)).toBe(`node-c with ${viewKey(queryOf(b))}`);
  });

  it("keeps the matrix, not a graph made from its overview, until the view of a host picked from it comes", () => {
    const commits: string[] = [];
    const settled: boolean[] = [];
    const cluster = defaultState;
    const b = host("node-b");
    const page = render(<Probe state={cluster} live={matrixHeld(cluster)} commits={commits} settled={settled} />);
    commits.length = 0;
    settled.length = 0;
    // a matrix row clicked, its view on its way: the overview held cannot draw node-b's graph
    act(() => page.rerender(<Probe state={b} live={matrixHeld(cluster)} commits={commits} settled={settled} />));
    expect(commits.length).toBeGreaterThan(0);
    expect(commits.every((c) => c === `cluster with ${viewKey(queryOf(cluster))}`)).toBe(true);
    // the matrix kept is not the picture of the view asked: not said to be settled once the pick is drawn late
    expect(settled.at(-1)).toBe(false);
    // node-b's view comes: drawn at once
    commits.length = 0;
    act(() => page.rerender(<Probe state={b} live={held(b)} commits={commits} settled={settled} />));
    expect(commits[0]).toBe(`node-b with ${viewKey(queryOf(b))}`);
    expect(settled.at(-1)).toBe(true);
  });

  it("draws a namespace filter's pick late from the overview held, as before (a matrix from a matrix)", () => {
    const commits: string[] = [];
    const cluster = defaultState;
    const narrowed: ExplorerState = { ...defaultState, filters: { namespace: "team-1" } };
    const page = render(<Probe state={cluster} live={matrixHeld(cluster)} commits={commits} />);
    commits.length = 0;
    act(() => page.rerender(<Probe state={narrowed} live={matrixHeld(cluster)} commits={commits} />));
    // the first commit keeps the picture (it asks for the view), the next draws the pick with the overview held
    expect(commits[0]).toBe(`cluster with ${viewKey(queryOf(cluster))}`);
    expect(commits.at(-1)).toBe(`cluster in team-1 with ${viewKey(queryOf(cluster))}`);
  });

  it("says a pick is being opened from its click's first commit until its view comes, and no longer", () => {
    const commits: string[] = [];
    const opening: boolean[] = [];
    const cluster = defaultState;
    const b = host("node-b");
    const page = render(<Probe state={cluster} live={matrixHeld(cluster)} commits={commits} opening={opening} />);
    expect(opening).toEqual([false]);
    opening.length = 0;
    // a matrix row clicked: every commit while the matrix is kept says so, the first (the click's own) included
    act(() => page.rerender(<Probe state={b} live={matrixHeld(cluster)} commits={commits} opening={opening} />));
    expect(opening.length).toBeGreaterThan(0);
    expect(opening.every(Boolean)).toBe(true);
    // a view fetched ahead whose layout is still under way is not the pick's picture yet either
    opening.length = 0;
    act(() => page.rerender(<Probe state={b} live={held(b, true)} commits={commits} opening={opening} />));
    expect(opening.every(Boolean)).toBe(true);
    // node-b's view comes: no longer
    opening.length = 0;
    act(() => page.rerender(<Probe state={b} live={held(b)} commits={commits} opening={opening} />));
    expect(opening[0]).toBe(false);
    expect(opening.every((o) => !o)).toBe(true);
    // the first read (nothing held yet) is no pick: the pane says "Reading the cluster…" itself
    opening.length = 0;
    const none = { ...held(b), state: null, heldKey: null } as unknown as Live;
    act(() => page.rerender(<Probe state={b} live={none} commits={commits} opening={opening} />));
    expect(opening.every((o) => !o)).toBe(true);
  });
});
