/**
 * How long the explorer takes to become usable on a big generated cluster: serves a synthetic snapshot with the
 * production build, opens `/` in headless Debian Chromium a few times, and times the pure pipeline in Node too.
 * Prints Markdown rows for the README.
 *   npx tsx --tsconfig tsconfig.json scripts/bench/explorer-scale.ts [--pods 2000 --nodes 50 --nads 20 --runs 3 --build]
 *     [--path "/?view=host&target=node-001"]   (the page to open; at 2,000 pods the cluster view is the overview matrix)
 */
import { type ChildProcess, spawn, spawnSync } from "node:child_process";
import { existsSync } from "node:fs";
import { mkdtemp, rm, writeFile } from "node:fs/promises";
import { createServer } from "node:net";
import { tmpdir } from "node:os";
import path from "node:path";
import { performance } from "node:perf_hooks";
import { fileURLToPath, pathToFileURL } from "node:url";
import { parseArgs } from "node:util";
import { type Browser, chromium } from "@playwright/test";
import type { Topology } from "@/lib/contract/schema";
import { snapshotFromObjects } from "@/lib/k8s/snapshot";
import { buildTopology } from "@/lib/topology/build";
import { syntheticCluster } from "@/testing/fixtures/synthetic-cluster";

/**
 * Ready = the graph reports data-layout="done" (on the graph element or, as the explorer does it now, on its
 * canvas inside) AND a React Flow node is visible; a page without data-layout is ready at its first visible node.
 */
const LAYOUT_SELECTOR = '[data-testid="graph"][data-layout], [data-testid="graph"] [data-layout]';
const READY_SELECTOR = '[data-testid="graph"][data-layout="done"], [data-testid="graph"] [data-layout="done"]';
const FALLBACK_SELECTOR = ".react-flow__node";
const ROOT = fileURLToPath(new URL("../..", import.meta.url)); // import.meta.dirname needs Node 20.11; engines say 20.9

const { values: opt } = parseArgs({
  options: {
    pods: { type: "string", default: "2000" },
    nodes: { type: "string", default: "50" },
    nads: { type: "string", default: "20" },
    runs: { type: "string", default: "3" },
    seed: { type: "string", default: "1" },
    build: { type: "boolean", default: false },
    path: { type: "string", default: "/" },
    screenshot: { type: "string", default: "/tmp/scale.png" },
    // seconds to wait for the API and for readiness: a layout at scale can take minutes on two cores
    timeout: { type: "string", default: "600" },
  },
});
const size = { pods: Number(opt.pods), nodes: Number(opt.nodes), nads: Number(opt.nads), seed: Number(opt.seed) };
const runs = Number(opt.runs);
const TIMEOUT_MS = Number(opt.timeout) * 1000;
if (!(runs >= 1 && size.pods >= 1 && size.nodes >= 1 && size.nads >= 1))
  throw new Error("--runs, --pods, --nodes and --nads must be ≥ 1");

const median = (xs: number[]): number => [...xs].sort((a, b) => a - b)[Math.floor((xs.length - 1) / 2)] ?? NaN;
const ms = (x: number): string => `${x.toFixed(x < 10 ? 1 : 0)} ms`;
const timeIt = (f: () => void): number => {
  const t = performance.now();
  f();
  return performance.now() - t;
};
const rows: [string, string][] = [];

// 1. The cluster, and the pure pipeline on it (what every API answer costs the server, minus I/O and JSON).
const objects = syntheticCluster(size);
const topology = buildTopology(snapshotFromObjects(objects));
const kinds = new Map<string, number>();
for (const e of topology.elements) kinds.set(e.kind, (kinds.get(e.kind) ?? 0) + 1);
rows.push([
  `generated (${size.nodes} nodes, ${size.pods} pods, ${size.nads} NADs, seed ${size.seed})`,
  `${objects.length} objects → ${topology.elements.length} elements (${[...kinds].map(([k, n]) => `${n} ${k}`).join(", ")}), ${topology.links.length} links, ${topology.findings.length} findings`,
]);
rows.push([
  "snapshotFromObjects + buildTopology (median of 5)",
  ms(median(Array.from({ length: 5 }, () => timeIt(() => buildTopology(snapshotFromObjects(objects)))))),
]);

