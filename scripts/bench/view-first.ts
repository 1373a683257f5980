/**
 * A new view's first message, view kind by view kind, as the page asks for it after a filter: the server's time from
 * the subscription to the first message, and where it goes. In process (a generated cluster in a StaticSource, no
 * HTTP): the channel made (the view assembled and what was sent noted, `joinChannel`), its snapshot serialised
 * (`since(null)`), and tRPC's SSE framing of that text (`JSON.stringify` of the string, as httpSubscriptionLink's
 * `data:` line carries it), with the process's CPU time (what a loaded machine inflates far less than the wall time)
 * and the shards whose view parts the ask made (`work.shardParts`). The source is left idle `--idle` seconds first,
 * as a page is drawn before an admin picks a filter. Each kind is asked for `--runs` different values: the first is
 * cold (the first view of its kind in the process), the others warm (another value, the code warm); then the first
 * value again (kept: its channel lingers, LINGER_MS). `--profile`: a CPU profile of the first and the second namespace
 * filter's answer, top frames by self time. Another checkout's code in process: run this file from that checkout
 * with its tsconfig (`@/` is then its lib and server; the first line says whether its shards' parts were made ahead).
 * `--http`: the same asks over HTTP/SSE to this checkout's production build (`npx next build`; `--build DIR` another)
 * serving the cluster as a snapshot, and to each `--reference DIR` build in turn, ask by ask (the builds meet the
 * same load): the first message's last byte.
 *
 *   npx tsx --tsconfig tsconfig.json scripts/bench/view-first.ts [--nodes 500 --pods 20000 --nads 200] [--runs 6]
 *     [--idle 3] [--profile] [--http [--build DIR] [--reference DIR ...]]
 *   (cd DIR && npx tsx --tsconfig DIR/tsconfig.json /path/to/this/scripts/bench/view-first.ts …)
 */

import { mkdtemp, readdir, readFile, rm, writeFile } from "node:fs/promises";
import { Session } from "node:inspector/promises";
import { loadavg, tmpdir } from "node:os";
import path from "node:path";
import { parseArgs } from "node:util";
import { snapshotFromObjects } from "@/lib/k8s/snapshot";
import { DEFAULT_COLUMNS } from "@/lib/overview/columns";
import { DEFAULT_ROWS } from "@/lib/overview/rows";
import { takeWork } from "@/lib/store/work";
import { FINDINGS_PAGE, type ViewQuery } from "@/lib/wire/view-protocol";
import { StaticSource } from "@/server/sources/static-source";
import { feedOf } from "@/server/topology-feed";
import { joinChannel } from "@/server/view-channel";
import { syntheticCluster } from "@/testing/fixtures/synthetic-cluster";
import { median, mib } from "./big/measure";
import { serveSnapshot } from "./big/serve-snapshot";
import { subscribe } from "./big/sse";

const { values: opt } = parseArgs({
  options: {
    nodes: { type: "string", default: "500" },
    pods: { type: "string", default: "20000" },
    nads: { type: "string", default: "200" },
    runs: { type: "string", default: "6" },
    profile: { type: "boolean", default: false },
    http: { type: "boolean", default: false },
    reference: { type: "string", multiple: true },
    /** the checkout whose build is measured first over HTTP (default: this one) */
    build: { type: "string" },
    /** seconds the source stays idle before the first ask, as a page is drawn before an admin picks a filter */
    idle: { type: "string", default: "3" },
  },
});
const size = { nodes: Number(opt.nodes), pods: Number(opt.pods), nads: Number(opt.nads), seed: 26 };
const runs = Math.max(2, Number(opt.runs));
const objects = syntheticCluster(size);

/** `n` values spread over a sorted list (not neighbours: different shards, different networks). */
const spreadOver = (all: string[], n: number): string[] =>
  Array.from({ length: n }, (_, i) => all[Math.floor(((i + 0.5) * all.length) / n)] ?? "");
const namesOf = (kind: string, ns: boolean) =>
  [
    ...new Set(
      objects
        .filter((o) => o.kind === kind)
        .map((o) => (ns ? `${o.metadata.namespace}/${o.metadata.name}` : (o.metadata.name ?? ""))),
    ),
  ].sort();
const namespaces = [...new Set(objects.filter((o) => o.kind === "Pod").map((o) => o.metadata.namespace ?? ""))].sort();
const networks = namesOf("NetworkAttachmentDefinition", true);
const hosts = namesOf("Node", false);
const page = { rows: DEFAULT_ROWS, columns: DEFAULT_COLUMNS, findings: FINDINGS_PAGE };

