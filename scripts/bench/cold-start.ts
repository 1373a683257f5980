/**
 * Cold start against the raw LIST, in-process, interleaved run by run (LIST, cold, LIST, cold, …) so a loaded machine
 * weighs on both alike: a new live source → its first topology (store built and committed, overview ready), split
 * into "lists read" (the source's first round) and "after the lists" (what the store still had to do then), with the
 * process's CPU time in each; each run twice, as it runs (the store built after the last pod) and with
 * PLUMBLINE_STREAM_BUILD=true (the pods built into their shards as they stream in), each beside its own LIST.
 *   npx tsx --tsconfig tsconfig.json scripts/bench/cold-start.ts [--nodes 50 --pods 2000 --nads 20 --runs 5]
 *   … cold-start.ts --seed etcd     # the bed seeded straight into etcd on tmpfs (big-cluster.ts's seeder), not
 *                                    # through the API: for the maximum (--nodes 2000 --pods 150000 --nads 500)
 *   … cold-start.ts --kubeconfig F   # a bed already seeded (context admin); nothing is seeded or stopped
 *   … cold-start.ts --preload        # the in-process runs take their first Lists as the production server does:
 *                                    # sent and parsed on the preload's thread (early-preload-lists.mjs), handed to
 *                                    # this thread as batches of trimmed items (without it this thread parses them)
 *   … cold-start.ts --http           # also the production server (`npx next build` first): process started →
 *                                    # first message of the cluster view, a new process each run; once as it
 *                                    # runs (reading the cluster from its start, first LISTs before the client has
 *                                    # loaded), once with PLUMBLINE_EARLY_LISTS=false (the LISTs once it has), and
 *                                    # once with PLUMBLINE_READ_AT_START=false (reading at the first view), each
 *                                    # beside a LIST of its own; inside each server, when its pods LIST left
 *                                    # and was read and when Next was first required (a --require hook), and
 *                                    # its CPU until the first message: main thread, every thread (/proc)
 *   … cold-start.ts --http --reference DIR   # and DIR's production server (another commit's build, its own
 *                                    # scripts/start.sh) reading from its start, interleaved with this one's
 *   … cold-start.ts --http --modes start     # only these of start,late,view (the reference runs whenever given),
 *                                    # or stream/whole: as start, with PLUMBLINE_STREAM_BUILD=true / false
 *   … cold-start.ts --profile DIR    # CPU profiles of one in-process cold start each way before the runs, its two
 *                                    # phases apart (DIR/whole-lists, whole-after, stream-lists, stream-after
 *                                    # .cpuprofile; their time is the profiler's too: left out of the figures)
 * The full table (HTTP cold from process start, TTI, changes) is scripts/bench/big-cluster.ts.
 */
import { spawn } from "node:child_process";
import { openSync, readFileSync } from "node:fs";
import { Agent, request } from "node:https";
import { join } from "node:path";
import { parseArgs } from "node:util";
import { KubeConfig } from "@kubernetes/client-node";
import type { KubeObject } from "@/lib/k8s/objects";
import { preloadLists } from "@/server/sources/live/early-preload-lists.mjs";
import { type ListRead, listQuery, resourcePath, WATCHED } from "@/server/sources/live/resources";
import { SourceRegistry } from "@/server/sources/registry";
import { listEarly } from "@/server/startup";
import { feedOf } from "@/server/topology-feed";
import { syntheticCluster } from "@/testing/fixtures/synthetic-cluster";
import { startTestCluster, type TestCluster } from "../../testing/testbed/cluster";
import { freePort, median, mib, spread } from "./big/measure";
import { PhaseProfiler } from "./big/profile-phase";
import { seed } from "./big/seed";
import { seedEtcd } from "./big/seed-etcd";
import { subscribe } from "./big/sse";
import { type StartTimes, startTimesHook } from "./big/start-times";

