/**
 * Big clusters, live, one size: seeds the real test bed (kube-apiserver + etcd) with the generated cluster and prints,
 * in one run, the raw LIST of every watched kind beside what Plumbline does with the same objects, each row beside its
 * goal (issue 26). Run through scripts/bench/big-cluster.ts (sizes, the memory check at the maximum, the wall time):
 *   npx tsx --tsconfig tsconfig.json scripts/bench/big/one-size.ts --nodes 500 --pods 20000 --nads 200 --runs 3
 *     [--max] [--cpu-prof DIR]
 * Needs a production build (`npx next build`) and the test bed's binaries (testing/testbed/ensure-deps.sh).
 */
import { type ChildProcess, spawn } from "node:child_process";
import { mkdirSync, openSync } from "node:fs";
import { parseArgs } from "node:util";
import { chromium } from "@playwright/test";
import type { KubeObject } from "@/lib/k8s/objects";
import { SourceRegistry } from "@/server/sources/registry";
import { feedOf } from "@/server/topology-feed";
import { syntheticCluster } from "@/testing/fixtures/synthetic-cluster";
import { startTestCluster } from "../../../testing/testbed/cluster";
import { exportBytes } from "./export-bytes";
import { freePort, inPage, median, mib, range, secs, spread } from "./measure";
import { bedRow, memOf } from "./memory";
import { pickRows } from "./page-picks";
import { topFrames } from "./profile-top";
import { ratios, rawList } from "./raw-list";
import { changeRound, distinctViews } from "./rounds";
import { searchTimes } from "./search-times";
import { apiClient, openWatches, seed } from "./seed";
import { seedEtcd } from "./seed-etcd";
import { subscribe } from "./sse";
import { goals, Table } from "./table";