/** Each kind as the page asks for it (components/explorer/explorer.tsx viewQuery), and the API's element views. */
const kinds: [string, (v: string) => ViewQuery, string[]][] = [
  ["namespace filter (matrix)", (namespace) => ({ namespace, aggregate: true, ...page }), namespaces],
  ["network filter (matrix)", (network) => ({ network, aggregate: true, ...page }), networks],
  ["network view (page)", (network) => ({ network, aggregate: "network", ...page }), networks],
  ["host filter", (host) => ({ host }), hosts],
  ["namespace (API, elements)", (namespace) => ({ namespace }), namespaces],
  ["network (API, elements)", (network) => ({ network }), networks],
];
/** Per kind, the values asked: runs different ones (the first cold), then the first again (kept). */
const asks = kinds.map(([label, query, all]) => {
  const values = spreadOver(all, runs);
  return { label, queries: [...values, values[0] ?? ""].map(query) };
});
const load = () =>
  loadavg()
    .map((l) => l.toFixed(1))
    .join(" ");
const ms = (x: number) => x.toFixed(1);
const summary = (xs: number[]) =>
  xs.length === 0 ? "-" : `${ms(median(xs))} [${ms(Math.min(...xs))}–${ms(Math.max(...xs))}]`;
console.log(`${size.nodes} nodes, ${size.pods} pods, ${size.nads} NADs; load ${load()}`);

if (!opt.http) {
  const source = new StaticSource({ kind: "demo", label: "bench", writes: "memory" }, snapshotFromObjects(objects));
  const feed = feedOf(source);
  await feed.current();
  await new Promise((r) => setTimeout(r, Number(opt.idle) * 1000));
  // which checkout's lib this is (run with another's tsconfig, `@/` is that checkout's): parts made ahead or not
  const shardSummary = await import("@/lib/store/shard-summary");
  const names = [...feed.store.shardNames()];
  const made =
    "hasParts" in shardSummary ? names.filter((n) => shardSummary.hasParts(feed.store.shard(n) as never)).length : "-";
  console.log(
    `shards with parts after ${opt.idle} s idle: ${made}/${names.length} (-: a checkout without parts made ahead)`,
  );
  const session = opt.profile ? new Session() : null;
  session?.connect();
  await session?.post("Profiler.enable");
  for (const { label, queries } of asks) {
    const rows: { join: number; snapshot: number; sse: number; bytes: number; cpu: number; parts: number }[] = [];
    for (const [i, q] of queries.entries()) {
      const profiling = session && i <= 1 && label.startsWith("namespace filter");
      if (profiling) await session.post("Profiler.start");
      takeWork();
      const c0 = process.cpuUsage();
      const t0 = performance.now();
      const { channel, leave } = joinChannel(feed, q);
      const t1 = performance.now();
      const text = channel.since(null)[0]?.text ?? "";
      const t2 = performance.now();
      // tRPC's SSE: each yielded value is JSON.stringify'd onto a `data:` line
      const data = `data: ${JSON.stringify(text)}\n\n`;
      const t3 = performance.now();
      const used = process.cpuUsage(c0);
      const cpu = (used.user + used.system) / 1000;
      const parts = takeWork().shardParts;
      if (profiling) {
        const { profile } = await session.post("Profiler.stop");
        const self = new Map<string, number>();
        const dt = (profile.timeDeltas ?? []).reduce((a, b) => a + b, 0) / Math.max(1, profile.samples?.length ?? 1);
        const byId = new Map(profile.nodes.map((n) => [n.id, n]));
        for (const id of profile.samples ?? []) {
          const f = byId.get(id)?.callFrame;
          const key = `${f?.functionName || "(anonymous)"} ${f?.url.replace(/^.*\/(lib|server|node_modules)\//, "$1/")}:${f?.lineNumber}`;
          self.set(key, (self.get(key) ?? 0) + dt / 1000);
        }
        console.log(
          `CPU profile of the ${i === 0 ? "first (cold)" : "second (warm)"} ${label}'s answer (${ms(t3 - t0)} ms), top frames by self time:`,
        );
        for (const [k, v] of [...self].sort((a, b) => b[1] - a[1]).slice(0, 20))
          console.log(`${v.toFixed(1).padStart(8)} ms  ${k}`);
      }
      rows.push({ join: t1 - t0, snapshot: t2 - t1, sse: t3 - t2, bytes: Buffer.byteLength(data), cpu, parts });
      leave();
    }
    const cold = rows[0];
    const warm = rows.slice(1, -1);
    const kept = rows.at(-1);
    const part = (r: (typeof rows)[number]) =>
      `${ms(r.join + r.snapshot + r.sse)} ms (made ${ms(r.join)}, serialised ${ms(r.snapshot)}, SSE ${ms(r.sse)}; CPU ${ms(r.cpu)}, shard parts made ${r.parts})`;
    console.log(
      `${label.padEnd(26)} cold ${cold ? part(cold) : "-"}; warm n=${warm.length} total ${summary(warm.map((r) => r.join + r.snapshot + r.sse))} ms (made ${summary(warm.map((r) => r.join))}, serialised ${summary(warm.map((r) => r.snapshot))}, SSE ${summary(warm.map((r) => r.sse))}; CPU ${summary(warm.map((r) => r.cpu))}, shard parts made ${summary(warm.map((r) => r.parts))}); kept ${kept ? part(kept) : "-"}; ${mib(median(rows.map((r) => r.bytes)))}`,
    );
  }
  console.log(`load at the end ${load()}`);
  process.exit(0);
}

