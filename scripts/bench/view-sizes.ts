/**
 * Each view's first message and what one pod change costs it, view by view, in process (no HTTP, no browser): a
 * generated cluster in a StaticSource, the big-cluster bench's 19 distinct views (lib: scripts/bench/big/rounds.ts,
 * as the page asks for them) subscribed, then rounds of one pod's new address. Per view: the bytes of its first
 * message (its snapshot) and the findings it holds of how many, the median wall time of its channel's refresh per
 * change (timed around each channel's own refresh) and the garbage collector's pauses inside those refreshes (V8's gc
 * entries, by when they ran: a pause lands in whichever channel's refresh is running when the heap fills, so a
 * channel's time can move with what the others allocate), and whether the change touched it. Run two sizes to see what
 * grows with the cluster:
 *
 *   npx tsx --tsconfig tsconfig.json scripts/bench/view-sizes.ts [--nodes 500] [--pods 20000] [--nads 200]
 *     [--views 19] [--rounds 5]
 */
import { Session } from "node:inspector/promises";
import { loadavg } from "node:os";
import { PerformanceObserver } from "node:perf_hooks";
import { parseArgs } from "node:util";
import type { KubeObject } from "@/lib/k8s/objects";
import { snapshotFromObjects } from "@/lib/k8s/snapshot";
import { DEFAULT_ROWS } from "@/lib/overview/rows";
import { NETWORK_STATUS_ANNOTATION } from "@/lib/pod/annotations";
import type { ViewQuery } from "@/lib/wire/view-protocol";
import { StaticSource } from "@/server/sources/static-source";
import { feedOf } from "@/server/topology-feed";
import { joinChannel, ViewChannel } from "@/server/view-channel";
import { syntheticCluster } from "@/testing/fixtures/synthetic-cluster";
import { distinctViews } from "./big/rounds";
import { viewBenchOptions } from "./views-options";

const { values } = parseArgs({
  options: {
    ...viewBenchOptions(5),
    // only these view kinds (comma-separated: cluster,host,namespace,network,pod), beside the changed pod's own
    kinds: { type: "string", default: "" },
    // print the rounds' top frames by self time (a CPU profile of the rounds only, not of the build)
    profile: { type: "boolean", default: false },
  },
});
const size = { nodes: Number(values.nodes), pods: Number(values.pods), nads: Number(values.nads), seed: 26 };

// Each channel's refresh timed on its own: the feed calls them one after the other.
const spent = new Map<ViewChannel, number[]>();
/** each refresh's CPU time (the process's, collector threads included): what a loaded machine inflates far less */
const cpu = new Map<ViewChannel, number[]>();
/** each refresh's start and end (performance.now(): the gc entries' clock) */
const windows = new Map<ViewChannel, [number, number][]>();
const refresh = ViewChannel.prototype.refresh;
ViewChannel.prototype.refresh = function (this: ViewChannel, ...args: Parameters<typeof refresh>) {
  const t = performance.now();
  const c = process.cpuUsage();
  refresh.apply(this, args);
  const used = process.cpuUsage(c);
  const end = performance.now();
  const cpus = cpu.get(this) ?? [];
  cpus.push((used.user + used.system) / 1000);
  cpu.set(this, cpus);
  const list = spent.get(this) ?? [];
  list.push(end - t);
  spent.set(this, list);
  const w = windows.get(this) ?? [];
  w.push([t, end]);
  windows.set(this, w);
};
// The collector's pauses, to be laid over the refreshes (entries come after the fact, with their start and duration)
const pauses: [number, number][] = [];
new PerformanceObserver((list) => {
  for (const e of list.getEntries()) pauses.push([e.startTime, e.startTime + e.duration]);
}).observe({ entryTypes: ["gc"] });
/** The collector's pause time inside [from, to]. */
const pausedIn = ([from, to]: [number, number]): number =>
  pauses.reduce((sum, [a, b]) => sum + Math.max(0, Math.min(b, to) - Math.max(a, from)), 0);