const { values: opt } = parseArgs({
  options: {
    nodes: { type: "string", default: "500" },
    pods: { type: "string", default: "20000" },
    nads: { type: "string", default: "200" },
    runs: { type: "string", default: "3" },
    max: { type: "boolean", default: false },
    /** etcd: straight into the bed's etcd (seconds); api: POST + status PUT through the API server (validated) */
    seed: { type: "string", default: "etcd" },
    "cpu-prof": { type: "string" },
  },
});
const size = { nodes: Number(opt.nodes), pods: Number(opt.pods), nads: Number(opt.nads), seed: 1 };
const runs = Number(opt.runs);
const goal = goals(opt.max);
const table = new Table(opt.max);
const log = (s: string) => console.error(`[bench] ${s}`);
const objects = syntheticCluster(size) as KubeObject[];
const cluster = await startTestCluster({ seed: false, benchEtcd: true });
let server: ChildProcess | null = null;
let complete = false;
const browser = await chromium.launch({
  executablePath: process.env.PLAYWRIGHT_CHROMIUM ?? "/usr/bin/chromium",
  args: ["--no-sandbox"],
});
try {
  const viaApi = opt.seed === "api";
  const seeded = viaApi ? await seed(cluster, objects, log) : await seedEtcd(cluster, objects, log);
  const how = viaApi
    ? `${seeded.writes} API writes (create + status), 32 at a time`
    : `${seeded.writes} etcd transactions straight into the API server's storage (no admission), then listed back through it`;
  table.add(
    `seeding: ${objects.length} objects, ${how}; etcd on tmpfs (bench bed only)`,
    `${secs(seeded.ms)}`,
    "≤ 15 min",
    seeded.ms <= 15 * 60_000,
  );
  const api = apiClient(cluster);
  /** open WATCH requests on the API server (its own controllers' included: see the baseline) */
  const watches = () => openWatches(api);

  // 1. The floor: every watched kind listed in parallel, fetched and parsed.
  const floors = await rawList(api, runs, table);
  const { list } = floors;

  // 2. Cold, in-process: a new live source until its first topology (store built, overview ready).
  const colds: number[] = [];
  let elements = 0;
  for (let i = 0; i < runs; i++) {
    const registry = new SourceRegistry({
      PLUMBLINE_SOURCE: "kubeconfig",
      KUBECONFIG: cluster.kubeconfigPath,
      PLUMBLINE_CONTEXT: "admin",
    });
    const t = performance.now();
    const lease = await registry.acquire({});
    const feed = feedOf(lease.source);
    await feed.current();
    feed.store.overview();
    colds.push(performance.now() - t);
    elements = feed.store.topology().elements.length;
    // A figure of a build that missed objects would flatter: every generated pod must be in it.
    const pods = lease.source.snapshot().pods.length;
    if (pods !== size.pods)
      throw new Error(`cold: ${pods} of ${size.pods} pods (${JSON.stringify(lease.source.status())})`);
    if (i === runs - 1) await searchTimes(feed, objects, table);
    lease.release();
    await registry.closeAll();
  }
  log(`${objects.length} objects → ${elements} elements`);
  const coldGoal = `≤ ${goal.coldRatio}× LIST (✓/✗ against the consistent read)`;
  table.add(
    `Plumbline cold: new source → first topology, in-process (${elements} elements)`,
    `${spread(colds)}, ${ratios(median(colds), floors)}`,
    coldGoal,
    median(colds) / list <= goal.coldRatio,
  );

  // 3. The production server on the test bed, cold from the process's start (boot included: an admin waits for it).
  const baseline = await watches();
  const port = await freePort();
  const base = `http://127.0.0.1:${port}`;
  const profDir = opt["cpu-prof"];
  if (profDir) mkdirSync(profDir, { recursive: true });
  let t = performance.now();
  server = spawn("bash", ["scripts/start.sh"], {
    env: {
      ...process.env,
      PLUMBLINE_SOURCE: "kubeconfig",
      KUBECONFIG: cluster.kubeconfigPath,
      PLUMBLINE_CONTEXT: "admin",
      PORT: String(port),
      HOSTNAME: "127.0.0.1",
      // Its own heap settings, not this benchmark's; a CPU profile of its whole run when asked.
      NODE_OPTIONS: "",
      PLUMBLINE_NODE_ARGS: profDir ? `--cpu-prof --cpu-prof-dir=${profDir}` : "",
    },
    stdio: ["ignore", openSync("/tmp/big-cluster-server.log", "w"), "inherit"],
    detached: true,
  });
  const up = async () =>
    fetch(`${base}/api/healthz`)
      .then((r) => r.ok)
      .catch(() => false);
  for (let i = 0; !(await up()); i++) {
    if (server.exitCode !== null || i > 6000) throw new Error("the server did not start: /tmp/big-cluster-server.log");
    await new Promise((r) => setTimeout(r, 20));
  }
  const boot = performance.now() - t;
  // start.sh execs node, so the spawned process is the server itself.
  const rss = () => memOf(server?.pid ?? 0);
  // Held open to the end, as an admin's open dashboard would be: without a subscriber the server closes an idle
  // source after a minute, and at 150,000 pods the next step (after a 222 MiB export read for minutes on a loaded
  // machine) met a cold build of minutes instead of the warm server it measures.
  const coldSub = subscribe(base, {});
  const coldFirst = await coldSub.first;
  const coldHttp = coldFirst.at - t;
  table.add(
    "Plumbline cold over HTTP: server process started → first message of the cluster view (1 run)",
    `${secs(coldHttp)}, ${ratios(coldHttp, floors)} (of which boot to /api/healthz: ${secs(boot)})`,
    coldGoal,
    coldHttp / list <= goal.coldRatio,
  );
  table.add(
    "server RSS after its cold start (one source, one subscriber of the cluster view, kept all run)",
    mib(rss().now),
  );

  // 4. What a client is sent for the cluster view, warm; the whole topology (the JSON export) beside it.
  const warm: number[] = [];
  let warmBytes = 0;
  for (let i = 0; i < runs; i++) {
    t = performance.now();
    const s = subscribe(base, {});
    const f = await s.first;
    warm.push(f.at - t);
    warmBytes = f.bytes;
    s.close();
  }
  t = performance.now();
  const fullBytes = await exportBytes(base);
  const fullMs = performance.now() - t;
  table.add(
    "cluster view (overview): its first message to a client, warm",
    `${mib(warmBytes)}, ${secs(median(warm))} median (${range(warm)}); whole topology (export): ${mib(fullBytes)} in ${secs(fullMs)}`,
    "bounded by what is on screen, ≤ 1 MiB",
    warmBytes <= goal.viewBytes,
  );
  table.add("server RSS after the whole topology's export", mib(rss().now));

  // 4b. What the network and attach forms are sent, warm.
  const formTimes: number[] = [];
  let formBytes = 0;
  for (let i = 0; i < runs; i++) {
    t = performance.now();
    formBytes = Buffer.byteLength(await fetch(`${base}/api/trpc/topology.forForms?input=%7B%7D`).then((r) => r.text()));
    formTimes.push(performance.now() - t);
  }
  table.add(
    "what a network or attach form is sent (networks, hosts with NICs, bridges, namespaces), warm",
    `${mib(formBytes)}, ${spread(formTimes)}`,
  );

  // 5. Time to interactive in Chromium, warm server: each run a new tab in a fresh context.
  const ttis: number[] = [];
  for (let i = 0; i < runs; i++) ttis.push(await inPage.timeToInteractive(browser, base));
  table.within(
    "browser time-to-interactive of a new tab (cluster view, warm server)",
    spread(ttis),
    median(ttis),
    goal.ttiMs,
    "≤ 2 s",
  );

  // 6. One pod's address changes while the page shows that pod, alone and beside 19 subscribers of 19 other views.
  // bypassCSP: the measurements' page functions are compiled in the page (the app's CSP forbids eval).
  const page = await browser.newPage({ viewport: { width: 1440, height: 900 }, bypassCSP: true });
  const pod = objects.find((o) => o.kind === "Pod") as KubeObject;
  const podView = { pod: `${pod.metadata.namespace}/${pod.metadata.name}` };
  await page.goto(`${base}/?view=pod&target=${encodeURIComponent(podView.pod)}`);
  await page.waitForSelector('[data-testid="graph-canvas"][data-layout="done"]', { timeout: 300_000 });
  const witness = subscribe(base, podView);
  await witness.first;
  const ROUNDS = Math.max(5, runs);
  const firstBytes = new Map<string, number>();
  for (const n of [1, 20]) {
    const views = distinctViews(objects, pod, n - 1);
    const others = views.map((v) => subscribe(base, v));
    for (const [i, s] of others.entries()) {
      const kind = Object.keys(views[i] ?? {})[0] ?? "cluster";
      firstBytes.set(kind, Math.max(firstBytes.get(kind) ?? 0, (await s.first).bytes));
    }
    const rounds = [];
    for (let i = 0; i < ROUNDS; i++)
      rounds.push(await changeRound({ api, page, pod, witness, others, ip: `172.31.${n}.${10 + i}` }));
    const w = await watches();
    const who =
      n === 1
        ? "the page + the cluster view held open"
        : `the page + ${n - 1} subscribers of ${n - 1} other distinct views (the cluster view among them)`;
    const screen = rounds.map((r) => r.screen);
    table.within(
      `one pod's IP changes → on screen in Chromium (${who}, ${ROUNDS} rounds)`,
      spread(screen),
      median(screen),
      goal.changeMs,
      "≤ 1 s",
    );
    if (n > 1) {
      const last = rounds.map((r) => r.last);
      table.within(
        `… → the last of the ${n - 1} other views has that revision (most get an empty delta)`,
        spread(last),
        median(last),
        goal.changeMs,
        "≤ 1 s",
      );
    }
    table.add(`one change's delta for the pod's view (${who})`, mib(rounds.at(-1)?.deltaBytes ?? 0));
    table.add(`server RSS now with ${who}`, mib(rss().now));
    table.add(
      `apiserver watches opened by Plumbline with ${who}`,
      `${w - baseline} (${w} minus the ${baseline} open before it started)`,
      "constant",
    );
    for (const s of others) s.close();
  }
  table.add(
    "first message per view kind (largest of its views)",
    [...firstBytes].map(([k, b]) => `${k} ${mib(b)}`).join(", "),
    "bounded by what is on screen",
  );
  witness.close();

  // 7. Filters and search in the page, from the cluster view.
  await pickRows(page, base, objects, table, runs);
  const peak = rss().peak;
  table.add(
    "server peak RSS over the whole run (VmHWM, read at the end)",
    `**${mib(peak)}**`,
    goal.rss,
    peak <= goal.rssBytes,
  );
  bedRow(table, cluster);
  coldSub.close();
  complete = true;
  api.close();
} finally {
  // What was measured is printed even when a later step failed.
  console.log(
    `${table.markdown(`${size.nodes} nodes, ${size.pods} pods, ${size.nads} NADs; ${objects.length} objects`, complete)}\n`,
  );
  await browser.close();
  if (server?.pid) {
    const exited = new Promise((r) => server?.once("exit", r));
    process.kill(-server.pid, "SIGTERM");
    await exited;
  }
  if (opt["cpu-prof"])
    console.log(
      `Server CPU profile, top frames by self time:\n\n${topFrames(opt["cpu-prof"])
        .map((l) => `- ${l}`)
        .join("\n")}\n`,
    );
  await cluster.stop();
}
