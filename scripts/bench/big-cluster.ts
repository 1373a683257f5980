/**
 * Big clusters, live: seeds the real test bed (kube-apiserver + etcd) with the generated cluster and prints, in one
 * run, the raw LIST of every watched kind beside what Plumbline does with the same objects (issue 13's table).
 *   npx tsx --tsconfig tsconfig.json scripts/bench/big-cluster.ts [--nodes 500 --pods 20000 --nads 200 --runs 3]
 * Needs a production build (`npx next build`) and the test bed's binaries (testing/testbed/ensure-deps.sh).
 */
import { type ChildProcess, spawn } from "node:child_process";
import { openSync, readFileSync } from "node:fs";
import { parseArgs } from "node:util";
import { chromium } from "@playwright/test";
import type { KubeObject } from "@/lib/k8s/objects";
import { searchTopology } from "@/lib/match/search";
import { NETWORK_STATUS_ANNOTATION } from "@/lib/pod/annotations";
import { resourcePath, WATCHED } from "@/server/sources/live/resources";
import { SourceRegistry } from "@/server/sources/registry";
import { feedOf, type TopologyFeed } from "@/server/topology-feed";
import { searchFeed } from "@/server/topology-search";
import { syntheticCluster } from "@/testing/fixtures/synthetic-cluster";
import { startTestCluster } from "../../testing/testbed/cluster";
import { freePort, inPage, median, mib, range, secs, spread } from "./big/measure";
import { changeRound, distinctViews } from "./big/rounds";
import { apiClient, openWatches, seed } from "./big/seed";
import { subscribe } from "./big/sse";

const { values: opt } = parseArgs({
  options: {
    nodes: { type: "string", default: "500" },
    pods: { type: "string", default: "20000" },
    nads: { type: "string", default: "200" },
    runs: { type: "string", default: "3" },
  },
});
const size = { nodes: Number(opt.nodes), pods: Number(opt.pods), nads: Number(opt.nads), seed: 1 };
const runs = Number(opt.runs);
const log = (s: string) => console.error(`[bench] ${s}`);
const rows: [string, string][] = [];

/** The server's search, in-process: its index against a linear scan of the whole topology (the reference). */
async function searchTimes(feed: TopologyFeed): Promise<void> {
  const pod = objects.filter((o) => o.kind === "Pod").at(-1);
  const ip = (JSON.parse(pod?.metadata.annotations?.[NETWORK_STATUS_ANNOTATION] ?? "[]") as { ips?: string[] }[])[1]
    ?.ips?.[0];
  let t = performance.now();
  await searchFeed(feed, "warm-up");
  rows.push([
    "server search index, built from the store a few shards per turn (first search)",
    secs(performance.now() - t),
  ]);
  const whole = feed.store.topology();
  for (const [label, q] of [
    ["a pod name", pod?.metadata.name ?? "x"],
    ["an IP", ip ?? "10.0.0.1"],
    ["a /24 range", `${(ip ?? "10.0.0.1").split(".").slice(0, 3).join(".")}.0/24`],
    ["a MAC", "02:00:00:00:00:01"],
  ] as const) {
    const indexed: number[] = [];
    const linear: number[] = [];
    for (let i = 0; i < 7; i++) {
      t = performance.now();
      await searchFeed(feed, q, 500);
      indexed.push(performance.now() - t);
      t = performance.now();
      searchTopology(whole, q, 500);
      linear.push(performance.now() - t);
    }
    rows.push([
      `server search for ${label}: index / linear scan of the whole topology`,
      `${spread(indexed)} / ${spread(linear)}`,
    ]);
  }
}

