/**
 * A new view's first message, view kind by view kind, as the page asks for it after a filter: the server's time from
 * the subscription to the first message, and where it goes. In process (a generated cluster in a StaticSource, no
 * HTTP): the channel made (the view assembled and what was sent noted, `joinChannel`), its snapshot serialised
 * (`since(null)`), and tRPC's SSE framing of that text (`JSON.stringify` of the string, as httpSubscriptionLink's
 * `data:` line carries it). Each kind is asked for `--runs` different values: the first is cold (the first view of
 * its kind in the process), the others warm (another value of the kind, the code warm); then the first value again
 * (kept: its channel lingers, LINGER_MS). `--profile`: a CPU profile of the first namespace view's answer and the second's, their
 * top frames by self time. `--http`: the same asks over HTTP/SSE to this checkout's production build (`npx next build`)
 * serving the cluster as a snapshot, and to each `--reference DIR` build in turn, ask by ask (the builds meet the same
 * load): the first message's last byte.
 *
 *   npx tsx --tsconfig tsconfig.json scripts/bench/view-first.ts [--nodes 500 --pods 20000 --nads 200] [--runs 6]
 *     [--profile] [--http [--build DIR] [--reference DIR ...]]
 */
import { spawn } from "node:child_process";
import { mkdtemp, rm, writeFile } from "node:fs/promises";
import { Session } from "node:inspector/promises";
import { loadavg, tmpdir } from "node:os";
import path from "node:path";
import { parseArgs } from "node:util";
import { snapshotFromObjects } from "@/lib/k8s/snapshot";
import { DEFAULT_COLUMNS } from "@/lib/overview/columns";
import { DEFAULT_ROWS } from "@/lib/overview/rows";
import { FINDINGS_PAGE, type ViewQuery } from "@/lib/wire/view-protocol";
import { StaticSource } from "@/server/sources/static-source";
import { feedOf } from "@/server/topology-feed";
import { joinChannel } from "@/server/view-channel";
import { syntheticCluster } from "@/testing/fixtures/synthetic-cluster";
import { freePort, median, mib } from "./big/measure";
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
    const rows: { join: number; snapshot: number; sse: number; bytes: number }[] = [];
    for (const [i, q] of queries.entries()) {
      const profiling = session && i <= 1 && label.startsWith("namespace filter");
      if (profiling) await session.post("Profiler.start");
      const t0 = performance.now();
      const { channel, leave } = joinChannel(feed, q);
      const t1 = performance.now();
      const text = channel.since(null)[0]?.text ?? "";
      const t2 = performance.now();
      // tRPC's SSE: each yielded value is JSON.stringify'd onto a `data:` line
      const data = `data: ${JSON.stringify(text)}\n\n`;
      const t3 = performance.now();
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
      rows.push({ join: t1 - t0, snapshot: t2 - t1, sse: t3 - t2, bytes: Buffer.byteLength(data) });
      leave();
    }
    const cold = rows[0];
    const warm = rows.slice(1, -1);
    const kept = rows.at(-1);
    const part = (r: { join: number; snapshot: number; sse: number }) =>
      `${ms(r.join + r.snapshot + r.sse)} ms (made ${ms(r.join)}, serialised ${ms(r.snapshot)}, SSE ${ms(r.sse)})`;
    console.log(
      `${label.padEnd(26)} cold ${cold ? part(cold) : "-"}; warm n=${warm.length} total ${summary(warm.map((r) => r.join + r.snapshot + r.sse))} ms (made ${summary(warm.map((r) => r.join))}, serialised ${summary(warm.map((r) => r.snapshot))}, SSE ${summary(warm.map((r) => r.sse))}); kept ${kept ? part(kept) : "-"}; ${mib(median(rows.map((r) => r.bytes)))}`,
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
  const port = await freePort();
  const base = `http://127.0.0.1:${port}`;
  const server = spawn("bash", ["scripts/start.sh"], {
    cwd,
    env: { ...process.env, PLUMBLINE_SOURCE: "snapshot", PLUMBLINE_SNAPSHOT: file, PORT: String(port) },
    stdio: "ignore",
    detached: true,
  });
  for (let i = 0; i < 600; i++) {
    const ok = await fetch(`${base}/api/healthz`).then(
      (r) => r.ok,
      () => false,
    );
    if (ok) break;
    await new Promise((r) => setTimeout(r, 200));
  }
  // the store built and the cluster view's channel up, as an open page leaves it
  const warm = subscribe(base, { ...page });
  await warm.first;
  warm.close();
  return { name, base, stop: () => server.pid && process.kill(-server.pid, "SIGTERM") };
}
const servers: Awaited<ReturnType<typeof serve>>[] = [];
try {
  servers.push(await serve(`this (${opt.build ?? process.cwd()})`, opt.build ?? process.cwd()));
  for (const ref of opt.reference ?? []) servers.push(await serve(`reference (${ref})`, ref));
  console.log(`servers up; load ${load()}`);
  const table: string[] = [];
  for (const { label, queries } of asks) {
    const times = servers.map(() => [] as number[]);
    let bytes = 0;
    for (const q of queries)
      for (const [k, s] of servers.entries()) {
        const t = performance.now();
        const sub = subscribe(s.base, q);
        const first = await sub.first;
        sub.close();
        bytes = first.bytes;
        times[k]?.push(first.at - t);
      }
    const cells = times.map(
      (xs) => `cold ${ms(xs[0] ?? NaN)}, warm ${summary(xs.slice(1, -1))}, kept ${ms(xs.at(-1) ?? NaN)}`,
    );
    table.push(`| ${label} (${mib(bytes)}) | ${cells.join(" | ")} |`);
  }
  console.log(
    `\n| ms to the first message over HTTP, load at the end ${load()} | ${servers.map((s) => s.name).join(" | ")} |`,
  );
  console.log(`|---|${servers.map(() => "---|").join("")}`);
  for (const row of table) console.log(row);
} finally {
  for (const s of servers) s.stop();
  await rm(dir, { recursive: true, force: true });
}
