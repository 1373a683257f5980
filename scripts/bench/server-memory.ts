/**
 * Where the production server's peak RSS happens (issue 26): one test bed seeded with the generated cluster, then the
 * server started cold and taken through the big-cluster run's steps one by one — boot, the cluster view's first
 * message, the JSON export (as the build's page asks it: the streamed /api/export/topology, or before it the
 * tRPC query topology.get), 19 other distinct views, the first search (which builds the search index), then what any
 * signed-in API client may do: --api-callers (4) tRPC topology.get queries at once, each read as it comes — with its
 * VmRSS and VmHWM read after each step and sampled every 100 ms. With --reference DIR, DIR's production server (another
 * commit's build) is run the same way against the same bed, interleaved, run by run.
 *   npx tsx --tsconfig tsconfig.json scripts/bench/server-memory.ts --nodes 800 --pods 60000 --nads 200 --runs 2 \
 *     [--reference DIR] [--port 3930] [--snapshot]
 * Needs `npx next build` here (and in DIR) and the test bed's binaries (testing/testbed/ensure-deps.sh); with
 * --snapshot the cluster is served from a file instead (no test bed; the file's JSON must stay under 256 MiB).
 */
import { type ChildProcess, spawn } from "node:child_process";
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { loadavg, tmpdir } from "node:os";
import path from "node:path";
import { parseArgs } from "node:util";
import type { KubeObject } from "@/lib/k8s/objects";
import { syntheticCluster } from "@/testing/fixtures/synthetic-cluster";
import { startTestCluster } from "../../testing/testbed/cluster";
import { exportBytes } from "./big/export-bytes";
import { median, mib, secs } from "./big/measure";
import { memOf } from "./big/memory";
import { distinctViews } from "./big/rounds";
import { seedEtcd } from "./big/seed-etcd";
import { subscribe } from "./big/sse";

const { values: opt } = parseArgs({
  options: {
    nodes: { type: "string", default: "800" },
    pods: { type: "string", default: "60000" },
    nads: { type: "string", default: "200" },
    runs: { type: "string", default: "2" },
    reference: { type: "string" },
    port: { type: "string", default: "3930" },
    snapshot: { type: "boolean", default: false },
    "api-callers": { type: "string", default: "4" },
  },
});
const size = { nodes: Number(opt.nodes), pods: Number(opt.pods), nads: Number(opt.nads), seed: 1 };
const log = (s: string) => console.error(`[mem] ${new Date().toISOString().slice(11, 19)} ${s}`);
const load = () =>
  loadavg()
    .map((l) => l.toFixed(1))
    .join(" ");
const objects = syntheticCluster(size) as KubeObject[];
const pod = objects.find((o) => o.kind === "Pod") as KubeObject;
const callers = Number(opt["api-callers"]);
const STEPS = [
  "boot",
  "cold: cluster view",
  "export",
  "+19 views",
  "first search",
  "API: topology.get at once",
] as const;
type Step = (typeof STEPS)[number];

interface Run {
  /** VmHWM and VmRSS after each step */
  after: Map<Step, { peak: number; now: number }>;
  /** the step during which the highest sample was taken */
  peakStep: Step;
  /** process started → the cluster view's first message, ms */
  cold: number;
}

// --snapshot: the cluster served from a file (PLUMBLINE_SOURCE=snapshot), where the test bed is not built or busy
const snapshotDir = opt.snapshot ? mkdtempSync(path.join(tmpdir(), "plumbline-mem-")) : null;
const cluster = snapshotDir ? null : await startTestCluster({ seed: false, benchEtcd: true });
const sourceEnv: Record<string, string> = {};
/** the server running now, stopped if the run fails */
const running: { proc: ChildProcess | null } = { proc: null };
try {
  if (cluster) {
    await seedEtcd(cluster, objects, log);
    Object.assign(sourceEnv, {
      PLUMBLINE_SOURCE: "kubeconfig",
      KUBECONFIG: cluster.kubeconfigPath,
      PLUMBLINE_CONTEXT: "admin",
    });
  } else if (snapshotDir) {
    const file = path.join(snapshotDir, "cluster.json");
    writeFileSync(file, JSON.stringify({ apiVersion: "v1", kind: "List", items: objects }));
    Object.assign(sourceEnv, { PLUMBLINE_SOURCE: "snapshot", PLUMBLINE_SNAPSHOT: file });
  }
  const builds: [string, string][] = [["this", process.cwd()]];
  if (opt.reference) builds.push(["reference", path.resolve(opt.reference)]);
  const runs = new Map<string, Run[]>(builds.map(([label]) => [label, []]));
  for (let i = 0; i < Number(opt.runs); i++) {
    // interleaved, the order turned each run: neither build always meets the machine first
    for (const [label, dir] of i % 2 === 0 ? builds : [...builds].reverse()) {
      log(`run ${i + 1}, ${label} (load ${load()})`);
      runs.get(label)?.push(await oneRun(dir));
    }
  }
  console.log(
    `\n${size.nodes} nodes, ${size.pods} pods, ${size.nads} NADs; ${opt.runs} runs; load now ${load()}; VmHWM after each step, median (min–max) MiB\n`,
  );
  console.log(`| step | ${builds.map(([l]) => l).join(" | ")} |`);
  console.log(`|---|${builds.map(() => "---|").join("")}`);
  for (const step of STEPS) {
    const cells = builds.map(([label]) => {
      const peaks = (runs.get(label) ?? []).map((r) => r.after.get(step)?.peak ?? 0);
      const nows = (runs.get(label) ?? []).map((r) => r.after.get(step)?.now ?? 0);
      return `${mib(median(peaks))} (${mib(Math.min(...peaks))}–${mib(Math.max(...peaks))}); RSS now ${mib(median(nows))}`;
    });
    console.log(`| ${step} | ${cells.join(" | ")} |`);
  }
  const colds = builds.map(([label]) => (runs.get(label) ?? []).map((r) => r.cold));
  console.log(
    `| process started → cluster view's first message | ${colds.map((c) => `${secs(median(c))} (${c.map(secs).join(", ")})`).join(" | ")} |`,
  );
  console.log(
    `| the step of the peak | ${builds.map(([label]) => (runs.get(label) ?? []).map((r) => r.peakStep).join(", ")).join(" | ")} |`,
  );
} finally {
  if (running.proc?.pid) process.kill(-running.proc.pid, "SIGTERM");
  await cluster?.stop();
  if (snapshotDir) rmSync(snapshotDir, { recursive: true, force: true });
}