const objects = syntheticCluster(size);
const cluster = await startTestCluster({ seed: false });
let server: ChildProcess | null = null;
const browser = await chromium.launch({
  executablePath: process.env.PLAYWRIGHT_CHROMIUM ?? "/usr/bin/chromium",
  args: ["--no-sandbox"],
});
try {
  await seed(cluster, objects as KubeObject[], log);
  const api = apiClient(cluster);
  /** open WATCH requests on the API server (its own controllers' included: see the baseline) */
  const watches = () => openWatches(api);

  // 1. The floor: every watched kind listed in parallel, fetched and parsed.
  const lists: number[] = [];
  let bytes = 0;
  for (let i = 0; i < runs; i++) {
    const t = performance.now();
    const sizes = await Promise.all(
      WATCHED.map(async (r) => {
        const res = await api.call("GET", resourcePath(r));
        JSON.parse(res.text);
        return Buffer.byteLength(res.text);
      }),
    );
    lists.push(performance.now() - t);
    bytes = sizes.reduce((a, b) => a + b, 0);
  }
  const list = median(lists);
  rows.push([
    `raw LIST of every watched kind, in parallel (fetch + JSON.parse, ${mib(bytes)})`,
    `${secs(list)} median (${range(lists)})`,
  ]);

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
    if (i === runs - 1) await searchTimes(feed);
    lease.release();
    await registry.closeAll();
  }
  log(`${objects.length} objects → ${elements} elements`);
  rows.push([
    "Plumbline cold: new source → first topology, in-process",
    `${spread(colds)}, ${(median(colds) / list).toFixed(2)}× LIST`,
  ]);

  // 3. The production server on the test bed, cold from the process's start (boot included: an admin waits for it).
  const baseline = await watches();
  const port = await freePort();
  const base = `http://127.0.0.1:${port}`;
  let t = performance.now();
  server = spawn("bash", ["scripts/start.sh"], {
    env: {
      ...process.env,
      PLUMBLINE_SOURCE: "kubeconfig",
      KUBECONFIG: cluster.kubeconfigPath,
      PLUMBLINE_CONTEXT: "admin",
      PORT: String(port),
      HOSTNAME: "127.0.0.1",
    },
    stdio: ["ignore", openSync("/tmp/big-cluster-server.log", "w"), "inherit"],
    detached: true,
  });
  const up = async () =>
    fetch(`${base}/api/healthz`)
      .then((r) => r.ok)
      .catch(() => false);
  for (let i = 0; i < 6000 && !(await up()); i++) await new Promise((r) => setTimeout(r, 20));
  const boot = performance.now() - t;
  // start.sh execs node, so the spawned process is the server itself.
  const pid = server.pid ?? 0;
  const rss = () => {
    const s = readFileSync(`/proc/${pid}/status`, "utf8");
    const kb = (k: string) => Number(new RegExp(`${k}:\\s+(\\d+)`).exec(s)?.[1] ?? 0) * 1024;
    return { now: kb("VmRSS"), peak: kb("VmHWM") };
  };
  const coldSub = subscribe(base, {});
  const coldFirst = await coldSub.first;
  const coldHttp = coldFirst.at - t;
  coldSub.close();
  rows.push([
    "Plumbline cold over HTTP: server process started → first message of the cluster view (1 run)",
    `${secs(coldHttp)}, ${(coldHttp / list).toFixed(2)}× LIST (of which boot to /api/healthz: ${secs(boot)})`,
  ]);

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
  const full = await fetch(`${base}/api/trpc/topology.get?input=%7B%7D`).then((r) => r.text());
  const fullMs = performance.now() - t;
  rows.push([
    "cluster view (overview) sent to a client, warm",
    `${mib(warmBytes)}, ${secs(median(warm))} median (${range(warm)}); whole topology (export): ${mib(Buffer.byteLength(full))} in ${secs(fullMs)}`,
  ]);

  // 4b. What the network and attach forms are sent, warm (before: the whole topology above).
  const formTimes: number[] = [];
  let formBytes = 0;
  for (let i = 0; i < runs; i++) {
    t = performance.now();
    formBytes = Buffer.byteLength(await fetch(`${base}/api/trpc/topology.forForms?input=%7B%7D`).then((r) => r.text()));
    formTimes.push(performance.now() - t);
  }
  rows.push([
    "what a network or attach form is sent (networks, hosts with NICs, bridges, namespaces), warm",
    `${mib(formBytes)}, ${spread(formTimes)}; before: the whole topology, ${mib(Buffer.byteLength(full))}`,
  ]);

  // 5. Time to interactive in Chromium, warm server: each run a new tab in a fresh context.
  const ttis: number[] = [];
  for (let i = 0; i < runs; i++) ttis.push(await inPage.timeToInteractive(browser, base));
  rows.push(["browser time-to-interactive of a new tab (cluster view, warm server)", spread(ttis)]);

  // 6. One pod's address changes while the page shows that pod, alone and beside 19 subscribers of 19 other views.
  // bypassCSP: the measurements' page functions are compiled in the page (the app's CSP forbids eval).
  const page = await browser.newPage({ viewport: { width: 1440, height: 900 }, bypassCSP: true });
  const pod = objects.find((o) => o.kind === "Pod") as KubeObject;
  const podView = { pod: `${pod.metadata.namespace}/${pod.metadata.name}` };
  await page.goto(`${base}/?view=pod&target=${encodeURIComponent(podView.pod)}`);
  await page.waitForSelector('[data-testid="graph-canvas"][data-layout="done"]', { timeout: 120_000 });
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
    const who = n === 1 ? "the page alone" : `the page + ${n - 1} subscribers of ${n - 1} other distinct views`;
    rows.push([
      `one pod's IP changes → on screen in Chromium (${who}, ${ROUNDS} rounds)`,
      spread(rounds.map((r) => r.screen)),
    ]);
    if (n > 1)
      rows.push([
        `… → the last of the ${n - 1} other views has that revision (every view gets a delta, most of them empty)`,
        spread(rounds.map((r) => r.last)),
      ]);
    rows.push([`one change's delta for the pod's view`, mib(rounds.at(-1)?.deltaBytes ?? 0)]);
    rows.push([`server RSS now with ${who}`, mib(rss().now)]);
    rows.push([
      `apiserver watches opened by Plumbline with ${who}`,
      `${w - baseline} (${w} minus the ${baseline} open before it started)`,
    ]);
    for (const s of others) s.close();
  }
  rows.push([
    "first message per view kind (largest of its views)",
    [...firstBytes].map(([k, b]) => `${k} ${mib(b)}`).join(", "),
  ]);
  witness.close();

  // 7. Filters and search in the page, from the cluster view.
  for (const [label, filter] of [
    ["namespace", "Namespace filter"],
    ["network", "Network filter"],
    ["host", "Host filter"],
  ] as const) {
    const times = [];
    for (let i = 0; i < runs; i++) times.push(await inPage.filterSettled(page, base, filter, 2));
    rows.push([`filter by ${label} in the page → picture settled`, spread(times)]);
  }
  for (const [label, nth, rest] of [
    ["at once", 3, 0],
    ["after the pointer rested on its row 400 ms", 5, 400],
  ] as const) {
    const times = [];
    for (let i = 0; i < runs; i++) times.push(await inPage.openHostSettled(page, base, nth, rest));
    rows.push([`a matrix row's host clicked ${label} → its host's view settled`, spread(times)]);
  }
  const far = objects.filter((o) => o.kind === "Pod").at(-1) as KubeObject;
  const farIp = (JSON.parse(far.metadata.annotations?.[NETWORK_STATUS_ANNOTATION] ?? "[]") as { ips?: string[] }[])[1]
    ?.ips?.[0];
  for (const [label, query] of [
    ["a pod's name", far.metadata.name],
    ["an IP", farIp ?? far.metadata.name],
  ] as const) {
    const times = [];
    for (let i = 0; i < runs; i++) times.push(await inPage.searchSettled(page, base, query));
    rows.push([
      `search ${label} in the page, first hit clicked → its host's view settled, hit selected`,
      spread(times),
    ]);
  }
  rows.push(["server peak RSS over the whole run (VmHWM, read at the end)", mib(rss().peak)]);
  api.close();
} finally {
  // What was measured is printed even when a later step failed.
  console.log(
    `\n| what (${size.nodes} nodes, ${size.pods} pods, ${size.nads} NADs; ${objects.length} objects) | measured |\n|---|---|`,
  );
  for (const [k, v] of rows) console.log(`| ${k} | ${v} |`);
  await browser.close();
  if (server?.pid) process.kill(-server.pid, "SIGTERM");
  await cluster.stop();
}
