import type { ElkNode } from "elkjs/lib/elk-api";
import { describe, expect, it } from "vitest";
import { ElkUnavailable, elkThread, elkWaiting, MAX_WAITING } from "./elk-thread";

/** A small flat graph: `n` boxes in a chain. */
const chain = (n: number): ElkNode => ({
  id: "root",
  layoutOptions: { "elk.algorithm": "layered" },
  children: Array.from({ length: n }, (_, i) => ({ id: `b${i}`, width: 40, height: 20 })),
  edges: Array.from({ length: n - 1 }, (_, i) => ({ id: `e${i}`, sources: [`b${i}`], targets: [`b${i + 1}`] })),
});

describe("ELK on a thread of its own", () => {
  it("lays a graph out as ELK does: every box placed", async () => {
    const laid = await elkThread.layout(chain(5));
    expect(laid.children?.map((c) => c.id)).toEqual(["b0", "b1", "b2", "b3", "b4"]);
    for (const c of laid.children ?? []) expect(typeof c.x).toBe("number");
    // left to right, each after the one before
    const xs = (laid.children ?? []).map((c) => c.x ?? 0);
    expect(xs).toEqual([...xs].sort((a, b) => a - b));
  });

  it("refuses at once past its bound (the page then lays the host out), and lays out again once it drains", async () => {
    const asked = Array.from({ length: MAX_WAITING }, (_, i) => elkThread.layout(chain(3 + i)));
    expect(elkWaiting()).toBe(MAX_WAITING);
    await expect(elkThread.layout(chain(3))).rejects.toBeInstanceOf(ElkUnavailable);
    const laid = await Promise.all(asked);
    expect(laid.map((g) => g.children?.length)).toEqual(asked.map((_, i) => 3 + i));
    expect(elkWaiting()).toBe(0);
    expect((await elkThread.layout(chain(2))).children).toHaveLength(2);
  });

  it("answers an error of ELK's as a refused layout of that graph only", async () => {
    const bad = { ...chain(2), edges: [{ id: "e", sources: ["nowhere"], targets: ["b0"] }] };
    await expect(elkThread.layout(bad)).rejects.toThrow();
    expect((await elkThread.layout(chain(2))).children).toHaveLength(2);
  });
});
