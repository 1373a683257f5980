import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { LISTED_NAMES, namesWithMore } from "./names-list";

describe("namesWithMore", () => {
  it("lists a few names whole and says how many more a long list holds", () => {
    expect(namesWithMore(["a", "b"])).toBe("a, b");
    const nodes = Array.from({ length: 180 }, (_, i) => `node-${i}`);
    expect(namesWithMore(nodes)).toBe(`${nodes.slice(0, LISTED_NAMES).join(", ")} and 172 more`);
    expect(namesWithMore(nodes, Number.POSITIVE_INFINITY)).toBe(nodes.join(", "));
    expect(namesWithMore(["a", "a", "b"], 1, " and ")).toBe("a and 1 more");
  });

  it("names at most `listed` of them, and the names listed plus the count are every distinct name", () => {
    fc.assert(
      fc.property(fc.array(fc.stringMatching(/^[a-z0-9-]{1,12}$/), { maxLength: 60 }), fc.nat(20), (names, listed) => {
        const distinct = [...new Set(names)];
        const text = namesWithMore(names, listed);
        const more = /^(.*) and (\d+) more$/.exec(text);
        if (distinct.length <= listed) expect(text).toBe(distinct.join(", "));
        else {
          expect(more).not.toBeNull();
          expect(more?.[1]).toBe(distinct.slice(0, listed).join(", "));
          expect(Number(more?.[2])).toBe(distinct.length - listed);
        }
      }),
      { numRuns: 300 },
    );
  });
});
