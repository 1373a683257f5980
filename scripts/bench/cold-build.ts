/**
 * The cold start's build after the last list, alone, in process, no network: the synthetic cluster's objects stamped
 * as the live source stamps them (its annotations parsed as the List streams in), then what the feed does once the
 * first round is in — a new store's sync, its shards a few per step, commit, the overview. CPU and wall time per
 * stage, and the garbage collector's pauses; with `--reference DIR` (another checkout: its lib/ is imported into this
 * same process) both builds run interleaved, run by run, so a loaded machine weighs on both alike.
 *   npx tsx --tsconfig tsconfig.json scripts/bench/cold-build.ts [--nodes 500 --pods 20000 --nads 200 --runs 7]
 *   … cold-build.ts --reference /work/ref-cold   # main's lib beside this one's
 *   … cold-build.ts --profile DIR                # one more run of each, CPU-profiled (top frames printed)
 * The live cold start over the real API server is cold-start.ts; this is the fast loop for the build itself.
 */
import { mkdirSync } from "node:fs";
import { loadavg } from "node:os";
import { join, resolve } from "node:path";
import { PerformanceObserver } from "node:perf_hooks";
import { parseArgs } from "node:util";
import type { KubeObject } from "@/lib/k8s/objects";
import { snapshotFromObjects } from "@/lib/k8s/snapshot";
import { syntheticCluster } from "@/testing/fixtures/synthetic-cluster";
import { median } from "./big/measure";
import { PhaseProfiler } from "./big/profile-phase";

const { values: opt } = parseArgs({
  options: {
    nodes: { type: "string", default: "500" },
    pods: { type: "string", default: "20000" },
    nads: { type: "string", default: "200" },
    runs: { type: "string", default: "7" },
    reference: { type: "string" },
    profile: { type: "string" },
  },
});

interface Store {
  sync(snap: unknown): void;
  step(budget?: number): boolean;
  commit(): unknown;
  overview(): unknown;
}
interface Side {
  name: string;
  Store: new () => Store;
  parse: (pod: KubeObject) => unknown;
}
async function side(name: string, dir: string): Promise<Side> {
  const store = await import(join(dir, "lib/store/store.ts"));
  const annotations = await import(join(dir, "lib/topology/pod-annotations.ts"));
  return { name, Store: store.TopologyStore, parse: annotations.parsedAnnotations };
}
const sides = [await side("this", resolve("."))];
if (opt.reference) sides.push(await side("reference", resolve(opt.reference)));

const size = { nodes: Number(opt.nodes), pods: Number(opt.pods), nads: Number(opt.nads), seed: 1 };
/** fresh objects every run (a new List's), stamped and their annotations parsed, as the live source hands them over */
function input(s: Side) {
  const snap = snapshotFromObjects(syntheticCluster(size));
  for (const pod of snap.pods) s.parse(pod);
  return snap;
}

let gcMs = 0;
let gcs = 0;
new PerformanceObserver((list) => {
  for (const e of list.getEntries()) {
    gcMs += e.duration;
    gcs++;
  }
}).observe({ entryTypes: ["gc"] });

const STAGES = ["sync", "shards", "commit", "overview"] as const;
type Run = Record<(typeof STAGES)[number] | "wall" | "cpu" | "gc" | "gcs", number>;
const cpu = () => {
  const u = process.cpuUsage();
  return (u.user + u.system) / 1000;
};
/** the feed's own order: sync, 4 shards per turn (topology-feed.ts), commit, then the overview the cluster view sends */
async function build(s: Side): Promise<Run> {
  const snap = input(s);
  (globalThis as { gc?: () => void }).gc?.();
  const store = new s.Store();
  const g0 = gcMs;
  const n0 = gcs;
  const c0 = cpu();
  const t0 = performance.now();
  store.sync(snap);
  const t1 = performance.now();
  while (store.step(4)) {}
  const t2 = performance.now();
  store.commit();
  const t3 = performance.now();
  store.overview();
  const t4 = performance.now();
  const c1 = cpu();
  // the collector's entries reach the observer on a later turn
  await new Promise((r) => setTimeout(r, 50));
  return {
    sync: t1 - t0,
    shards: t2 - t1,
    commit: t3 - t2,
    overview: t4 - t3,
    wall: t4 - t0,
    cpu: c1 - c0,
    gc: gcMs - g0,
    gcs: gcs - n0,
  };
}

const runs = Number(opt.runs);
const results = new Map<string, Run[]>(sides.map((s) => [s.name, []]));
const loads: number[] = [];
console.error(
  `[cold-build] ${size.nodes} nodes, ${size.pods} pods, ${size.nads} NADs; load ${(loadavg()[0] ?? 0).toFixed(1)}`,
);
for (let i = 0; i < runs; i++) {
  // alternate which goes first, so neither always meets the other's garbage
  for (const s of i % 2 ? [...sides].reverse() : sides) {
    const r = await build(s);
    results.get(s.name)?.push(r);
    loads.push(loadavg()[0] ?? 0);
    console.error(
      `[cold-build] run ${i + 1} ${s.name}: wall ${r.wall.toFixed(0)} ms, CPU ${r.cpu.toFixed(0)} ms (sync ${r.sync.toFixed(0)}, shards ${r.shards.toFixed(0)}, commit ${r.commit.toFixed(0)}, overview ${r.overview.toFixed(0)}; GC ${r.gc.toFixed(0)} ms in ${r.gcs})`,
    );
  }
}

const fmt = (xs: number[]) => `${median(xs).toFixed(0)} (${Math.min(...xs).toFixed(0)}–${Math.max(...xs).toFixed(0)})`;
console.log(
  `\nload average ${Math.min(...loads).toFixed(1)}–${Math.max(...loads).toFixed(1)}; ms, median (min–max) of ${runs}; peak RSS ${(process.resourceUsage().maxRSS / 1024).toFixed(0)} MiB`,
);
console.log(`| ms | ${sides.map((s) => s.name).join(" | ")} |`);
console.log(`|---|${sides.map(() => "---:").join("|")}|`);
for (const k of ["wall", "cpu", ...STAGES, "gc", "gcs"] as const) {
  console.log(`| ${k} | ${sides.map((s) => fmt((results.get(s.name) ?? []).map((r) => r[k]))).join(" | ")} |`);
}
if (sides.length === 2) {
  const a = results.get("this") ?? [];
  const b = results.get("reference") ?? [];
  const ratios = (k: keyof Run) => a.map((r, i) => r[k] / (b[i]?.[k] ?? Number.NaN));
  console.log(`| this / reference, run by run: wall | ${fmt(ratios("wall").map((x) => x * 100))} % | |`);
  console.log(`| this / reference, run by run: CPU | ${fmt(ratios("cpu").map((x) => x * 100))} % | |`);
}

if (opt.profile) {
  mkdirSync(opt.profile, { recursive: true });
  for (const s of sides) {
    const snap = input(s);
    (globalThis as { gc?: () => void }).gc?.();
    const p = new PhaseProfiler();
    await p.start();
    const store = new s.Store();
    store.sync(snap);
    while (store.step(4)) {}
    store.commit();
    store.overview();
    const rows = await p.stop(join(opt.profile, `build-${s.name}.cpuprofile`));
    console.log(`\n${s.name}:\n${rows.join("\n")}`);
  }
}