// Over HTTP: each build serves the cluster from a snapshot file; asks interleaved build by build.
const dir = await mkdtemp(path.join(tmpdir(), "plumbline-view-first-"));
const file = path.join(dir, "cluster.json");
await writeFile(file, JSON.stringify({ apiVersion: "v1", kind: "List", items: objects }));
async function serve(name: string, cwd: string) {
  const { base, pid, stop } = await serveSnapshot(cwd, file);
  // the store built and the cluster view's channel up, as an open page leaves it
  const warm = subscribe(base, { ...page });
  await warm.first;
  warm.close();
  return { name, base, pid, stop };
}
/**
 * The server's CPU time so far, ms: every thread's time on a CPU (/proc schedstat, ns; start.sh execs node, so the
 * spawned pid is the server's), what a loaded machine inflates far less than the wall time.
 */
async function cpuOf(pid: number): Promise<number> {
  const tasks = await readdir(`/proc/${pid}/task`).catch(() => [] as string[]);
  let ns = 0;
  for (const t of tasks) {
    const text = await readFile(`/proc/${pid}/task/${t}/schedstat`, "utf8").catch(() => "0");
    ns += Number(text.split(" ")[0]);
  }
  return ns / 1e6;
}
const servers: Awaited<ReturnType<typeof serve>>[] = [];
try {
  servers.push(await serve(`this (${opt.build ?? process.cwd()})`, opt.build ?? process.cwd()));
  for (const ref of opt.reference ?? []) servers.push(await serve(`reference (${ref})`, ref));
  console.log(`servers up; load ${load()}`);
  const table: string[] = [];
  for (const { label, queries } of asks) {
    const times = servers.map(() => [] as number[]);
    const cpus = servers.map(() => [] as number[]);
    let bytes = 0;
    for (const q of queries)
      for (const [k, s] of servers.entries()) {
        const c = await cpuOf(s.pid);
        const t = performance.now();
        const sub = subscribe(s.base, q);
        const first = await sub.first;
        const used = (await cpuOf(s.pid)) - c;
        sub.close();
        bytes = first.bytes;
        times[k]?.push(first.at - t);
        cpus[k]?.push(used);
      }
    const cells = times.map((xs, k) => {
      const cs = cpus[k] ?? [];
      const at = (i: number) => `${ms(xs.at(i) ?? NaN)} (CPU ${ms(cs.at(i) ?? NaN)})`;
      return `cold ${at(0)}, warm ${summary(xs.slice(1, -1))} (CPU ${summary(cs.slice(1, -1))}), kept ${at(-1)}`;
    });
    table.push(`| ${label} (${mib(bytes)}) | ${cells.join(" | ")} |`);
  }
  console.log(
    `\n| ms to the first message over HTTP (the server's CPU ms), load at the end ${load()} | ${servers.map((s) => s.name).join(" | ")} |`,
  );
  console.log(`|---|${servers.map(() => "---|").join("")}`);
  for (const row of table) console.log(row);
} finally {
  for (const s of servers) s.stop();
  await rm(dir, { recursive: true, force: true });
}
