import { describe, expect, it } from "vitest";
import { cpuMs, GROWTH_SHAPES, type GrowthMode, growthRun } from "@/testing/fixtures/growth-shapes";

/**
 * The growth suite (issue 25): every adversarial shape of testing/fixtures/growth-shapes.ts, in the full build, the
 * incremental store's cold start and (where a shape has one) one change, at 1k and at 10k in the same run. Not a
 * timed assertion: only the ratio of the two CPU times is judged, and against a bound far from both sides. n log n
 * gives ~13 from 1k to 10k (JIT warm-up and fixed costs make it less in practice, 3-15 on this code); a quadratic
 * stage gives 100. The bound, 40, fails a quadratic regression, not a busy machine. Speeds themselves are
 * measured by scripts/bench/growth.ts.
 */

const BOUND = 40;
const SMALL = 1_000;
const BIG = 10_000;

/** The least CPU time of `runs` calls: the least is the one a busy neighbour or a collection disturbed least. */
const least = (work: () => void, runs: number): number => Math.min(...Array.from({ length: runs }, () => cpuMs(work)));

describe(`growth from ${SMALL} to ${BIG}: within ${BOUND}× (n log n ~13, quadratic 100)`, () => {
  for (const shape of GROWTH_SHAPES) {
    const modes: (GrowthMode | "change")[] = shape.change ? [...shape.modes, "change"] : shape.modes;
    for (const mode of modes) {
      it(`${shape.name} (${mode})`, { timeout: 180_000 }, () => {
        const small = growthRun(shape, SMALL, mode);
        small(); // the JIT's first pass, not the stage's growth
        const t1 = least(small, 3);
        const big = growthRun(shape, BIG, mode);
        let t10 = cpuMs(big);
        // A second look only when the first is near the bound (a collection or a neighbour in that one run).
        if (t10 / t1 > BOUND / 2) t10 = Math.min(t10, cpuMs(big));
        const ratio = t10 / Math.max(t1, 0.5);
        expect(ratio, `${t1.toFixed(1)} ms at ${SMALL}, ${t10.toFixed(1)} ms at ${BIG}`).toBeLessThan(BOUND);
      });
    }
  }
});
