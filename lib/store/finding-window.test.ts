import fc from "fast-check";
import { describe, expect, it } from "vitest";
import type { Finding } from "../contract/schema";
import { FINDINGS, isFindingCode } from "../findings/catalogue";
import { SEVERITY_RANK, type Severity } from "../findings/info";
import { findingKey } from "../wire/view-state";
import { findingWindow } from "./finding-window";

const codes = Object.keys(FINDINGS).filter(isFindingCode).slice(0, 3);
const finding: fc.Arbitrary<Finding> = fc.record({
  severity: fc.constantFrom<Severity>("error", "warning", "info"),
  code: fc.constantFrom(...codes),
  message: fc.constantFrom("a", "b", "c", "a longer one"),
  elements: fc.array(fc.constantFrom("pod:a/p1", "host:n1", "network:a/br"), { maxLength: 3 }),
});

describe("findingWindow", () => {
  it("holds the worst findings up to the limit, each once, and counts every distinct one by severity", () => {
    fc.assert(
      fc.property(fc.array(finding, { maxLength: 60 }), fc.integer({ min: 1, max: 40 }), (all, limit) => {
        const { findings, totals } = findingWindow(all, limit);
        const distinct = new Map(all.map((f) => [findingKey(f), f]));
        expect(totals.error + totals.warning + totals.info).toBe(distinct.size);
        for (const s of ["error", "warning", "info"] as const)
          expect(totals[s]).toBe([...distinct.values()].filter((f) => f.severity === s).length);
        expect(findings.length).toBe(Math.min(limit, distinct.size));
        const held = new Set(findings.map(findingKey));
        expect(held.size).toBe(findings.length);
        for (const k of held) expect(distinct.has(k)).toBe(true);
        // nothing left out is worse than anything held
        const worstLeft = Math.min(
          ...[...distinct].filter(([k]) => !held.has(k)).map(([, f]) => SEVERITY_RANK[f.severity]),
        );
        for (const f of findings) expect(SEVERITY_RANK[f.severity]).toBeLessThanOrEqual(worstLeft);
      }),
      { numRuns: 300, seed: 826 },
    );
  });

  it("keeps the same findings for the same set in another order (a delta compares like with like)", () => {
    fc.assert(
      fc.property(fc.array(finding, { maxLength: 40 }), fc.integer({ min: 1, max: 20 }), (all, limit) => {
        const a = findingWindow(all, limit).findings.map(findingKey).sort();
        const b = findingWindow([...all].reverse(), limit)
          .findings.map(findingKey)
          .sort();
        expect(b).toEqual(a);
      }),
      { numRuns: 200, seed: 827 },
    );
  });
});
