import fc from "fast-check";
import { describe, expect, it } from "vitest";
import type { Finding, TopologyElement } from "../contract/schema";
import { heldFindings } from "./held-findings";

/**
 * heldFindings keeps what it trimmed per finding and per set of held elements, and trims by looking the held ids up:
 * against the plain filter it replaced (the first element, and every element held, in the finding's order), for the
 * same findings asked again and again with sets that come back, change order, repeat ids or are let go.
 */

const plain = (findings: readonly Finding[], held: readonly TopologyElement[]): Finding[] => {
  const ids = new Set(held.map((e) => e.id));
  return findings.map((f) => {
    if (f.elements.length <= 8) return f;
    const elements = f.elements.filter((id, i) => i === 0 || ids.has(id));
    return elements.length === f.elements.length ? f : { ...f, elements };
  });
};

const id = fc.constantFrom(...Array.from({ length: 24 }, (_, i) => `host/n${i}`));
const finding = fc.record({
  severity: fc.constantFrom<Finding["severity"]>("error", "warning", "info"),
  code: fc.constant<Finding["code"]>("bridge-island-split"),
  message: fc.string({ maxLength: 4 }),
  // many name more than 8 (and may name one twice)
  elements: fc.array(id, { maxLength: 30 }),
});
const host = (i: string) => ({ id: i }) as TopologyElement;

describe("the findings an overview sends, trimmed to what it holds", () => {
  it("equal the plain filter, however often the same findings are asked with whatever sets", () => {
    fc.assert(
      fc.property(
        fc.array(finding, { maxLength: 8 }),
        fc.array(fc.array(id, { maxLength: 12 }), { minLength: 1, maxLength: 14 }),
        fc.array(fc.nat(), { minLength: 1, maxLength: 30 }),
        (findings, sets, asks) => {
          for (const a of asks) {
            const held = (sets[a % sets.length] ?? []).map(host);
            expect(heldFindings(findings, held)).toEqual(plain(findings, held));
            // the same set in another order is the same set
            expect(heldFindings(findings, [...held].reverse())).toEqual(plain(findings, held));
          }
        },
      ),
      { numRuns: 400, seed: 2614 },
    );
  });
});
