/**
 * Big clusters, live: seeds the real test bed (kube-apiserver + etcd) with the generated cluster and prints, in one
 * run, the raw LIST of every watched kind beside what Plumbline does with the same objects (issue 13's table).
 *   npx tsx --tsconfig tsconfig.json scripts/bench/big-cluster.ts [--nodes 500 --pods 20000 --nads 200 --runs 3]
 * Needs a production build (`npx next build`) and the test bed's binaries (testing/testbed/ensure-deps.sh).
 */
import { type ChildProcess, spawn } from "node:child_process";
import { readFileSync } from "node:fs";
import { parseArgs } from "node:util";
import { chromium } from "@playwright/test";
import type { KubeObject } from "@/lib/k8s/objects";
import { NETWORK_STATUS_ANNOTATION } from "@/lib/pod/annotations";
import { resourcePath, WATCHED } from "@/server/sources/live/resources";
import { SourceRegistry } from "@/server/sources/registry";
import { feedOf } from "@/server/topology-feed";
import { syntheticCluster } from "@/testing/fixtures/synthetic-cluster";
import { startTestCluster } from "../../testing/testbed/cluster";
import { freePort, inPage, median, mib, range, secs } from "./big/measure";
import { apiClient, seed } from "./big/seed";
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
    lease.release();
    await registry.closeAll();
  }
  log(`${objects.length} objects → ${elements} elements`);

  // 3. The production server on the test bed.
  const port = await freePort();
  const base = `http://127.0.0.1:${port}`;
  server = spawn("bash", ["scripts/start.sh"], {
    env: {
      ...process.env,
      PLUMBLINE_SOURCE: "kubeconfig",
      KUBECONFIG: cluster.kubeconfigPath,
      PLUMBLINE_CONTEXT: "admin",
      PORT: String(port),
      HOSTNAME: "127.0.0.1",
    },
    stdio: ["ignore", "ignore", "inherit"],
    detached: true,
  });
  for (
    let i = 0;
    i < 600 &&
    !(await fetch(`${base}/api/healthz`)
      .then((r) => r.ok)
      .catch(() => false));
    i++
  )
    await new Promise((r) => setTimeout(r, 200));
  const pid = Number(
    readFileSync(`/proc/${server.pid}/task/${server.pid}/children`, "utf8").trim().split(/\s+/)[0] ?? server.pid,
  );
  const rss = () => {
    const s = readFileSync(`/proc/${pid}/status`, "utf8");
    const kb = (k: string) => Number(new RegExp(`${k}:\\s+(\\d+)`).exec(s)?.[1] ?? 0) * 1024;
    return { now: kb("VmRSS"), peak: kb("VmHWM") };
  };
  let t = performance.now();
  const coldSub = subscribe(base, {});
  const coldFirst = await coldSub.first;
  const coldHttp = coldFirst.at - t;
  coldSub.close();
  rows.push([
    "Plumbline cold: new source → first topology, in-process / over HTTP",
    `${secs(median(colds))} (${(median(colds) / list).toFixed(2)}× LIST) / ${secs(coldHttp)} (${(coldHttp / list).toFixed(2)}×)`,
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

  // 5. Time to interactive in Chromium, warm server.
  const page = await browser.newPage({ viewport: { width: 1440, height: 900 } });
  const ttis: number[] = [];
  for (let i = 0; i < runs; i++) ttis.push(await inPage.timeToInteractive(page, base));
  rows.push([
    "browser time-to-interactive (cluster view, warm server)",
    `${secs(median(ttis))} median (${range(ttis)})`,
  ]);

  // 6. One pod's address changes: subscribed clients and the page showing the pod.
  const pod = objects.find((o) => o.kind === "Pod") as KubeObject;
  const podPath = `/api/v1/namespaces/${pod.metadata.namespace}/pods/${pod.metadata.name}`;
  const status = JSON.parse(pod.metadata.annotations?.[NETWORK_STATUS_ANNOTATION] ?? "[]") as { ips: string[] }[];
  const change = async (ip: string) => {
    if (status[1]) status[1].ips = [ip];
    const body = { metadata: { annotations: { [NETWORK_STATUS_ANNOTATION]: JSON.stringify(status) } } };
    const start = performance.now();
    const r = await api.call("PATCH", podPath, body, "application/merge-patch+json");
    if (r.status !== 200) throw new Error(`PATCH pod: HTTP ${r.status}`);
    return start;
  };
  const podView = { pod: `${pod.metadata.namespace}/${pod.metadata.name}` };
  await page.goto(`${base}/?view=pod&target=${encodeURIComponent(podView.pod)}`);
  await page.waitForSelector('[data-testid="graph"] [data-layout="done"]', { timeout: 120_000 });
  const round = async (subs: ReturnType<typeof subscribe>[], ip: string) => {
    const arrivals = subs.map((s) => s.waitFor(ip));
    const onScreen = page.getByText(ip, { exact: false }).first().waitFor({ timeout: 60_000 });
    const start = await change(ip);
    const times = (await Promise.all(arrivals)).map((at) => at - start);
    await onScreen;
    return { first: Math.min(...times), last: Math.max(...times), screen: performance.now() - start };
  };
  const watches = async () => {
    const m = await api.call("GET", "/metrics");
    return [...m.text.matchAll(/^apiserver_longrunning_requests\{[^}]*verb="WATCH"[^}]*\} (\d+)/gm)].reduce(
      (a, x) => a + Number(x[1]),
      0,
    );
  };
  for (const n of [1, 20]) {
    const subs = Array.from({ length: n }, () => subscribe(base, podView));
    await Promise.all(subs.map((s) => s.first));
    const rounds = [];
    for (let i = 0; i < 5; i++) rounds.push(await round(subs, `172.31.${n}.${10 + i}`));
    const mem = rss();
    const w = await watches();
    rows.push([
      `one pod's IP changes → subscribed client has it / on screen in Chromium (${n} subscriber${n > 1 ? "s" : ""} of one identity, 5 rounds)`,
      `${secs(median(rounds.map((r) => r.first)))}${n > 1 ? ` to the first, ${secs(median(rounds.map((r) => r.last)))} to the last` : ""} / ${secs(median(rounds.map((r) => r.screen)))}`,
    ]);
    rows.push([
      `server RSS with ${n} subscriber${n > 1 ? "s" : ""} (now / peak)`,
      `${mib(mem.now)} / ${mib(mem.peak)}`,
    ]);
    rows.push([`apiserver watches with ${n} subscriber${n > 1 ? "s" : ""} (and a page) of one identity`, String(w)]);
    for (const s of subs) s.close();
  }

  // 7. Filters in the page.
  for (const [label, filter, value] of [
    ["namespace", "Namespace filter", "team-7"],
    ["network", "Network filter", "team-2/macvlan-net-2"],
    ["host", "Host filter", "node-002"],
  ] as const) {
    const times = [];
    for (let i = 0; i < runs; i++) times.push(await inPage.filterSettled(page, base, filter, value));
    rows.push([`filter by ${label} in the page → graph settled`, `${secs(median(times))} median (${range(times)})`]);
  }
  api.close();
} finally {
  await browser.close();
  if (server?.pid) process.kill(-server.pid, "SIGTERM");
  await cluster.stop();
}
console.log(
  `\n| what (${size.nodes} nodes, ${size.pods} pods, ${size.nads} NADs; ${objects.length} objects) | measured |\n|---|---|`,
);
for (const [k, v] of rows) console.log(`| ${k} | ${v} |`);
