/**
 * What one pod change costs the server's views, in process (no HTTP, no browser): a generated cluster in a
 * StaticSource, N distinct views subscribed (the big-cluster bench's mix: the cluster, hosts, namespaces, networks,
 * pods), then rounds of one pod's new address. Per round: the store's rebuild and commit, and the time every view
 * channel takes to turn the commit into its delta (between two feed listeners placed around the channels'), with one
 * view and with N, so the figure that matters is the ratio N : 1 (ideally ~1: views the change does not touch
 * should cost nothing).
 *
 *   npx tsx --tsconfig tsconfig.json scripts/bench/view-commit.ts [--nodes 500] [--pods 20000] [--nads 200]
 *     [--views 19] [--rounds 7] [--change ip|mac]
 */
import { parseArgs } from "node:util";
import type { KubeObject } from "@/lib/k8s/objects";
import { snapshotFromObjects } from "@/lib/k8s/snapshot";
import { NETWORK_STATUS_ANNOTATION } from "@/lib/pod/annotations";
import type { ViewQuery } from "@/lib/wire/view-protocol";
import { StaticSource } from "@/server/sources/static-source";
import { feedOf } from "@/server/topology-feed";
import { joinChannel } from "@/server/view-channel";
import { syntheticCluster } from "@/testing/fixtures/synthetic-cluster";
import { distinctViews } from "./big/rounds";

const { values } = parseArgs({
  options: {
    nodes: { type: "string", default: "500" },
    pods: { type: "string", default: "20000" },
    nads: { type: "string", default: "200" },
    views: { type: "string", default: "19" },
    rounds: { type: "string", default: "7" },
    // ip: an address outside the network's range (a finding names the network: the views holding it recompute);
    // mac: a new MAC, which no finding reads (only the views showing the pod recompute)
    change: { type: "string", default: "ip" },
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
  feed.listen(() => {
    before = performance.now();
  });
  await feed.current();
  const joined = views.map((q) => joinChannel(feed, q));
  feed.listen(() => {
    after = performance.now();
  });
  const store: number[] = [];
  const channels: number[] = [];
  for (let i = 0; i < rounds; i++) {
    const start = performance.now();
    source.put(changed(pod, i));
    await feed.current();
    synced = performance.now();
    // the feed waits COALESCE_MS before it starts: that wait is neither the store's nor the views'
    store.push(before - start - 10);
    channels.push(after - before);
    if (synced < after) throw new Error("listeners ran after the feed caught up");
  }
  for (const j of joined) j.leave();
  return { store, channels };
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
const storeTimes: number[] = [];
for (let pass = 0; pass < 2; pass++) {
  const a = await measure(objects, pod, [own]);
  const b = await measure(objects, pod, [own, ...views]);
  one.push(...a.channels.slice(1));
  many.push(...b.channels.slice(1));
  storeTimes.push(...a.store.slice(1), ...b.store.slice(1));
}
const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)] ?? 0;
console.log(`store rebuild + commit per change: ${stats(storeTimes)}`);
console.log(`views' deltas, 1 view:        ${stats(one)}`);
console.log(`views' deltas, ${views.length + 1} views:       ${stats(many)}`);
console.log(
  `ratio ${views.length + 1} views : 1 view (medians): ${(median(many) / Math.max(median(one), 0.01)).toFixed(1)}`,
);

async function loadAverage(): Promise<string[]> {
  const { loadavg } = await import("node:os");
  return loadavg().map((l) => l.toFixed(1));
}