const { values: opt } = parseArgs({
  options: {
    nodes: { type: "string", default: "50" },
    pods: { type: "string", default: "2000" },
    nads: { type: "string", default: "20" },
    runs: { type: "string", default: "5" },
    kubeconfig: { type: "string" },
    http: { type: "boolean", default: false },
    profile: { type: "string" },
    reference: { type: "string" },
    modes: { type: "string", default: "start,late,view" },
    seed: { type: "string", default: "api" },
    preload: { type: "boolean", default: false },
  },
});
const log = (s: string) => console.error(`[cold] ${s}`);
const runs = Number(opt.runs);

let cluster: TestCluster | null = null;
let kubeconfig = opt.kubeconfig;
let api: { close(): void } | null = null;
/** in-process cold starts as they run and with PLUMBLINE_STREAM_BUILD=true, each beside its own LIST */
const asRuns: InProcess[] = [];
const streamed: InProcess[] = [];
type HttpMode = "start" | "stream" | "whole" | "late" | "view" | "reference";
type HttpRun = {
  ms: number;
  list: number;
  cached: number;
  boot: number;
  times: Partial<StartTimes>;
  cpu: ServerCpu | null;
};
/** the server process's CPU time (ms) from its start to the first message: its main thread's, and every thread's */
type ServerCpu = { main: number; all: number };
/** HTTP cold starts: reading from the server's start / from its first view, each with its LIST and boot */
const https: Record<HttpMode, HttpRun[]> = { start: [], stream: [], whole: [], late: [], view: [], reference: [] };
const modes = [
  ...(["start", "stream", "whole", "late", "view"] as const).filter((m) => opt.modes.split(",").includes(m)),
  ...(opt.reference ? (["reference"] as const) : []),
];
let bytes = 0;
try {
  if (!kubeconfig) {
    const size = { nodes: Number(opt.nodes), pods: Number(opt.pods), nads: Number(opt.nads), seed: 1 };
    const objects = syntheticCluster(size) as KubeObject[];
    // etcd: straight into the API server's storage on tmpfs, as big-cluster.ts seeds (minutes less at 150,000 pods)
    cluster = await startTestCluster({ seed: false, benchEtcd: opt.seed === "etcd" });
    await (opt.seed === "etcd" ? seedEtcd(cluster, objects, log) : seed(cluster, objects, log));
    kubeconfig = cluster.kubeconfigPath;
  }
  const env = { PLUMBLINE_SOURCE: "kubeconfig", KUBECONFIG: kubeconfig, PLUMBLINE_CONTEXT: "admin" } as const;
  const registryOf = (stream = false) => new SourceRegistry({ ...env, PLUMBLINE_STREAM_BUILD: stream });
  // with --preload, what the production server does before its source starts: the preload's thread sends and parses
  // the biggest Lists (early-preload-lists.mjs), early-lists.ts sends the others and takes the preload's
  const before = opt.preload
    ? async () => {
        preloadLists(env);
        await listEarly(env);
      }
    : async () => {};
  const rawList = rawLister(kubeconfig);
  api = rawList;
  if (opt.profile)
    for (const stream of [false, true])
      await profiled(`${opt.profile}/${stream ? "stream" : "whole"}`, registryOf(stream), before);
  for (let i = 0; i < runs; i++) {
    for (const stream of [false, true]) {
      const l = await rawList.run("consistent");
      const c = await rawList.run("cache");
      bytes = l.bytes;
      const run = await inProcess(registryOf(stream), before);
      (stream ? streamed : asRuns).push({ ...run, list: l.ms, cached: c.ms });
      log(
        `run ${i + 1}${stream ? " (built as the pods stream in)" : ""}: LIST ${l.ms.toFixed(0)} ms (from the cache ${c.ms.toFixed(0)} ms), cold ${run.ms.toFixed(0)} ms (lists read at ${run.ready.toFixed(0)} ms; CPU ${run.cpuLists.toFixed(0)} + ${run.cpuAfter.toFixed(0)} ms, main thread ${run.mainLists.toFixed(0)} + ${run.mainAfter.toFixed(0)} ms)`,
      );
    }
    if (opt.http) {
      for (const at of modes) {
        const l2 = await rawList.run("consistent");
        const c2 = await rawList.run("cache");
        const h = await httpCold(kubeconfig, at);
        https[at].push({ ...h, list: l2.ms, cached: c2.ms });
        log(
          `run ${i + 1}: LIST ${l2.ms.toFixed(0)} ms, cold over HTTP reading at ${at} ${h.ms.toFixed(0)} ms (CPU: main thread ${h.cpu?.main} ms, every thread ${h.cpu?.all} ms)`,
        );
      }
    }
  }
} finally {
  console.log("\n| what | measured |\n|---|---|");
  for (const [rows, how] of [
    [asRuns, "as it runs (the store built after the last pod)"],
    [streamed, "with PLUMBLINE_STREAM_BUILD=true (the pods built into shards as they stream in)"],
  ] as const) {
    if (!rows.length) continue;
    const of = (f: (r: InProcess) => number) => spread(rows.map(f));
    console.log(
      `| raw LIST of every watched kind, in parallel (fetch + JSON.parse, ${mib(bytes)}), a consistent read | ${of((r) => r.list)} |`,
    );
    console.log(`| the same Lists with resourceVersion=0 (from the watch cache) | ${of((r) => r.cached)} |`);
    console.log(`| cold in-process, ${how}: new source → first topology + overview | ${of((r) => r.ms)} |`);
    console.log(`| … of which the source's first round (every list read) | ${of((r) => r.ready)} |`);
    console.log(
      `| … of which after the last list (store sync, shards, commit, overview) | ${of((r) => r.ms - r.ready)} |`,
    );
    console.log(
      `| … the process's CPU time until every list is read / after | ${of((r) => r.cpuLists)} / ${of((r) => r.cpuAfter)} |`,
    );
    console.log(
      `| … this (the main) thread's CPU time until every list is read / after | ${of((r) => r.mainLists)} / ${of((r) => r.mainAfter)} |`,
    );
    console.log(`| … cold / LIST of the same run | ${ratioText(rows.map((r) => r.ms / r.list))} |`);
    console.log(`| … cold / the cache's LIST of the same run | ${ratioText(rows.map((r) => r.ms / r.cached))} |`);
  }
  for (const [at, rows] of Object.entries(https)) {
    if (!rows.length) continue;
    const what = {
      start: "reading the cluster from its start, first LISTs before Next is required (the preload)",
      stream: "as start, with PLUMBLINE_STREAM_BUILD=true (the pods built into shards as they stream in)",
      whole: "as start, with PLUMBLINE_STREAM_BUILD=false (the store built after the last List)",
      late: "reading the cluster from its start, LISTs once the client has loaded (EARLY_LISTS=false)",
      view: "reading at its first view (READ_AT_START=false)",
      reference: `the reference (${opt.reference}) reading from its start`,
    }[at];
    console.log(
      `| cold over HTTP, ${what}: process started → the cluster view's first message | ${spread(rows.map((r) => r.ms))} |`,
    );
    console.log(`| … its boot (process started → health check answered) | ${spread(rows.map((r) => r.boot))} |`);
    console.log(`| … LIST of the same run | ${spread(rows.map((r) => r.list))} |`);
    console.log(`| … cold over HTTP / that LIST | ${ratioText(rows.map((r) => r.ms / r.list))} |`);
    console.log(`| … cold over HTTP / the cache's LIST | ${ratioText(rows.map((r) => r.ms / r.cached))} |`);
    const inside = (k: keyof StartTimes) => rows.map((r) => r.times[k] ?? NaN);
    console.log(
      `| … inside it: Next required / pods LIST sent / read | ${[inside("next"), inside("podsSent"), inside("podsRead")].map((x) => spread(x)).join(" / ")} |`,
    );
    const cpu = (k: keyof ServerCpu) => spread(rows.map((r) => r.cpu?.[k] ?? NaN));
    console.log(`| … its CPU until the first message: main thread / every thread | ${cpu("main")} / ${cpu("all")} |`);
  }
  api?.close();
  await cluster?.stop();
}

