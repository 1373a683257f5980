import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { demoObjects } from "@/testing/fixtures/demo";
import { syntheticCluster } from "@/testing/fixtures/synthetic-cluster";
import type { Topology } from "../contract/schema";
import { emptySnapshot, snapshotFromObjects } from "../k8s/snapshot";
import { buildTopology } from "./build";
import { endsWhole, jsonChunks } from "./format-json";

// The export's pieces (the CLI prints them, the server streams them) must make exactly the one string the JSON export
// saved before it was streamed: JSON.stringify(topology, null, 2) and a newline.

const whole = (t: unknown) => `${JSON.stringify(t, null, 2)}\n`;
const bytes = (s: string) => new TextEncoder().encode(s);

/** `data` cut into parts at the given offsets (sorted, within its length). */
function cut(data: Uint8Array, at: number[]): Uint8Array[] {
  const ends = [...new Set(at.map((a) => a % (data.length + 1)))].sort((a, b) => a - b);
  const parts: Uint8Array[] = [];
  let from = 0;
  for (const end of [...ends, data.length]) {
    parts.push(data.subarray(from, end));
    from = end;
  }
  return parts;
}

describe("jsonChunks", () => {
  it("makes exactly JSON.stringify(topology, null, 2) on the demo, a generated cluster and an empty one", () => {
    const demo = buildTopology(snapshotFromObjects(demoObjects()));
    const generated = buildTopology(snapshotFromObjects(syntheticCluster({ nodes: 12, pods: 400, nads: 9, seed: 3 })));
    for (const t of [demo, generated, buildTopology(emptySnapshot())]) {
      expect([...jsonChunks(t)].join("")).toBe(whole(t));
    }
    expect([...jsonChunks(demo)].length).toBeGreaterThan(demo.elements.length);
  });

  it("makes exactly JSON.stringify for any JSON in the topology's three lists, newlines and all (fast-check)", () => {
    // elements of any JSON shape: strings with newlines, braces, quotes and non-ASCII, nested arrays, empty objects
    const list = fc.array(fc.jsonValue({ maxDepth: 3 }), { maxLength: 6 });
    fc.assert(
      fc.property(list, list, list, (elements, links, findings) => {
        const t = { elements, links, findings } as unknown as Topology;
        expect([...jsonChunks(t)].join("")).toBe(whole(t));
      }),
      { seed: 20_261_207, numRuns: 500 },
    );
  });
});

describe("endsWhole", () => {
  it("holds for the whole export however it is cut into parts, and for no shorter part of it (fast-check)", () => {
    const demo = bytes([...jsonChunks(buildTopology(snapshotFromObjects(demoObjects())))].join(""));
    fc.assert(
      fc.property(fc.array(fc.nat(), { maxLength: 8 }), fc.integer({ min: 1, max: demo.length }), (at, short) => {
        expect(endsWhole(cut(demo, at))).toBe(true);
        // a download cut off `short` bytes before its end, however its parts came
        expect(endsWhole(cut(demo.subarray(0, demo.length - short), at))).toBe(false);
      }),
      { seed: 20_261_207, numRuns: 1_000 },
    );
  });

  it("holds for the documents of any JSON the pieces make, and for none of their prefixes (fast-check)", () => {
    const list = fc.array(fc.jsonValue({ maxDepth: 2 }), { maxLength: 4 });
    fc.assert(
      fc.property(list, list, fc.nat(), (elements, findings, short) => {
        const doc = bytes([...jsonChunks({ elements, links: [], findings } as unknown as Topology)].join(""));
        expect(endsWhole([doc])).toBe(true);
        expect(endsWhole([doc.subarray(0, doc.length - 1 - (short % doc.length))])).toBe(false);
      }),
      { seed: 20_261_207, numRuns: 500 },
    );
  });

  it("is false for nothing received", () => {
    expect(endsWhole([])).toBe(false);
    expect(endsWhole([new Uint8Array(0)])).toBe(false);
  });
});