const objects = syntheticCluster(size);
const pods = objects.filter((o) => o.kind === "Pod");
const pod = pods[Math.floor(pods.length / 3)] as KubeObject;
const own: ViewQuery = { pod: `${pod.metadata.namespace}/${pod.metadata.name}` };
const kinds = values.kinds ? values.kinds.split(",") : null;
const kindOf = (v: ViewQuery) => Object.keys(v)[0] ?? "cluster";
// Beside the bench's views (a namespace or network there is the API's view, sent as its elements), the changed pod's
// namespace as the page asks for it: the cluster view filtered by it, drawn as the matrix (its overview's rows in sight).
const pageNamespace: ViewQuery = { namespace: pod.metadata.namespace ?? "", aggregate: true, rows: DEFAULT_ROWS };
// and the changed pod's network as the page's network view asks for it: its graph, or past the network graph's
// bounds its matrix (lib/overview/thresholds.ts pastNetworkGraph)
const podNetwork = (JSON.parse(pod.metadata.annotations?.[NETWORK_STATUS_ANNOTATION] ?? "[]") as { name: string }[])[1];
const pageNetwork: ViewQuery = { network: podNetwork?.name ?? "", aggregate: "network", rows: DEFAULT_ROWS };
const views = [
  own,
  ...distinctViews(objects, pod, Number(values.views)).filter((v) => !kinds || kinds.includes(kindOf(v))),
  ...(!kinds || kinds.includes("namespace") ? [pageNamespace] : []),
  ...((!kinds || kinds.includes("network")) && podNetwork ? [pageNetwork] : []),
];
console.log(
  `${size.nodes} nodes, ${size.pods} pods, ${size.nads} NADs; load ${loadavg()
    .map((l) => l.toFixed(1))
    .join(" ")}`,
);