interface InProcess {
  list: number;
  cached: number;
  /** new source → first topology + overview, and → every list read */
  ms: number;
  ready: number;
  /** the process's CPU time (every thread) in each phase: what a loaded machine's wall clock cannot tell apart */
  cpuLists: number;
  cpuAfter: number;
  /** this thread's alone (the one that builds the store; with --preload, not the one that parses the Lists) */
  mainLists: number;
  mainAfter: number;
}

/** One in-process cold start: (with --preload, the preload's Lists sent, then) a new live source → its first topology and overview. */
async function inProcess(
  registry: SourceRegistry,
  before: () => Promise<void>,
): Promise<Omit<InProcess, "list" | "cached">> {
  const cpuMs = (u: NodeJS.CpuUsage) => (u.user + u.system) / 1000;
  const t = performance.now();
  const cpu0 = process.cpuUsage();
  const main0 = threadCpu(process.pid);
  await before();
  const lease = await registry.acquire({});
  await lease.source.ready();
  const ready = performance.now() - t;
  const cpu1 = cpuMs(process.cpuUsage(cpu0));
  const main1 = threadCpu(process.pid);
  const feed = feedOf(lease.source);
  await feed.current();
  feed.store.overview();
  const ms = performance.now() - t;
  const cpu2 = cpuMs(process.cpuUsage(cpu0));
  const main2 = threadCpu(process.pid);
  lease.release();
  await registry.closeAll();
  return { ms, ready, cpuLists: cpu1, cpuAfter: cpu2 - cpu1, mainLists: main1 - main0, mainAfter: main2 - main1 };
}

