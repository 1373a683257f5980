/**
 * How the topology build and the incremental store grow with their input, over the adversarial shapes of issues 11
 * and 25 and one realistic cluster (testing/fixtures/growth-shapes.ts).
 *   npx tsx --tsconfig tsconfig.json scripts/bench/growth.ts [sizes, default 1000,10000,100000] [shape name part] [mode]
 * Prints CPU ms per size (median of 3; one run at 100k and up) and the ratio per tenfold size: n log n gives ~13 from
 * 1k to 10k and ~12.5 from 10k to 100k, a quadratic stage 100. Speed is measured here, never asserted in tests (the
 * growth suite compares ratios, lib/topology/growth.test.ts).
 * Modes: build (buildTopology), store (the incremental store's cold start: sync + flush), text (dot + mermaid),
 * change (one change synced into a warm store).
 */
import { cpuMs, GROWTH_SHAPES, type GrowthMode, growthRun } from "@/testing/fixtures/growth-shapes";

function time(run: () => void, repeats: number): number {
  const runs: number[] = [];
  for (let i = 0; i < repeats; i++) runs.push(cpuMs(run));
  return runs.sort((a, b) => a - b)[Math.floor(runs.length / 2)] ?? Number.NaN;
}

const sizes = (process.argv[2] ?? "1000,10000,100000").split(",").map(Number);
const only = process.argv[3];
const onlyMode = process.argv[4];
const fmt = (ms: number): string => (ms < 10 ? ms.toFixed(1) : Math.round(ms).toLocaleString("en"));
console.log(`| shape | stage | ${sizes.map((n) => `${n.toLocaleString("en")} (ms)`).join(" | ")} | ratio per ×10 |`);
console.log(`|---|---|${sizes.map(() => "---:").join("|")}|---|`);
for (const shape of GROWTH_SHAPES) {
  if (only && !shape.name.includes(only)) continue;
  const modes: (GrowthMode | "change")[] = shape.change ? [...shape.modes, "change"] : shape.modes;
  for (const mode of modes) {
    if (onlyMode && mode !== onlyMode) continue;
    const ms = sizes.map((n) => time(growthRun(shape, n, mode), n >= 100_000 ? 1 : 3));
    const ratios = ms.slice(1).map((m, i) => (m / (ms[i] ?? Number.NaN)).toFixed(1));
    console.log(`| ${shape.name} | ${mode} | ${ms.map(fmt).join(" | ")} | ${ratios.join(", ")} |`);
  }
}