/** One cold server from `dir` through every step; stopped at the end. */
async function oneRun(dir: string): Promise<Run> {
  const port = Number(opt.port);
  const base = `http://127.0.0.1:${port}`;
  const started = performance.now();
  const proc = spawn("bash", ["scripts/start.sh"], {
    cwd: dir,
    env: {
      ...process.env,
      ...sourceEnv,
      PORT: String(port),
      NODE_OPTIONS: "",
    },
    stdio: "ignore",
    detached: true,
  });
  running.proc = proc;
  const after = new Map<Step, { peak: number; now: number }>();
  let step: Step = "boot";
  let top = 0;
  let peakStep: Step = "boot";
  const sampler = setInterval(() => {
    try {
      const { now } = memOf(proc.pid ?? 0);
      if (now > top) [top, peakStep] = [now, step];
    } catch {
      // not started yet, or gone
    }
  }, 100);
  const done = (s: Step) => {
    const m = memOf(proc.pid ?? 0);
    after.set(s, m);
    if (m.peak > top) [top, peakStep] = [m.peak, s];
    log(`${s}: VmHWM ${mib(m.peak)}, VmRSS ${mib(m.now)}`);
  };
  try {
    while (
      !(await fetch(`${base}/api/healthz`).then(
        (r) => r.ok,
        () => false,
      ))
    ) {
      if (proc.exitCode !== null) throw new Error(`the server in ${dir} did not start`);
      await new Promise((r) => setTimeout(r, 20));
    }
    done(step);
    step = "cold: cluster view";
    const held = subscribe(base, {});
    const cold = (await held.first).at - started;
    done(step);
    step = "export";
    const exported = await exportBytes(base);
    if (exported < 1000) throw new Error("the export is empty");
    done(step);
    step = "+19 views";
    const others = distinctViews(objects, pod, 19).map((v) => subscribe(base, v));
    for (const s of others) await s.first;
    done(step);
    step = "first search";
    const q = encodeURIComponent(JSON.stringify({ q: pod.metadata.name }));
    const hits = await fetch(`${base}/api/trpc/topology.search?input=${q}`).then((r) => r.text());
    if (!hits.includes(pod.metadata.name)) throw new Error(`the search found nothing: ${hits.slice(0, 200)}`);
    done(step);
    step = "API: topology.get at once";
    const answers = await Promise.all(Array.from({ length: callers }, () => wholeQuery(base)));
    log(`${callers} × topology.get: ${answers.map((a) => `${a.status} ${mib(a.bytes)}`).join(", ")}`);
    done(step);
    for (const s of [held, ...others]) s.close();
    return { after, peakStep, cold };
  } finally {
    clearInterval(sampler);
    const exited = new Promise((r) => proc.once("exit", r));
    if (proc.pid) process.kill(-proc.pid, "SIGTERM");
    await exited;
    running.proc = null;
  }
}

/** One API client's tRPC query for the whole topology, read as it comes (only its length kept): status and bytes. */
async function wholeQuery(base: string): Promise<{ status: number; bytes: number }> {
  const res = await fetch(`${base}/api/trpc/topology.get?input=%7B%7D`);
  let bytes = 0;
  for await (const chunk of res.body ?? []) bytes += chunk.byteLength;
  return { status: res.status, bytes };
}
