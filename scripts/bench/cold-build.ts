/**
 * The cold start's build after the last list, alone, in process, no network: the synthetic cluster's objects stamped
 * as the live source stamps them (its annotations parsed as the List streams in), then what the feed does once the
 * first round is in — a new store's sync, its shards a few per step, commit, the overview. CPU and wall time per
 * stage, and the garbage collector's pauses; with `--reference DIR` (another checkout: its lib/ is imported into this
 * same process) both builds run interleaved, run by run, so a loaded machine weighs on both alike.
 *   npx tsx --tsconfig tsconfig.json scripts/bench/cold-build.ts [--nodes 500 --pods 20000 --nads 200 --runs 7]
 *   … cold-build.ts --reference /work/ref-cold   # main's lib beside this one's
 *   … cold-build.ts --profile DIR                # one more run of each, CPU-profiled (top frames printed)
 *   … cold-build.ts --node-flags=--max-semi-space-size=64 [--node-flags=…]
 *       # V8's flags are per process: this lib's build in a child per run and flag set, node's defaults beside them,
 *       # alternated run by run (peak RSS is each child's)
 * The live cold start over the real API server is cold-start.ts; this is the fast loop for the build itself.
 */
import { spawnSync } from "node:child_process";
import { mkdirSync } from "node:fs";
import { loadavg } from "node:os";
import { join, resolve } from "node:path";
import { constants, PerformanceObserver } from "node:perf_hooks";
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
    "node-flags": { type: "string", multiple: true },
    /** a child of --node-flags: one run, its figures as one JSON line */
    child: { type: "boolean" },
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
/** the pauses of the young generation's scavenges apart: the semi-space size (--max-semi-space-size) moves those */
let minorMs = 0;
new PerformanceObserver((list) => {
  for (const e of list.getEntries()) {
    gcMs += e.duration;
    gcs++;
    if ((e as { detail?: { kind?: number } }).detail?.kind === constants.NODE_PERFORMANCE_GC_MINOR)
      minorMs += e.duration;
  }
}).observe({ entryTypes: ["gc"] });

const STAGES = ["sync", "shards", "commit", "overview"] as const;
type Run = Record<(typeof STAGES)[number] | "wall" | "cpu" | "gc" | "gcs" | "scavenges", number>;
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
  const m0 = minorMs;
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
    scavenges: minorMs - m0,
  };
}

const runs = Number(opt.runs);
const results = new Map<string, Run[]>();
const rss = new Map<string, number[]>();
const loads: number[] = [];
/** one run of this lib's build in a child with these V8 flags: its figures and its peak RSS */
function childRun(flags: string): Run & { rssMiB: number } {
  const args = [...flags.split(" ").filter(Boolean), "--expose-gc", ...process.execArgv, process.argv[1] ?? ""];
  const own = ["--nodes", opt.nodes, "--pods", opt.pods, "--nads", opt.nads, "--child"];
  const out = spawnSync(process.execPath, [...args, ...own], {
    encoding: "utf8",
    env: { ...process.env, NODE_OPTIONS: "" },
  });
  const line = out.stdout.trim().split("\n").pop() ?? "";
  if (out.status !== 0 || !line.startsWith("{"))
    throw new Error(`child (${flags || "defaults"}) failed: ${out.stderr}`);
  return JSON.parse(line);
}
if (opt.child) {
  const r = await build(sides[0] as Side);
  console.log(JSON.stringify({ ...r, rssMiB: process.resourceUsage().maxRSS / 1024 }));
  process.exit(0);
}
const variants = opt["node-flags"] ? ["", ...opt["node-flags"]] : null;
const names = variants ? variants.map((f) => f || "defaults") : sides.map((s) => s.name);
for (const n of names) results.set(n, []);
console.error(
  `[cold-build] ${size.nodes} nodes, ${size.pods} pods, ${size.nads} NADs; load ${(loadavg()[0] ?? 0).toFixed(1)}`,
);
for (let i = 0; i < runs; i++) {
  // alternate which goes first, so neither always meets the other's garbage (or the machine's same moment)
  const order = names.map((_, j) => j);
  for (const j of i % 2 ? order.reverse() : order) {
    const name = names[j] ?? "";
    let r: Run;
    if (variants) {
      const c = childRun(variants[j] ?? "");
      rss.set(name, [...(rss.get(name) ?? []), c.rssMiB]);
      r = c;
    } else r = await build(sides[j] as Side);
    results.get(name)?.push(r);
    loads.push(loadavg()[0] ?? 0);
    console.error(
      `[cold-build] run ${i + 1} ${name}: wall ${r.wall.toFixed(0)} ms, CPU ${r.cpu.toFixed(0)} ms (sync ${r.sync.toFixed(0)}, shards ${r.shards.toFixed(0)}, commit ${r.commit.toFixed(0)}, overview ${r.overview.toFixed(0)}; GC ${r.gc.toFixed(0)} ms in ${r.gcs}, scavenges ${r.scavenges.toFixed(0)} ms)`,
    );
  }
}

const fmt = (xs: number[]) => `${median(xs).toFixed(0)} (${Math.min(...xs).toFixed(0)}–${Math.max(...xs).toFixed(0)})`;
const peak = variants ? "each child's below" : `${(process.resourceUsage().maxRSS / 1024).toFixed(0)} MiB`;
console.log(
  `\nload average ${Math.min(...loads).toFixed(1)}–${Math.max(...loads).toFixed(1)}; ms, median (min–max) of ${runs}; peak RSS ${peak}`,
);
console.log(`| ms | ${names.join(" | ")} |`);
console.log(`|---|${names.map(() => "---:").join("|")}|`);
for (const k of ["wall", "cpu", ...STAGES, "gc", "scavenges", "gcs"] as const) {
  console.log(`| ${k} | ${names.map((n) => fmt((results.get(n) ?? []).map((r) => r[k]))).join(" | ")} |`);
}
if (variants) console.log(`| peak RSS, MiB | ${names.map((n) => fmt(rss.get(n) ?? [])).join(" | ")} |`);
if (names.length === 2) {
  // the variant over its baseline: this over the reference, a flag set over node's defaults
  const [over, under] = variants ? [names[1], names[0]] : [names[0], names[1]];
  const a = results.get(over ?? "") ?? [];
  const b = results.get(under ?? "") ?? [];
  const ratios = (k: keyof Run) => a.map((r, i) => r[k] / (b[i]?.[k] ?? Number.NaN));
  const what = `${over} / ${under}, run by run`;
  console.log(`| ${what}: wall | ${fmt(ratios("wall").map((x) => x * 100))} % | |`);
  console.log(`| ${what}: CPU | ${fmt(ratios("cpu").map((x) => x * 100))} % | |`);
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