// The filter module is being written alongside this script: import it by a computed path so the type check
// does not depend on it, and check its shape at run time.
type Criteria = { namespace?: string; network?: string; host?: string };
const filterFile = path.join(ROOT, "lib/match/filter.ts");
const filterMod: unknown = existsSync(filterFile) ? await import(pathToFileURL(filterFile).href) : null;
if (
  filterMod &&
  typeof filterMod === "object" &&
  "filterTopology" in filterMod &&
  typeof filterMod.filterTopology === "function"
) {
  const filterTopology = filterMod.filterTopology as (t: Topology, c: Criteria) => Topology;
  const net = topology.elements.find((e) => e.kind === "network");
  const host = topology.elements.find((e) => e.kind === "host");
  const cases: [string, Criteria][] = [
    ["namespace team-1", { namespace: "team-1" }],
    [
      `network ${net?.kind === "network" ? `${net.namespace}/${net.name}` : "?"}`,
      { network: net?.kind === "network" ? `${net.namespace}/${net.name}` : "" },
    ],
    [`host ${host?.name ?? "?"}`, { host: host?.name ?? "" }],
  ];
  for (const [label, c] of cases) {
    const kept = filterTopology(topology, c).elements.length;
    rows.push([
      `filterTopology by ${label} (median of 5)`,
      `${ms(median(Array.from({ length: 5 }, () => timeIt(() => filterTopology(topology, c)))))} (${kept} elements kept)`,
    ]);
  }
} else console.error("note: lib/match/filter.ts with filterTopology() not found; filter timings skipped");

// 2. The snapshot on disk and the production server on a free loopback port.
if (opt.build || !existsSync(path.join(ROOT, ".next/BUILD_ID"))) {
  console.error("building (next build)…");
  const b = spawnSync("npx", ["next", "build"], {
    cwd: ROOT,
    stdio: ["ignore", "ignore", "inherit"],
    env: { ...process.env, NEXT_TELEMETRY_DISABLED: "1" },
  });
  if (b.status !== 0) throw new Error(`next build failed (${b.status})`);
}
const dir = await mkdtemp(path.join(tmpdir(), "plumbline-scale-"));
const snapshotFile = path.join(dir, "cluster.json");
await writeFile(snapshotFile, JSON.stringify({ apiVersion: "v1", kind: "List", items: objects }));
const port = await new Promise<number>((resolve, reject) => {
  const s = createServer()
    .once("error", reject)
    .listen(0, "127.0.0.1", () => {
      const a = s.address();
      s.close(() => (a && typeof a === "object" ? resolve(a.port) : reject(new Error("no port"))));
    });
});
const base = `http://127.0.0.1:${port}`;
let server: ChildProcess | null = null;
let browser: Browser | null = null;
let serverLog = "";

/** npx → next → next-server: started in its own process group so the whole group can be ended by its id. */
async function cleanup(): Promise<void> {
  await browser?.close().catch(() => undefined);
  const pid = server?.pid;
  if (server && pid && server.exitCode === null && server.signalCode === null) {
    const exited = new Promise<void>((r) => server?.once("exit", () => r()));
    try {
      process.kill(-pid, "SIGTERM");
    } catch {
      /* already gone */
    }
    const ended = await Promise.race([
      exited.then(() => true),
      new Promise<boolean>((r) => setTimeout(() => r(false), 5000)),
    ]);
    if (!ended)
      try {
        process.kill(-pid, "SIGKILL");
      } catch {
        /* already gone */
      }
  }
  server = null;
  await rm(dir, { recursive: true, force: true });
}
let interrupted = false;
for (const sig of ["SIGINT", "SIGTERM", "SIGHUP"] as const)
  process.once(sig, () => {
    interrupted = true;
    void cleanup().finally(() => process.exit(130));
  });

/** count: the page's data-node-count (all nodes); dom: .react-flow__node elements (only visible ones at scale) */
declare global {
  interface Window {
    __ready?: { t: number; via: string; count: number; dom: number };
  }
}

