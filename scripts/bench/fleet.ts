/**
 * The fleet's cost: one server reading 5 clusters of 2,000 pods beside the same server reading 1, measured in one
 * run. The 5 are 5 kubeconfig contexts on one test-bed API server seeded with a generated 2,000-pod cluster: each
 * context is its own source (own watches, store, search index), exactly as 5 clusters are; the API server's own cost
 * is not Plumbline's and is not counted. Prints heap growth (after GC) and watches opened, median/min/max over runs,
 * and the 5:1 ratios.
 *   npx tsx --tsconfig tsconfig.json scripts/bench/fleet.ts [--clusters 5 --pods 2000 --runs 3]
 */
import { writeFileSync } from "node:fs";
import path from "node:path";
import { parseArgs } from "node:util";
import { setFlagsFromString } from "node:v8";
import { runInNewContext } from "node:vm";
import { stringify } from "yaml";
import { buildFleet } from "@/lib/fleet/fleet";
import type { KubeObject } from "@/lib/k8s/objects";
import { fleetMembers, readFleetCluster } from "@/server/fleet";
import { searchFleet } from "@/server/fleet-search";
import { SourceRegistry } from "@/server/sources/registry";
import { syntheticCluster } from "@/testing/fixtures/synthetic-cluster";
import { startTestCluster, type TestCluster } from "../../testing/testbed/cluster";
import { median, mib, spread } from "./big/measure";
import { apiClient, openWatches, seed } from "./big/seed";

const { values: opt } = parseArgs({
  options: {
    clusters: { type: "string", default: "5" },
    pods: { type: "string", default: "2000" },
    runs: { type: "string", default: "3" },
  },
});
const n = Number(opt.clusters);
const pods = Number(opt.pods);
const runs = Number(opt.runs);
const log = (s: string) => console.error(`[bench] ${s}`);
setFlagsFromString("--expose-gc");
const gc = runInNewContext("gc") as () => void; // the V8 global the flag above exposes
const heap = (): number => {
  for (let i = 0; i < 3; i++) gc();
  return process.memoryUsage().heapUsed;
};

function kubeconfig(c: TestCluster, contexts: number): string {
  const names = Array.from({ length: contexts }, (_, i) => `cluster-${i + 1}`);
  const file = path.join(c.dir, `fleet-${contexts}.kubeconfig`);
  const ca = Buffer.from(c.caData).toString("base64");
  writeFileSync(
    file,
    stringify({
      apiVersion: "v1",
      kind: "Config",
      clusters: names.map((name) => ({ name, cluster: { server: c.server, "certificate-authority-data": ca } })),
      users: [{ name: "admin", user: { token: c.adminToken } }],
      contexts: names.map((name) => ({ name, context: { cluster: name, user: "admin" } })),
      "current-context": names[0],
    }),
    { mode: 0o600 },
  );
  return file;
}

/** One fleet read to the end: every cluster live, overview built, and a search that builds every index. */
async function measure(file: string, watches: () => Promise<number>) {
  const before = heap();
  const watchesBefore = await watches();
  const registry = new SourceRegistry({
    PLUMBLINE_SOURCE: "kubeconfig",
    KUBECONFIG: file,
    PLUMBLINE_ALL_CONTEXTS: true,
  });
  const t = performance.now();
  for (;;) {
    const clusters = await Promise.all(fleetMembers(registry).map((m) => readFleetCluster(registry, m, {})));
    if (clusters.every((c) => c.state === "live")) {
      buildFleet(clusters);
      break;
    }
  }
  await searchFleet(registry, {}, "10.0.0.1", 12);
  const ms = performance.now() - t;
  const bytes = heap() - before;
  const opened = (await watches()) - watchesBefore;
  await registry.closeAll();
  return { ms, bytes, opened };
}

const cluster = await startTestCluster({ seed: false });
try {
  const objects = syntheticCluster({ nodes: Math.max(10, Math.round(pods / 40)), pods, nads: 40, seed: 1 });
  await seed(cluster, objects as KubeObject[], log);
  const api = apiClient(cluster);
  const watches = () => openWatches(api);
  const one = kubeconfig(cluster, 1);
  const many = kubeconfig(cluster, n);
  const results = { 1: [] as Awaited<ReturnType<typeof measure>>[], [n]: [] as Awaited<ReturnType<typeof measure>>[] };
  for (let r = 0; r < runs; r++) {
    // alternating, so drift over the run (the API server's caches warming) falls on both alike
    for (const [k, file] of [
      [1, one],
      [n, many],
    ] as const) {
      const m = await measure(file, watches);
      results[k]?.push(m);
      log(`run ${r + 1}: ${k} cluster(s): ${mib(m.bytes)} heap, ${m.opened} watches, ${(m.ms / 1000).toFixed(2)} s`);
      // the closed watches leave the API server's count before the next run reads it
      for (let i = 0; i < 50 && (await watches()) > 0; i++) await new Promise((res) => setTimeout(res, 100));
    }
  }
  const row = (k: number) => {
    const xs = results[k] ?? [];
    const mb = xs.map((x) => x.bytes / 2 ** 20);
    return `| ${k} × ${pods} pods | ${median(mb).toFixed(1)} MiB (min ${Math.min(...mb).toFixed(1)}, max ${Math.max(...mb).toFixed(1)}) | ${median(xs.map((x) => x.opened))} | ${spread(xs.map((x) => x.ms))} |`;
  };
  const ratio = (f: (x: Awaited<ReturnType<typeof measure>>) => number) =>
    (median((results[n] ?? []).map(f)) / median((results[1] ?? []).map(f))).toFixed(2);
  console.log(`| clusters | server heap growth (after GC) | watches opened | all live + every search index built |`);
  console.log(`|---|---|---|---|`);
  console.log(row(1));
  console.log(row(n));
  console.log(`| ${n}:1 | ${ratio((x) => x.bytes)}× | ${ratio((x) => x.opened)}× | ${ratio((x) => x.ms)}× |`);
} finally {
  await cluster.stop();
}