/** One cold start under the profiler, "lists read" and "after the lists" apart (printed and written to dir). */
async function profiled(dir: string, registry: SourceRegistry, before: () => Promise<void>): Promise<void> {
  let p = new PhaseProfiler();
  await p.start();
  await before();
  const lease = await registry.acquire({});
  await lease.source.ready();
  console.log([`profile ${dir}, until every list is read:`, ...(await p.stop(`${dir}-lists.cpuprofile`))].join("\n"));
  p = new PhaseProfiler();
  await p.start();
  const feed = feedOf(lease.source);
  await feed.current();
  feed.store.overview();
  console.log([`profile ${dir}, after the lists:`, ...(await p.stop(`${dir}-after.cpuprofile`))].join("\n"));
  lease.release();
  await registry.closeAll();
}

function ratioText(r: number[]): string {
  const f = (x: number | undefined) => `${x?.toFixed(2)}×`;
  return `median ${f(median(r))} (first ${f(r[0])}, min ${f(Math.min(...r))}, max ${f(Math.max(...r))}, n=${r.length})`;
}

/** The production server started on the bed: ms from its process's start to its health check / first message. */
async function httpCold(file: string, mode: HttpMode): Promise<Omit<HttpRun, "list" | "cached">> {
  const port = await freePort();
  const base = `http://127.0.0.1:${port}`;
  const hook = startTimesHook();
  const t = performance.now();
  const server = spawn("bash", [join(mode === "reference" ? (opt.reference ?? ".") : ".", "scripts/start.sh")], {
    env: {
      ...process.env,
      PLUMBLINE_SOURCE: "kubeconfig",
      KUBECONFIG: file,
      PLUMBLINE_CONTEXT: "admin",
      PORT: String(port),
      PLUMBLINE_READ_AT_START: String(mode !== "view"),
      PLUMBLINE_EARLY_LISTS: String(mode !== "late" && mode !== "view"),
      ...(mode === "stream" || mode === "whole" ? { PLUMBLINE_STREAM_BUILD: String(mode === "stream") } : {}),
      PLUMBLINE_NODE_ARGS: `${process.env.PLUMBLINE_NODE_ARGS ?? ""} ${hook.nodeArgs}`,
    },
    stdio: ["ignore", openSync("/tmp/cold-start-server.log", "w"), "inherit"],
    detached: true,
  });
  try {
    // The first request goes out as soon as the port answers, as a browser left waiting on it would.
    const deadline = Date.now() + 180_000;
    for (;;) {
      const up = await fetch(`${base}/api/healthz`).then(
        (r) => r.ok,
        () => false,
      );
      if (up) break;
      if (Date.now() > deadline || server.exitCode !== null) throw new Error("the server did not start");
      await new Promise((r) => setTimeout(r, 20));
    }
    const boot = performance.now() - t;
    const sub = subscribe(base, {});
    // (cleared once the first message came: a pending timer of each run held the process 3 minutes past its end)
    let timer: NodeJS.Timeout | undefined;
    const late = new Promise<never>((_, reject) => {
      timer = setTimeout(() => reject(new Error("no first message in 180 s")), 180_000);
    });
    try {
      const first = await Promise.race([sub.first, late]);
      return { ms: first.at - t, boot, times: hook.read(), cpu: serverCpu(server.pid) };
    } finally {
      clearTimeout(timer);
      sub.close();
    }
  } finally {
    if (server.pid) process.kill(-server.pid, "SIGTERM");
    await new Promise((r) => server.once("exit", r));
  }
}

