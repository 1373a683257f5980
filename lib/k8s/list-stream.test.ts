import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { syntheticCluster } from "@/testing/fixtures/synthetic-cluster";
import { ListSplitter, ListStreamError } from "./list-stream";

const bytes = (s: string): Uint8Array => new TextEncoder().encode(s);

/** Feeds `text` cut at the given byte offsets; returns the items parsed and the List less its items. */
function split(text: string, cuts: number[] = []) {
  const items: unknown[] = [];
  const s = new ListSplitter((t) => items.push(JSON.parse(t)));
  const all = bytes(text);
  let from = 0;
  for (const at of [...new Set(cuts)].sort((a, b) => a - b)) {
    s.push(all.subarray(from, at));
    from = at;
  }
  s.push(all.subarray(from));
  return { items, head: s.end() };
}

const jsonObject = fc.dictionary(fc.string({ unit: "binary" }), fc.jsonValue(), { maxKeys: 5 });

describe("ListSplitter", () => {
  it("hands over every item of a pod List as the API server writes it, the rest parsed at the end", () => {
    const pods = syntheticCluster({ nodes: 3, pods: 40, nads: 4, seed: 7 }).filter((o) => o.kind === "Pod");
    const list = { kind: "PodList", apiVersion: "v1", metadata: { resourceVersion: "4211" }, items: pods };
    const text = JSON.stringify(list);
    const whole = split(text);
    expect(whole.items).toEqual(pods);
    expect(whole.head).toEqual({ ...list, items: [] });
    // Cut every 7 bytes: items, keys and escaped quotes of the network-status annotation span chunks.
    const cuts = Array.from({ length: Math.floor(text.length / 7) }, (_, i) => (i + 1) * 7);
    expect(split(text, cuts)).toEqual(whole);
  });

  it("gives the same items and head as one JSON.parse, however the bytes are cut (fast-check, fixed seed)", () => {
    fc.assert(
      fc.property(
        fc.array(jsonObject, { maxLength: 6 }),
        jsonObject,
        fc.boolean(),
        fc.array(fc.nat(), { maxLength: 12 }),
        (items, extra, pretty, cuts) => {
          // Keys before and after `items`, strings full of quotes, backslashes, brackets and non-ASCII text.
          const { items: _, ...rest } = extra;
          const list = { metadata: { continue: '"}]\\' }, ...rest, items, tail: ["]", "}"] };
          const text = JSON.stringify(list, null, pretty ? 2 : undefined);
          const n = bytes(text).length;
          const got = split(
            text,
            cuts.map((c) => c % (n + 1)),
          );
          const parsed = JSON.parse(text);
          expect(got.items).toEqual(parsed.items);
          expect(got.head).toEqual({ ...parsed, items: [] });
        },
      ),
      { seed: 13, numRuns: 400 },
    );
  });

  it("reads an `items` key only at the top level, and a List without items", () => {
    const text = JSON.stringify({ metadata: { items: [{ a: 1 }] }, kind: "items", other: [{ b: 2 }] });
    expect(split(text)).toEqual({ items: [], head: JSON.parse(text) });
  });

  it("refuses a List cut short, items that are not objects, and JSON that is not an object", () => {
    expect(() => split('{"items":[{"a":1},{"b"')).toThrow(ListStreamError);
    expect(() => split('{"items":[1,2]}')).toThrow(ListStreamError);
    expect(() => split('["items"]')).toThrow();
    expect(() => split('{"items":[{"a":}]}')).toThrow(SyntaxError);
  });
});
