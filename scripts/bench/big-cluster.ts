/**
 * Big clusters, live (issues 13 and 26): for each size, a fresh test bed seeded with the generated cluster and one
 * table of every figure beside its goal and the raw LIST of the same run (scripts/bench/big/one-size.ts, in its own
 * process so one size's memory never weighs on the next). Prints the markdown tables for README and the wall time.
 *   npx tsx --tsconfig tsconfig.json scripts/bench/big-cluster.ts --size 20k,max [--runs 3] [--cpu-prof DIR]
 *   npx tsx --tsconfig tsconfig.json scripts/bench/big-cluster.ts --nodes 50 --pods 2000 --nads 20   # any size
 * `max` is OpenShift's documented maximum, 2,000 nodes / 150,000 pods (500 NADs), or the largest that this machine's
 * free memory holds (at least 60,000 pods; the table says what limited it). Needs `npx next build` first.
 */
import { spawn } from "node:child_process";
import { readFileSync } from "node:fs";
import path from "node:path";
import { parseArgs } from "node:util";

const { values: opt } = parseArgs({
  options: {
    size: { type: "string" },
    nodes: { type: "string" },
    pods: { type: "string" },
    nads: { type: "string" },
    runs: { type: "string", default: "3" },
    "cpu-prof": { type: "string" },
    seed: { type: "string", default: "etcd" },
  },
});

interface Size {
  label: string;
  nodes: number;
  pods: number;
  nads: number;
  max: boolean;
  note: string;
}

/** OpenShift's documented maximum (pods per cluster, nodes per cluster) and a NAD per 300 pods. */
const MAX = { nodes: 2000, pods: 150_000, nads: 500 };
const FLOOR = 60_000;
/**
 * What one pod costs the machine during a run at the maximum, all processes together: the API server's watch cache,
 * etcd and its data on tmpfs, Plumbline's server (20 subscribers) and this benchmark (the objects, the in-process cold
 * builds), Chromium. Measured at 150,000 pods (see README); the rest of the machine is left to others.
 */
const BYTES_PER_POD = 90 * 1024;
const FIXED = 1.5 * 2 ** 30;
const RESERVE = 3 * 2 ** 30;

const gib = (b: number) => `${(b / 2 ** 30).toFixed(1)} GiB`;
const memAvailable = () => Number(/MemAvailable:\s+(\d+)/.exec(readFileSync("/proc/meminfo", "utf8"))?.[1] ?? 0) * 1024;

/** The maximum, or the largest size the free memory holds (scaled down in proportion, in steps of 10,000 pods). */
function maxSize(): Size {
  const available = memAvailable();
  const fits = Math.floor((available - FIXED - RESERVE) / BYTES_PER_POD);
  const budget = `MemAvailable ${gib(available)}, ${BYTES_PER_POD / 1024} KiB per pod + ${gib(FIXED)}, ${gib(RESERVE)} left to the rest of the machine`;
  if (fits >= MAX.pods) return { label: "max", ...MAX, max: true, note: `OpenShift's maximum fits (${budget})` };
  const pods = Math.floor(fits / 10_000) * 10_000;
  if (pods < FLOOR) throw new Error(`max: only ${fits} pods fit (${budget}); at least ${FLOOR} are needed`);
  const scale = pods / MAX.pods;
  return {
    label: "max",
    pods,
    nodes: Math.round(MAX.nodes * scale),
    nads: Math.round(MAX.nads * scale),
    max: true,
    note: `limited by memory: ${pods} of OpenShift's ${MAX.pods} pods fit (${budget})`,
  };
}

const PRESETS: Record<string, () => Size> = {
  "2k": () => ({ label: "2k", nodes: 50, pods: 2000, nads: 20, max: false, note: "" }),
  "20k": () => ({ label: "20k", nodes: 500, pods: 20_000, nads: 200, max: false, note: "" }),
  max: maxSize,
};

function sizes(): Size[] {
  if (opt.pods) {
    const pods = Number(opt.pods);
    const custom = { nodes: Number(opt.nodes ?? 500), pods, nads: Number(opt.nads ?? 200) };
    return [{ label: `${pods}`, ...custom, max: pods > 20_000, note: "" }];
  }
  return (opt.size ?? "20k")
    .split(",")
    .map((s) => {
      const preset = PRESETS[s.trim()];
      if (!preset) throw new Error(`--size ${s}: one of ${Object.keys(PRESETS).join(", ")}`);
      return preset;
    })
    .map((make) => make());
}

/** One size in its own process; resolves with what it printed (its table). Its progress goes to stderr. */
function runOne(size: Size): Promise<{ out: string; code: number | null }> {
  const args = [
    "--nodes",
    `${size.nodes}`,
    "--pods",
    `${size.pods}`,
    "--nads",
    `${size.nads}`,
    "--runs",
    `${opt.runs}`,
  ];
  if (size.max) args.push("--max");
  args.push("--seed", opt.seed);
  if (opt["cpu-prof"]) args.push("--cpu-prof", path.join(opt["cpu-prof"], size.label));
  // The heap for 150,000 objects and the in-process cold builds beside them (Node's default stops near 4 GiB).
  const child = spawn(
    process.execPath,
    ["--max-old-space-size=12288", "--import", "tsx", path.join(import.meta.dirname, "big/one-size.ts"), ...args],
    { stdio: ["ignore", "pipe", "inherit"] },
  );
  let out = "";
  child.stdout.on("data", (d: Buffer) => {
    out += d.toString();
    process.stderr.write(d);
  });
  return new Promise((resolve) => child.once("exit", (code) => resolve({ out, code })));
}

const start = performance.now();
const results: string[] = [];
let failed = false;
for (const size of sizes()) {
  const t = performance.now();
  console.error(`[bench] ${size.label}: ${size.nodes} nodes, ${size.pods} pods, ${size.nads} NADs. ${size.note}`);
  const { out, code } = await runOne(size);
  failed ||= code !== 0;
  const wall = ((performance.now() - t) / 60_000).toFixed(1);
  const head = `### ${size.label}: ${size.nodes} nodes, ${size.pods} pods, ${size.nads} NADs`;
  results.push(
    `${head}\n\n${size.note ? `${size.note}.\n\n` : ""}${out.trim()}\n\nWall time of this size (seeding included): ${wall} min${code === 0 ? "" : `; it FAILED (exit ${code})`}.`,
  );
}
console.log(
  `\n${results.join("\n\n")}\n\nTotal wall time: ${((performance.now() - start) / 60_000).toFixed(1)} min; load average at the end: ${readFileSync("/proc/loadavg", "utf8").split(" ").slice(0, 3).join(" ")}.`,
);
process.exitCode = failed ? 1 : 0;