/**
 * A process's CPU time so far (Linux's /proc; start.sh execs node, so the pid is the server's): its main thread's
 * (the one that loads Next, parses the Lists and builds the store) and every thread's. Unlike wall time on a loaded
 * machine it grows little with the load, so two builds' work can be told apart where their wall times cannot.
 */
function serverCpu(pid: number | undefined): ServerCpu | null {
  try {
    return pid ? { main: threadCpu(pid), all: procCpu(`/proc/${pid}/stat`) } : null;
  } catch {
    return null;
  }
}

/** A process's main thread's CPU time so far (ms; its thread id is its pid). */
function threadCpu(pid: number): number {
  return procCpu(`/proc/${pid}/task/${pid}/stat`);
}

function procCpu(file: string): number {
  // the fields after the command's name (which may hold spaces): utime and stime are the 12th and 13th, in ticks
  const f = readFileSync(file, "utf8").split(")").pop()?.trim().split(" ") ?? [];
  return ((Number(f[11]) + Number(f[12])) * 1000) / 100;
}

/** The reference: every watched kind listed in parallel over kept-alive connections, fetched and JSON.parsed. */
function rawLister(file: string) {
  const kc = new KubeConfig();
  kc.loadFromFile(file);
  kc.setCurrentContext("admin");
  const cluster = kc.getCurrentCluster();
  const ca = cluster?.caData ? Buffer.from(cluster.caData, "base64").toString() : undefined;
  const agent = new Agent({ keepAlive: true, ca });
  const get = (path: string) =>
    new Promise<string>((resolve, reject) => {
      const req = request(new URL(path, cluster?.server), {
        agent,
        headers: { authorization: `Bearer ${kc.getCurrentUser()?.token}`, accept: "application/json" },
      });
      req.on("response", (res) => {
        const chunks: Buffer[] = [];
        res.on("data", (d: Buffer) => chunks.push(d));
        res.on("end", () => resolve(Buffer.concat(chunks).toString()));
      });
      req.on("error", reject);
      req.end();
    });
  return {
    close: () => agent.destroy(),
    async run(read: ListRead): Promise<{ ms: number; bytes: number }> {
      const t = performance.now();
      const sizes = await Promise.all(
        WATCHED.map(async (r) => {
          const text = await get(`${resourcePath(r)}${listQuery(r, read)}`);
          JSON.parse(text);
          return Buffer.byteLength(text);
        }),
      );
      return { ms: performance.now() - t, bytes: sizes.reduce((a, b) => a + b, 0) };
    },
  };
}