try {
  server = spawn("npx", ["next", "start", "-H", "127.0.0.1", "-p", String(port)], {
    cwd: ROOT,
    detached: true,
    stdio: ["ignore", "pipe", "pipe"],
    env: {
      ...process.env,
      NEXT_TELEMETRY_DISABLED: "1",
      PLUMBLINE_SOURCE: "snapshot",
      PLUMBLINE_SNAPSHOT: snapshotFile,
    },
  });
  for (const s of [server.stdout, server.stderr])
    s?.on("data", (d: Buffer) => {
      serverLog = (serverLog + d.toString()).slice(-4000);
    });
  for (let t = Date.now(); ; await new Promise((r) => setTimeout(r, 250))) {
    if (server.exitCode !== null) throw new Error(`next start exited (${server.exitCode}):\n${serverLog}`);
    if (Date.now() - t > 60_000) throw new Error(`no /api/healthz after 60 s:\n${serverLog}`);
    if (
      await fetch(`${base}/api/healthz`).then(
        (r) => r.ok,
        () => false,
      )
    )
      break;
  }

  // Playwright's own SIGINT handler would exit(130) as soon as Chromium is gone, racing the server's cleanup.
  browser = await chromium.launch({
    executablePath: "/usr/bin/chromium",
    handleSIGINT: false,
    handleSIGTERM: false,
    handleSIGHUP: false,
    args: [
      "--no-sandbox",
      "--disable-gpu",
      "--disable-background-networking",
      "--disable-component-update",
      "--disable-sync",
      "--no-first-run",
    ],
  });
  type Run = {
    api: number;
    apiKB: number;
    ready: number;
    frame: number;
    interact: number;
    longest: number;
    loadLongest: number;
    via: string;
    count: number;
    dom: number;
  };
  const samples: Run[] = [];
  let cold: Run | null = null;
  for (let i = 0; i <= runs; i++) {
    const context = await browser.newContext({ viewport: { width: 1440, height: 900 } });
    const page = await context.newPage();
    // tsx compiles this file with keepNames, which wraps named functions in `__name(...)`; the page lacks it.
    await page.addInitScript("globalThis.__name = (f) => f;");
    page.on("pageerror", (e) => console.error(`page error: ${e.message}`));
    page.on("console", (m) => {
      if (m.type() === "error") console.error(`page console: ${m.text()}`);
    });
    // Runs in the page before its own scripts: stamps readiness with the page's clock (ms since navigation start)
    // and keeps every long task, so neither depends on how fast Playwright polls.
    await page.addInitScript(
      ([layout, ready, fallback]) => {
        const longTasks: PerformanceEntry[] = [];
        Object.assign(window, { __long: longTasks });
        new PerformanceObserver((l) => {
          longTasks.push(...l.getEntries());
        }).observe({ type: "longtask", buffered: true });
        const check = (): boolean => {
          const g = document.querySelector(layout); // the element that reports the layout state, if the page has one
          if (g && !g.matches(ready)) return false;
          if (!document.querySelector(fallback)?.checkVisibility({ visibilityProperty: true })) return false;
          const dom = document.querySelectorAll(fallback).length;
          window.__ready = {
            t: performance.now(),
            via: g ? "data-layout=done" : fallback,
            count: Number(g?.getAttribute("data-node-count") ?? dom),
            dom,
          };
          return true;
        };
        const mo = new MutationObserver(() => {
          if (check()) mo.disconnect();
        });
        mo.observe(document, { subtree: true, childList: true, attributes: true });
      },
      [LAYOUT_SELECTOR, READY_SELECTOR, FALLBACK_SELECTOR] as const,
    );
    // The explorer reads its view over the topology.view stream (older builds: the topology.get query); a stream
    // never finishes, so only a query's body is waited for.
    const apiAnswer = page.waitForResponse((r) => /topology\.(get|view)/.test(new URL(r.url()).pathname), {
      timeout: TIMEOUT_MS,
    });
    await page.goto(new URL(opt.path, base).href, { waitUntil: "commit" });
    await apiAnswer.then((r) => (r.url().includes("topology.get") ? r.finished() : null));
    const ready = await page
      .waitForFunction(() => window.__ready, undefined, { timeout: TIMEOUT_MS, polling: 100 })
      .then((h) => h.jsonValue());
    if (!ready) throw new Error("ready marker vanished");
    const frame = await page.evaluate(() => {
      const t = performance.now();
      return new Promise<number>((r) =>
        requestAnimationFrame(() => requestAnimationFrame(() => r(performance.now() - t))),
      );
    });
    // The API entry from the page's own resource timing: responseEnd is on the same clock as readiness.
    // (the cast: Node's and the DOM's PerformanceEntry types clash in this mixed file)
    const res = await page.evaluate(
      () =>
        (performance.getEntriesByType("resource") as unknown as PerformanceResourceTiming[])
          .filter((e) => e.name.includes("topology.get"))
          .map((e) => ({ end: e.responseEnd, bytes: e.decodedBodySize }))[0] ?? { end: NaN, bytes: NaN },
    );
    if (i === 1) await page.screenshot({ path: opt.screenshot }); // the first view a user gets, after the frame timing, before any zoom
    // Interactivity: click a node that is on screen, wheel-zoom over the graph, and wait for the next frame.
    const target = await page.evaluate((sel) => {
      const g = document.querySelector('[data-testid="graph"]')?.getBoundingClientRect();
      for (const n of document.querySelectorAll(sel)) {
        const r = n.getBoundingClientRect(),
          x = r.left + Math.min(r.width / 2, 20),
          y = r.top + Math.min(r.height / 2, 12);
        if (g && x > g.left && x < g.right && y > g.top && y < g.bottom)
          return { x, y, gx: (g.left + g.right) / 2, gy: (g.top + g.bottom) / 2 };
      }
      return null;
    }, FALLBACK_SELECTOR);
    const t0 = await page.evaluate(() => performance.now());
    if (target) {
      await page.mouse.click(target.x, target.y);
      await page.mouse.move(target.gx, target.gy);
      await page.mouse.wheel(0, -400);
    }
    const t1 = await page.evaluate(
      () => new Promise<number>((r) => requestAnimationFrame(() => requestAnimationFrame(() => r(performance.now())))),
    );
    // Longest main-thread task during the interaction, and before readiness (a long one there = a frozen page while loading).
    const [longest, loadLongest] = await page.evaluate(
      ([from, until]) => {
        const all = (window as unknown as { __long: PerformanceEntry[] }).__long;
        return [
          Math.max(0, ...all.filter((e) => e.startTime >= from).map((e) => e.duration)),
          Math.max(0, ...all.filter((e) => e.startTime < until).map((e) => e.duration)),
        ];
      },
      [t0, ready.t] as const,
    );
    const run: Run = {
      api: res.end,
      apiKB: res.bytes / 1024,
      ready: ready.t,
      frame,
      interact: target ? t1 - t0 : NaN,
      longest,
      loadLongest,
      via: ready.via,
      count: ready.count,
      dom: ready.dom,
    };
    console.error(
      `${i === 0 ? "cold" : `run ${i}`}: ${JSON.stringify(run, (_k, v: unknown) => (typeof v === "number" ? Math.round(v) : v))}`,
    );
    if (i > 0) samples.push(run);
    else cold = run;
    await context.close();
  }

  // The API alone from Node (server warm by now): size uncompressed and time to the last byte.
  const t = performance.now();
  const api = await fetch(`${base}/api/trpc/topology.get?input=%7B%7D`);
  const body = await api.text();
  rows.push([
    "API topology.get (warm, from Node)",
    // (a cluster over the whole answers' bound, LIMITS.wholeTopologyItems, is refused: its size is not the answer's)
    api.ok ? `${(body.length / 1024).toFixed(0)} KB, ${ms(performance.now() - t)}` : `refused, HTTP ${api.status}`,
  ]);
  const pick = (f: (r: Run) => number): number[] => samples.map(f);
  const summary = (xs: number[]): string =>
    `median ${ms(median(xs))}, min ${ms(Math.min(...xs))}, max ${ms(Math.max(...xs))}`;
  const first = samples[0];
  rows.push([
    `API answer in the page (nav start → response end, ${first ? first.apiKB.toFixed(0) : "?"} KB decoded)`,
    summary(pick((r) => r.api)),
  ]);
  rows.push([
    `time to interactive: nav start → graph ready (${first?.via ?? "?"}; ${first?.count ?? "?"} nodes, ${first?.dom ?? "?"} in the DOM), ${runs} runs`,
    `${summary(pick((r) => r.ready))}; longest main-thread task before ready: max ${ms(Math.max(...pick((r) => r.loadLongest)))}`,
  ]);
  rows.push(["then two frames (rAF×2) right after ready", summary(pick((r) => r.frame))]);
  rows.push([
    "click a node + wheel zoom → next frame; longest task during it",
    `${summary(pick((r) => r.interact))}; longest task max ${ms(Math.max(...pick((r) => r.longest)))}`,
  ]);
  if (cold)
    rows.push([
      "cold run (first browser, first API call on a fresh server)",
      `API ${ms(cold.api)}, ready ${ms(cold.ready)}, rAF×2 ${ms(cold.frame)}`,
    ]);
  console.log("| what | figure |\n| --- | --- |");
  for (const [k, v] of rows) console.log(`| ${k} | ${v} |`);
} catch (e) {
  if (!interrupted) throw e; // else: the browser closing under a run is expected, and the handler exits
} finally {
  await cleanup();
}