const source = new StaticSource({ kind: "demo", label: "bench", writes: "memory" }, snapshotFromObjects(objects));
const feed = feedOf(source);
await feed.current();
const joined = views.map((q) => joinChannel(feed, q));
const firstTexts = joined.map((j) => j.channel.since(null)[0]?.text ?? "");
const first = firstTexts.map((t) => Buffer.byteLength(t));
// the findings a first message holds, and of how many (a view sent as its overview holds the worst: finding-window.ts)
const findingsHeld = firstTexts.map((t) => {
  const m = JSON.parse(t || "{}") as { findings?: unknown[]; findingTotals?: Record<string, number> };
  const all = m.findingTotals ? Object.values(m.findingTotals).reduce((a, b) => a + b, 0) : (m.findings?.length ?? 0);
  return `${m.findings?.length ?? 0}/${all}`;
});
spent.clear();
cpu.clear();
windows.clear();
const session = values.profile ? new Session() : null;
session?.connect();
await session?.post("Profiler.enable");
await session?.post("Profiler.start");
const revisions = joined.map(() => 0);
const roundsFrom = performance.now();
for (let i = 0; i < Number(values.rounds); i++) {
  const status = JSON.parse(pod.metadata.annotations?.[NETWORK_STATUS_ANNOTATION] ?? "[]") as { ips: string[] }[];
  if (status[1]) status[1].ips = [`100.127.${(i >> 8) & 255}.${i & 255}`];
  const annotations = { ...pod.metadata.annotations, [NETWORK_STATUS_ANNOTATION]: JSON.stringify(status) };
  const before = joined.map((j) => j.channel.revision);
  source.put({ ...pod, metadata: { ...pod.metadata, annotations, resourceVersion: `r${i}` } });
  await feed.current();
  for (const [k, j] of joined.entries()) {
    // a delta with anything in it: the view was computed again (an untouched one gets status + catalog only)
    const d = j.channel.since(before[k] ?? null).at(-1)?.text ?? "";
    if (d.length > 400) revisions[k] = (revisions[k] ?? 0) + 1;
  }
}
const roundsTo = performance.now();
// the observer's last entries delivered
await new Promise((resolve) => setTimeout(resolve, 200));
if (session) {
  const { profile } = await session.post("Profiler.stop");
  const self = new Map<string, number>();
  const dt = (profile.timeDeltas ?? []).reduce((a, b) => a + b, 0) / Math.max(1, profile.samples?.length ?? 1);
  const byId = new Map(profile.nodes.map((n) => [n.id, n]));
  for (const id of profile.samples ?? []) {
    const f = byId.get(id)?.callFrame;
    const key = `${f?.functionName || "(anonymous)"} ${f?.url.replace(/^.*\/wt-views\//, "")}:${f?.lineNumber}`;
    self.set(key, (self.get(key) ?? 0) + dt / 1000);
  }
  for (const [k, ms] of [...self].sort((a, b) => b[1] - a[1]).slice(0, 25))
    console.log(`${ms.toFixed(0).padStart(7)} ms  ${k}`);
}
const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)] ?? 0;
const kib = (b: number) => `${(b / 1024).toFixed(0)} KiB`;
let total = 0;
let totalGc = 0;
let totalCpu = 0;
for (const [k, j] of joined.entries()) {
  const times = spent.get(j.channel) ?? [];
  const gc = (windows.get(j.channel) ?? []).map(pausedIn);
  total += median(times);
  const cpus = cpu.get(j.channel) ?? [];
  totalCpu += median(cpus);
  totalGc += gc.reduce((a, b) => a + b, 0);
  const what = JSON.stringify(views[k]).slice(0, 90);
  console.log(
    `${what.padEnd(92)} first ${kib(first[k] ?? 0).padStart(9)} findings ${(findingsHeld[k] ?? "").padStart(7)}  change median ${median(times).toFixed(1).padStart(7)} ms (${times.map((t) => t.toFixed(0)).join("/")}; gc ${gc.map((g) => g.toFixed(0)).join("/")}; less gc median ${median(times.map((t, i) => t - (gc[i] ?? 0))).toFixed(1)} ms; cpu median ${median(cpus).toFixed(1)} ms)  non-empty deltas ${revisions[k]}/${values.rounds}`,
  );
}
console.log(`sum of the views' medians per change: ${total.toFixed(0)} ms, CPU ${totalCpu.toFixed(0)} ms`);
console.log(
  `the collector's pauses, all rounds: ${totalGc.toFixed(0)} ms inside the channels' refreshes, ${pausedIn([roundsFrom, roundsTo]).toFixed(0)} ms in all (${(roundsTo - roundsFrom).toFixed(0)} ms of rounds)`,
);
// What a first message sent as the overview is made of (what grows with hosts, what with networks)
for (const [k, t] of firstTexts.entries()) {
  const m = JSON.parse(t || "{}") as Record<string, unknown> & { elements?: { kind: string }[] };
  if (!m.overview) continue;
  const o = m.overview as Record<string, unknown[]> & { window?: { columns?: { count: number } } };
  const size = (v: unknown) => kib(Buffer.byteLength(JSON.stringify(v ?? null)));
  const els = (kind: string) => (m.elements ?? []).filter((e) => e.kind === kind);
  console.log(
    `  ${JSON.stringify(views[k]).slice(0, 60)}: network elements ${els("network").length} ${size(els("network"))}, host elements ${els("host").length} ${size(els("host"))}, columns ${o.networks?.length}/${o.window?.columns?.count ?? o.networks?.length} ${size(o.networks)}, rows ${o.hosts?.length} ${size(o.hosts)}, cells ${o.cells?.length} ${size(o.cells)}, catalog ${size(m.catalog)}, findings ${size(m.findings)}`,
  );
}
for (const j of joined) j.leave();
process.exit(0);
