/**
 * What one pod change costs the server's views, in process (no HTTP, no browser): a generated cluster in a
 * StaticSource, N distinct views subscribed (the big-cluster bench's mix: the cluster, hosts, namespaces, networks,
 * pods), then rounds of one pod's new address. Per round: the store's rebuild and commit, and the time every view
 * channel takes to turn the commit into its delta (between two feed listeners placed around the channels'), with one
 * view and with N, so the figure that matters is the ratio N : 1 (ideally ~1: views the change does not touch
 * should cost nothing).
 *
 *   npx tsx --tsconfig tsconfig.json scripts/bench/view-commit.ts [--nodes 500] [--pods 20000] [--nads 200]
 *     [--views 19] [--rounds 7] [--change ip|mac] [--by-kind]
 */
import { parseArgs } from "node:util";
import type { KubeObject } from "@/lib/k8s/objects";
import { snapshotFromObjects } from "@/lib/k8s/snapshot";
import { NETWORK_STATUS_ANNOTATION } from "@/lib/pod/annotations";
import { takeWork, type Work } from "@/lib/store/work";
import type { ViewQuery } from "@/lib/wire/view-protocol";
import { StaticSource } from "@/server/sources/static-source";
import { feedOf } from "@/server/topology-feed";
import { joinChannel } from "@/server/view-channel";
import { syntheticCluster } from "@/testing/fixtures/synthetic-cluster";
import { distinctViews } from "./big/rounds";
import { viewBenchOptions } from "./views-options";

const { values } = parseArgs({
  options: {
    ...viewBenchOptions(7),
    // ip: an address outside the network's range (a finding names the network: the views holding it recompute);
    // mac: a new MAC, which no finding reads (only the views showing the pod recompute)
    change: { type: "string", default: "ip" },
    // also one row per view kind: the changed pod's own view plus the views of that kind alone
    "by-kind": { type: "boolean", default: false },
  },
});
const size = { nodes: Number(values.nodes), pods: Number(values.pods), nads: Number(values.nads), seed: 26 };
const rounds = Number(values.rounds);

const stats = (xs: number[]) => {
  const s = [...xs].sort((a, b) => a - b);
  const f = (n: number | undefined) => `${(n ?? 0).toFixed(1)} ms`;
  return `median ${f(s[Math.floor(s.length / 2)])} (min ${f(s[0])}, max ${f(s.at(-1))}, n=${s.length})`;
};

const hex = (n: number) => n.toString(16).padStart(2, "0");

function changed(pod: KubeObject, i: number): KubeObject {
  const status = JSON.parse(pod.metadata.annotations?.[NETWORK_STATUS_ANNOTATION] ?? "[]") as {
    ips: string[];
    mac: string;
  }[];
  const ip = `100.127.${(i >> 8) & 255}.${i & 255}`;
  if (status[1] && values.change === "mac") status[1].mac = `02:ee:00:00:${hex((i >> 8) & 255)}:${hex(i & 255)}`;
  else if (status[1]) status[1].ips = [ip];
  const annotations = { ...pod.metadata.annotations, [NETWORK_STATUS_ANNOTATION]: JSON.stringify(status) };
  return { ...pod, metadata: { ...pod.metadata, annotations, resourceVersion: ip } };
}

/** One source with `views` subscribed; per round the store's time and the channels' time, in ms. */
async function measure(objects: KubeObject[], pod: KubeObject, views: ViewQuery[]) {
  const source = new StaticSource({ kind: "demo", label: "bench", writes: "memory" }, snapshotFromObjects(objects));
  const feed = feedOf(source);
  let synced = 0;
  let before = 0;
  let after = 0;
  // CPU time of the process between the same two listeners: on a loaded machine wall time counts the waits for a core
  let cpuBefore = process.cpuUsage();
  let cpuAfter = cpuBefore;
  feed.listen(() => {
    before = performance.now();
    cpuBefore = process.cpuUsage();
  });
  await feed.current();
  const joined = views.map((q) => joinChannel(feed, q));
  feed.listen(() => {
    after = performance.now();
    cpuAfter = process.cpuUsage(cpuBefore);
  });
  const store: number[] = [];
  const channels: number[] = [];
  const cpu: number[] = [];
  let work: Work | null = null;
  for (let i = 0; i < rounds; i++) {
    const start = performance.now();
    takeWork();
    source.put(changed(pod, i));
    await feed.current();
    work = takeWork();
    synced = performance.now();
    // the feed waits COALESCE_MS before it starts: that wait is neither the store's nor the views'
    store.push(before - start - 10);
    channels.push(after - before);
    cpu.push((cpuAfter.user + cpuAfter.system) / 1000);
    if (synced < after) throw new Error("listeners ran after the feed caught up");
  }
  for (const j of joined) j.leave();
  return { store, channels, cpu, work };
}

