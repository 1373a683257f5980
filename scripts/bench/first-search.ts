/**
 * The first search of a server's life, over HTTP, against the production build: a fresh server per run serving a
 * generated cluster from a snapshot file, its cluster view subscribed to until its first message (the first picture),
 * then, after `--after` seconds each (an admin reading the page before typing; 0: at once), one search for a pod's
 * name and the time to its answer. The server fills its search index while it is idle (server/topology-feed.ts); a
 * search that comes before fills it itself. Also each server's heap and RSS just before the search (the index's cost
 * shows as the difference to a build that fills it only at the first search).
 *   npx tsx --tsconfig tsconfig.json scripts/bench/first-search.ts [--nodes 500 --pods 20000 --nads 200 --runs 3]
 *     [--after 0,3] [--reference DIR ...]   (another checkout's production build, measured alternately in the same run)
 */

import { readFileSync } from "node:fs";
import { mkdtemp, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import { parseArgs } from "node:util";
import type { KubeObject } from "@/lib/k8s/objects";
import { syntheticCluster } from "@/testing/fixtures/synthetic-cluster";
import { median, mib, secs, spread } from "./big/measure";
import { serveSnapshot } from "./big/serve-snapshot";
import { subscribe } from "./big/sse";

const { values: opt } = parseArgs({
  options: {
    nodes: { type: "string", default: "500" },
    pods: { type: "string", default: "20000" },
    nads: { type: "string", default: "200" },
    runs: { type: "string", default: "3" },
    /** seconds between the first picture and the search, one figure per value */
    after: { type: "string", default: "0,3" },
    reference: { type: "string", multiple: true },
  },
});
const size = { nodes: Number(opt.nodes), pods: Number(opt.pods), nads: Number(opt.nads) };
const runs = Number(opt.runs);
const afters = opt.after.split(",").map(Number);
const objects = syntheticCluster(size);
const pod = objects.filter((o) => o.kind === "Pod").at(-1) as KubeObject;

const dir = await mkdtemp(path.join(tmpdir(), "plumbline-first-search-"));
const file = path.join(dir, "cluster.json");
await writeFile(file, JSON.stringify({ apiVersion: "v1", kind: "List", items: objects }));

/** The server process's resident memory now (its group's leader is start.sh's exec'd node). */
const rssOf = (pid: number): number => {
  const line = readFileSync(`/proc/${pid}/status`, "utf8")
    .split("\n")
    .find((l) => l.startsWith("VmRSS:"));
  return Number(line?.split(/\s+/)[1] ?? 0) * 1024;
};

/** One fresh server: its first picture, `after` seconds, then the first search; times in ms, RSS in bytes. */
async function once(
  cwd: string,
  after: number,
): Promise<{ picture: number; search: number; again: number; rss: number }> {
  const t = performance.now();
  const { base, pid, stop } = await serveSnapshot(cwd, file);
  try {
    const view = subscribe(base, {});
    const first = await view.first;
    const picture = first.at - t;
    await new Promise((r) => setTimeout(r, after * 1000));
    const rss = rssOf(pid);
    const q = encodeURIComponent(JSON.stringify({ q: pod.metadata.name }));
    const s = performance.now();
    const hits = await fetch(`${base}/api/trpc/topology.search?input=${q}`).then((r) => r.text());
    const search = performance.now() - s;
    if (!hits.includes(pod.metadata.name)) throw new Error(`the search found nothing: ${hits.slice(0, 200)}`);
    // the same search again, the index filled for certain: the round trip's own floor at this load
    const a = performance.now();
    await fetch(`${base}/api/trpc/topology.search?input=${q}`).then((r) => r.text());
    const again = performance.now() - a;
    view.close();
    return { picture, search, again, rss };
  } finally {
    stop();
    await new Promise((r) => setTimeout(r, 500));
  }
}

const builds = [
  { name: "this build", cwd: process.cwd() },
  ...(opt.reference ?? []).map((cwd, k) => ({ name: k === 0 ? "reference" : `reference-${k + 1}`, cwd })),
];
const rows: [string, string[]][] = [];
try {
  for (const after of afters) {
    const searches = builds.map(() => [] as number[]);
    const agains = builds.map(() => [] as number[]);
    const rss = builds.map(() => [] as number[]);
    for (let i = 0; i < runs; i++) {
      for (const [k, b] of builds.entries()) {
        const r = await once(b.cwd, after);
        searches[k]?.push(r.search);
        agains[k]?.push(r.again);
        rss[k]?.push(r.rss);
        console.log(
          `after ${after} s #${i + 1} (${b.name}): first picture ${secs(r.picture)}, first search ${secs(r.search)}, again ${secs(r.again)}, RSS before it ${mib(r.rss)}`,
        );
      }
    }
    rows.push([`the first search (a pod's name), ${after} s after the first picture`, searches.map(spread)]);
    rows.push([`the same search again, at once`, agains.map(spread)]);
    rows.push([
      `the server's RSS just before it`,
      rss.map((v) => `${mib(median(v))} median (min ${mib(Math.min(...v))}, max ${mib(Math.max(...v))})`),
    ]);
  }
} finally {
  const names = builds.map((b, k) => (k === 0 ? b.name : `${b.name} (${b.cwd})`));
  console.log(
    `\n| ${size.nodes} nodes / ${size.pods} pods / ${size.nads} NADs (snapshot source) | ${names.join(" | ")} |`,
  );
  console.log(`|---|${names.map(() => "---|").join("")}`);
  for (const [k, v] of rows) console.log(`| ${k} | ${v.join(" | ")} |`);
  await rm(dir, { recursive: true, force: true });
}
