import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import type { GraphModel } from "@/lib/graph/model";
import type { LayoutRequest, LayoutResponse } from "./layout.worker";

/** A worker that answers only when the test says so, recording what it was asked in order. */
class HeldWorker {
  static last: HeldWorker | null = null;
  onmessage: ((e: MessageEvent<LayoutResponse>) => void) | null = null;
  onerror: ((e: ErrorEvent) => void) | null = null;
  asked: LayoutRequest[] = [];
  answered = 0;
  constructor() {
    HeldWorker.last = this;
  }
  postMessage(r: LayoutRequest) {
    this.asked.push(r);
  }
  terminate() {}
  /** answers the oldest request not yet answered (a worker does one at a time, in order) */
  answer() {
    const r = this.asked[this.answered++];
    if (!r) throw new Error("nothing to answer");
    const positions = r.model.nodes.map(
      (n): [string, { id: string; x: number; y: number; width: number; height: number }] => [
        n.id,
        { id: n.id, x: 0, y: 0, width: n.width, height: n.height },
      ],
    );
    const data: LayoutResponse = { seq: r.seq, positions, ms: { elk: 1, since: 0 } };
    this.onmessage?.(new MessageEvent("message", { data }));
  }
}

const real: GraphModel = {
  nodes: [{ id: "host/a", kind: "host", parent: null, width: 0, height: 0, isGroup: true }],
  edges: [],
  colours: new Map(),
};
const hostOf = (r: LayoutRequest | undefined) => r?.model.nodes[0]?.id;
const settle = () => new Promise((r) => setTimeout(r, 0));

describe("the layout worker's warm-up", () => {
  beforeEach(() => {
    vi.resetModules(); // the page's worker is module state: a fresh one per test
    vi.stubGlobal("Worker", HeldWorker);
    vi.stubGlobal("requestIdleCallback", (run: () => void) => setTimeout(run, 0));
  });
  afterEach(() => vi.unstubAllGlobals());

  it("lays out warm hosts one at a time, and never posts one while a real layout is asked or under way", async () => {
    const { layout, warmLayout } = await import("./layout-client");
    warmLayout();
    const w = HeldWorker.last as HeldWorker;
    expect(w.asked.map(hostOf)).toEqual(["host/warm-0"]);
    w.answer();
    await settle();
    expect(w.asked.map(hostOf)).toEqual(["host/warm-0", "host/warm-1"]);
    // A real layout asked while a warm round runs waits for that round only.
    const done = layout(real);
    expect(w.asked.map(hostOf)).toEqual(["host/warm-0", "host/warm-1", "host/a"]);
    w.answer(); // warm-1 ends: the real one is under way, no warm round is posted behind it
    for (let i = 0; i < 5; i++) await settle();
    expect(w.asked).toHaveLength(3);
    w.answer(); // the real layout ends
    await expect(done).resolves.toBeInstanceOf(Map);
    // the warm-up resumes once the page is idle again, one round at a time
    await vi.waitFor(() =>
      expect(w.asked.map(hostOf)).toEqual(["host/warm-0", "host/warm-1", "host/a", "host/warm-2"]),
    );
    for (let i = 0; i < 5; i++) await settle();
    expect(w.asked).toHaveLength(4);
  });

  it("posts no round while a pick holds it, and resumes after the hold", async () => {
    const { holdWarmUp, warmLayout } = await import("./layout-client");
    warmLayout();
    const w = HeldWorker.last as HeldWorker;
    w.answer();
    await vi.waitFor(() => expect(w.asked.map(hostOf)).toEqual(["host/warm-0", "host/warm-1"]));
    // a pick while warm-1 runs: that round ends as it would, none is posted after it while the hold lasts
    holdWarmUp(300);
    w.answer();
    for (let i = 0; i < 10; i++) await settle();
    expect(w.asked).toHaveLength(2);
    await vi.waitFor(() => expect(w.asked.map(hostOf)).toEqual(["host/warm-0", "host/warm-1", "host/warm-2"]), {
      timeout: 10_000,
    });
  });

  it("stops after its rounds, each a host of folds hanging off points", async () => {
    const { warmLayout } = await import("./layout-client");
    warmLayout();
    const w = HeldWorker.last as HeldWorker;
    // answered as they come, until no round follows for a while
    for (let idle = 0; idle < 20; idle++) {
      if (w.answered < w.asked.length) {
        w.answer();
        idle = 0;
      }
      await settle();
    }
    expect(w.asked.length).toBe(30);
    for (const r of w.asked) {
      const kinds = new Set(r.model.nodes.map((n) => n.kind));
      expect(kinds).toEqual(new Set(["host", "bridge", "fold"]));
      const ids = new Set(r.model.nodes.map((n) => n.id));
      for (const e of r.model.edges) expect(ids.has(e.source) && ids.has(e.target)).toBe(true);
    }
  });
});

describe("a layout made elsewhere (the server's)", () => {
  beforeEach(() => {
    vi.resetModules();
    vi.stubGlobal("Worker", HeldWorker);
  });
  afterEach(() => vi.unstubAllGlobals());

  it("settles the same input's layout under way in the worker, and is kept for the next graph of it", async () => {
    const { layout, layoutOf, offerLayout } = await import("./layout-client");
    const { inputKey } = await import("@/lib/graph/layout-key");
    const asked = layout(real);
    const w = HeldWorker.last as HeldWorker;
    expect(w.asked.map(hostOf)).toEqual(["host/a"]);
    const positions = new Map([["host/a", { id: "host/a", x: 7, y: 9, width: 260, height: 64 }]]);
    offerLayout(inputKey(real), positions);
    // drawn without the worker's answer
    await expect(asked).resolves.toBe(positions);
    expect(layoutOf(real)).toBe(positions);
    // the worker's answer, later, changes nothing
    w.answer();
    await settle();
    expect(layoutOf(real)).toBe(positions);
    await expect(layout(real)).resolves.toBe(positions);
  });

  it("is taken only for its own input", async () => {
    const { layout, offerLayout } = await import("./layout-client");
    const asked = layout(real);
    const w = HeldWorker.last as HeldWorker;
    offerLayout("another input", new Map());
    w.answer();
    const got = await asked;
    expect(got.get("host/a")).toMatchObject({ x: 0, y: 0 });
  });
});