const objects = syntheticCluster(size);
const pods = objects.filter((o) => o.kind === "Pod");
const pod = pods[Math.floor(pods.length / 3)] as KubeObject;
const views = distinctViews(objects, pod, Number(values.views));
const own: ViewQuery = { pod: `${pod.metadata.namespace}/${pod.metadata.name}` };
console.log(
  `${size.nodes} nodes, ${size.pods} pods, ${size.nads} NADs, change: ${values.change}; load ${(await loadAverage()).join(" ")}`,
);
console.log(`views: ${views.map((v) => Object.keys(v)[0] ?? "cluster").join(", ")}`);
// Interleaved, so both see the same machine: one view (the changed pod's own), then it and the N others.
const one: number[] = [];
const many: number[] = [];
const oneCpu: number[] = [];
const manyCpu: number[] = [];
const storeTimes: number[] = [];
let work: { one: Work | null; many: Work | null } = { one: null, many: null };
for (let pass = 0; pass < 2; pass++) {
  const a = await measure(objects, pod, [own]);
  const b = await measure(objects, pod, [own, ...views]);
  one.push(...a.channels.slice(1));
  many.push(...b.channels.slice(1));
  oneCpu.push(...a.cpu.slice(1));
  manyCpu.push(...b.cpu.slice(1));
  storeTimes.push(...a.store.slice(1), ...b.store.slice(1));
  work = { one: a.work, many: b.work };
}
const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)] ?? 0;
console.log(`store rebuild + commit per change: ${stats(storeTimes)}`);
console.log(`views' deltas, 1 view:        ${stats(one)}`);
console.log(`views' deltas, ${views.length + 1} views:       ${stats(many)}`);
console.log(
  `ratio ${views.length + 1} views : 1 view (medians): ${(median(many) / Math.max(median(one), 0.01)).toFixed(1)}`,
);
console.log(`views' deltas, CPU time, 1 view:  ${stats(oneCpu)}`);
console.log(`views' deltas, CPU time, ${views.length + 1} views: ${stats(manyCpu)}`);
// counted, not timed (lib/store/work.ts): what one change cost the store and the views, the same at any cluster size
console.log(`work per change, 1 view:  ${JSON.stringify(work.one)}`);
console.log(`work per change, ${views.length + 1} views: ${JSON.stringify(work.many)}`);

if (values["by-kind"]) {
  const kindOf = (v: ViewQuery) => Object.keys(v)[0] ?? "cluster";
  for (const kind of [...new Set(views.map(kindOf))]) {
    const some = views.filter((v) => kindOf(v) === kind);
    const times: number[] = [];
    const cpu: number[] = [];
    let counted: Work | null = null;
    for (let pass = 0; pass < 2; pass++) {
      const m = await measure(objects, pod, [own, ...some]);
      times.push(...m.channels.slice(1));
      cpu.push(...m.cpu.slice(1));
      counted = m.work;
    }
    const ratio = (median(cpu) / Math.max(median(oneCpu), 0.01)).toFixed(1);
    console.log(
      `own pod + ${some.length} ${kind} view(s): wall ${stats(times)}; CPU ${stats(cpu)}; CPU ratio to 1 view ${ratio}`,
    );
    console.log(`  work per change: ${JSON.stringify(counted)}`);
  }
}

async function loadAverage(): Promise<string[]> {
  const { loadavg } = await import("node:os");
  return loadavg().map((l) => l.toFixed(1));
}
