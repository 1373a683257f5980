/**
 * What one pod's change costs the live source's snapshot and the store's intake, in process, both ways in the same
 * run: the generated cluster's objects held as an informer holds them (one part per kind), then rounds of one pod's
 * new address. Each round is handed to two stores: one as before (partsSnapshot, every object of every kind stamped,
 * keyed and copied; the store's intake checks each pod by identity), one as the change itself (parts-picture.ts: the
 * informer's event changes the pods' list by key; the intake takes that change alone). Prints the medians (and
 * min/max) of each step per change, and the store's work counters.
 *
 *   npx tsx --tsconfig tsconfig.json scripts/bench/intake-change.ts [--nodes 500] [--pods 20000] [--nads 200]
 *     [--rounds 9]
 */
import { loadavg } from "node:os";
import { parseArgs } from "node:util";
import type { KubernetesObject } from "@kubernetes/client-node";
import type { KubeObject } from "@/lib/k8s/objects";
import { slotOf } from "@/lib/k8s/snapshot";
import { NETWORK_STATUS_ANNOTATION } from "@/lib/pod/annotations";
import { TopologyStore } from "@/lib/store/store";
import { takeWork } from "@/lib/store/work";
import type { Part, PartInformer } from "@/server/sources/live/parts";
import { partsSnapshot } from "@/server/sources/live/parts";
import { PartsPicture } from "@/server/sources/live/parts-picture";
import { WATCHED } from "@/server/sources/live/resources";
import { syntheticCluster } from "@/testing/fixtures/synthetic-cluster";
import { viewBenchOptions } from "./views-options";

const { values } = parseArgs({ options: viewBenchOptions(9) });
const size = { nodes: Number(values.nodes), pods: Number(values.pods), nads: Number(values.nads), seed: 26 };
const load = () =>
  loadavg()
    .map((l) => l.toFixed(1))
    .join(" ");
console.log(`${size.nodes} nodes, ${size.pods} pods, ${size.nads} NADs; load ${load()}`);

const objects = syntheticCluster(size);
/** an informer's cache: its objects by namespace/name, in the order they came */
const caches = new Map<Part, Map<string, KubernetesObject>>();
const picture = new PartsPicture();
const stamps = new WeakMap<KubernetesObject, KubeObject | null>();
const parts: Part[] = [];
for (const resource of WATCHED) {
  if (resource.slot === "events" && parts.some((p) => p.resource.slot === "events")) continue;
  const cache = new Map<string, KubernetesObject>();
  for (const o of objects)
    if (slotOf(o.apiVersion, o.kind) === resource.slot && o.kind === resource.kind)
      cache.set(`${o.metadata.namespace}/${o.metadata.name}`, structuredClone(o));
  const informer = { list: () => [...cache.values()] } as unknown as PartInformer;
  const part: Part = { resource, informer, state: { kind: "synced" }, everSynced: true, attempt: 0, starting: false };
  parts.push(part);
  caches.set(part, cache);
}
const podPart = parts.find((p) => p.resource.slot === "pods");
const podCache = podPart && caches.get(podPart);
if (!podPart || !podCache) throw new Error("no pods part");

const before = new TopologyStore();
const after = new TopologyStore();
before.sync(partsSnapshot(parts, stamps));
before.flush();
after.sync(picture.snapshot(parts, stamps));
after.flush();

const key = [...podCache.keys()][Math.floor(podCache.size / 3)] ?? "";
const times = { wholeSnapshot: [] as number[], wholeIntake: [] as number[], keptSnapshot: [], keptIntake: [] };
const work: Record<string, ReturnType<typeof takeWork>> = {};
for (let i = 0; i < Number(values.rounds); i++) {
  const pod = podCache.get(key) as KubeObject;
  const status = JSON.parse(pod.metadata.annotations?.[NETWORK_STATUS_ANNOTATION] ?? "[]") as { ips: string[] }[];
  if (status[1]) status[1].ips = [`100.127.${(i >> 8) & 255}.${i & 255}`];
  const annotations = { ...pod.metadata.annotations, [NETWORK_STATUS_ANNOTATION]: JSON.stringify(status) };
  const next = { ...pod, metadata: { ...pod.metadata, annotations, resourceVersion: `r${i}` } };
  podCache.set(key, next as KubernetesObject);
  picture.note(podPart.informer, next as KubernetesObject, false);
  // the two ways one after the other, which goes first alternating
  const ways = [
    () => timed(before, () => partsSnapshot(parts, stamps), times.wholeSnapshot, times.wholeIntake, "whole"),
    () => timed(after, () => picture.snapshot(parts, stamps), times.keptSnapshot, times.keptIntake, "kept"),
  ];
  for (const way of i % 2 ? ways.reverse() : ways) way();
}

function timed(
  store: TopologyStore,
  snapshot: () => ReturnType<typeof partsSnapshot>,
  snaps: number[],
  intakes: number[],
  name: string,
) {
  const t0 = performance.now();
  const snap = snapshot();
  const t1 = performance.now();
  takeWork();
  store.sync(snap);
  const t2 = performance.now();
  work[name] = takeWork();
  store.flush();
  snaps.push(t1 - t0);
  intakes.push(t2 - t1);
}

const stat = (xs: number[]) => {
  const s = [...xs].sort((a, b) => a - b);
  const f = (x: number | undefined) => (x ?? 0).toFixed(2);
  return `median ${f(s[Math.floor(s.length / 2)])} ms (min ${f(s[0])}, max ${f(s.at(-1))})`;
};
console.log(`per change, ${values.rounds} rounds, load ${load()} at the end:`);
console.log(`  as before — snapshot (partsSnapshot):      ${stat(times.wholeSnapshot)}`);
console.log(`  as before — store.sync (identity pass):    ${stat(times.wholeIntake)}`);
console.log(`  the change — snapshot (PartsPicture):      ${stat(times.keptSnapshot)}`);
console.log(`  the change — store.sync (change taken):    ${stat(times.keptIntake)}`);
console.log(`  work as before: checked ${work.whole?.checked}, judged ${work.whole?.judged}`);
console.log(`  work the change: checked ${work.kept?.checked}, judged ${work.kept?.judged}`);
process.exit(0);
