/**
 * Spike (not shipped): the price of building half the cold start's shards on a worker_thread. The synthetic 20k is
 * stamped as the live source stamps it; one round builds every shard on this thread ("main"), the other sends the
 * odd shards' inputs (the snapshot less the other shards' pods) to a worker, builds the even ones here meanwhile, and
 * takes the worker's results back, either as a structured clone ("clone") or as JSON strings parsed here ("json").
 * Timed on this thread: the send (postMessage serialises synchronously), its own half, the wait, the receive
 * (receiveMessageOnPort deserialises synchronously) and the adoption (JSON: parse and relink).
 *   npx tsx --tsconfig tsconfig.json scripts/bench/pool-spike/main.ts [--runs 7]
 */
import { readFileSync } from "node:fs";
import { loadavg } from "node:os";
import { resolve } from "node:path";
import { parseArgs } from "node:util";
import { MessageChannel, receiveMessageOnPort, Worker } from "node:worker_threads";
import type { Finding, InterfaceElement, TopologyElement, TopologyLink } from "@/lib/contract/schema";
import { type ClusterSnapshot, snapshotFromObjects } from "@/lib/k8s/snapshot";
import type { ShardResult } from "@/lib/store/shard";
import { shardOf } from "@/lib/store/shard";
import { parsedAnnotations } from "@/lib/topology/pod-annotations";
import { syntheticCluster } from "@/testing/fixtures/synthetic-cluster";
import { median } from "../big/measure";
import { prepare, resultJson } from "./shared";

const { values: opt } = parseArgs({
  options: {
    nodes: { type: "string", default: "500" },
    pods: { type: "string", default: "20000" },
    nads: { type: "string", default: "200" },
    runs: { type: "string", default: "7" },
  },
});
const size = { nodes: Number(opt.nodes), pods: Number(opt.pods), nads: Number(opt.nads), seed: 1 };
function input(): ClusterSnapshot {
  const snap = snapshotFromObjects(syntheticCluster(size));
  for (const pod of snap.pods) parsedAnnotations(pod);
  return snap;
}

const thread = resolve("scripts/bench/pool-spike/thread.ts");
const worker = new Worker(`require("tsx/cjs"); require(${JSON.stringify(thread)})`, { eval: true });
const done = () => new Promise<{ prepare: number; build: number; send: number }>((ok) => worker.once("message", ok));

interface Flat {
  elements: TopologyElement[];
  links: TopologyLink[];
  findings: Finding[];
  pods: [string, string[]][];
  interfaces: { element: string; podKey: string; seq: number; migratingVm?: string }[];
  cross: { podKey: string; network: string; elements: string[]; links: TopologyLink[] }[];
}
/** A worker's JSON made a ShardResult again: maps rebuilt, interfaces and fragments pointing at its own elements. */
function adopt(json: string): ShardResult {
  const f = JSON.parse(json) as Flat;
  const elements = new Map(f.elements.map((e) => [e.id, e]));
  const el = (id: string) => elements.get(id) as TopologyElement;
  return {
    elements,
    links: f.links,
    findings: f.findings,
    pods: new Map(f.pods),
    interfaces: f.interfaces.map((i) => ({ ...i, element: el(i.element) as InterfaceElement })),
    cross: f.cross.map((c) => ({ ...c, elements: c.elements.map(el) })),
  };
}

type Row = Record<string, number>;
const rows = new Map<string, Row[]>();
const note = (mode: string, r: Row) => rows.set(mode, [...(rows.get(mode) ?? []), r]);
const now = () => performance.now();
/** this (the main) thread's CPU in ms, from /proc (10 ms ticks): wall on a shared machine is mostly queueing */
const threadCpu = (): number => {
  const stat = readFileSync(`/proc/self/task/${process.pid}/stat`, "utf8");
  const f = stat.slice(stat.lastIndexOf(")") + 2).split(" ");
  return (Number(f[11]) + Number(f[12])) * 10;
};
const processCpu = () => {
  const u = process.cpuUsage();
  return (u.user + u.system) / 1000;
};

async function round(mode: "main" | "clone" | "json", check: boolean): Promise<void> {
  const snap = input();
  (globalThis as { gc?: () => void }).gc?.();
  const c0 = threadCpu();
  const p0 = processCpu();
  const t0 = now();
  const p = prepare(snap);
  const names = [...p.inputs.allShards()];
  const mine = names.filter((_, i) => i % 2 === 0);
  const theirs = names.filter((_, i) => i % 2 === 1);
  const t1 = now();
  if (mode === "main") {
    const a = mine.map((n) => p.build(n));
    const t2 = now();
    const b = theirs.map((n) => p.build(n));
    const t3 = now();
    const cpu = threadCpu() - c0;
    note(mode, {
      prepare: t1 - t0,
      mine: t2 - t1,
      theirs: t3 - t2,
      wall: t3 - t0,
      thread: t3 - t0,
      cpu,
      all: processCpu() - p0,
    });
    const pair = (n: string, r: ShardResult | null | undefined): [string, ShardResult | null] => [n, r ?? null];
    if (check) main = new Map([...mine.map((n, i) => pair(n, a[i])), ...theirs.map((n, i) => pair(n, b[i]))]);
    return;
  }
  const wanted = new Set(theirs);
  const part: ClusterSnapshot = { ...snap, pods: snap.pods.filter((pod) => wanted.has(shardOf(pod))) };
  const { port1, port2 } = new MessageChannel();
  const finished = done();
  const t2 = now();
  worker.postMessage({ snap: part, names: theirs, mode, port: port2 }, [port2]);
  const t3 = now();
  const a = mine.map((n) => p.build(n));
  const t4 = now();
  const w = await finished;
  const t5 = now();
  const got = receiveMessageOnPort(port1)?.message as [string, ShardResult | string | null][];
  const t6 = now();
  const back = got.map(([n, r]) => [n, typeof r === "string" ? adopt(r) : r] as const);
  const t7 = now();
  port1.close();
  const cpu = threadCpu() - c0;
  const all = processCpu() - p0;
  const thread = t1 - t0 + (t2 - t1) + (t3 - t2) + (t4 - t3) + (t7 - t5);
  note(mode, {
    prepare: t1 - t0,
    filter: t2 - t1,
    send: t3 - t2,
    mine: t4 - t3,
    wait: t5 - t4,
    receive: t6 - t5,
    adopt: t7 - t6,
    wall: t7 - t0,
    thread,
    cpu,
    all,
    wPrepare: w.prepare,
    wBuild: w.build,
    wSend: w.send,
  });
  if (check) {
    const built = new Map([...mine.map((n, i) => [n, a[i]] as const), ...back]);
    let same = 0;
    for (const [n, r] of main) if (resultJson(r ?? null) === resultJson(built.get(n) ?? null)) same++;
    console.error(`[spike] ${mode}: ${same}/${main.size} shards equal to the one-thread build`);
  }
}
let main = new Map<string, ShardResult | null>();

console.error(`[spike] ${size.nodes} nodes, ${size.pods} pods, ${size.nads} NADs; load ${loadavg()[0]?.toFixed(1)}`);
const loads: number[] = [];
await round("main", true);
await round("clone", true);
await round("json", true);
rows.clear();
const runs = Number(opt.runs);
for (let i = 0; i < runs; i++) {
  const order = (["main", "clone", "json"] as const).slice();
  for (const m of i % 2 ? order.reverse() : order) await round(m, false);
  loads.push(loadavg()[0] ?? 0);
  console.error(`[spike] run ${i + 1} done`);
}
const fmt = (xs: number[]) =>
  xs.length ? `${median(xs).toFixed(0)} (${Math.min(...xs).toFixed(0)}–${Math.max(...xs).toFixed(0)})` : "";
const keys = [
  "wall",
  "thread",
  "cpu",
  "all",
  "prepare",
  "filter",
  "send",
  "mine",
  "theirs",
  "wait",
  "receive",
  "adopt",
  "wPrepare",
  "wBuild",
  "wSend",
];
console.log(`load ${Math.min(...loads).toFixed(1)}–${Math.max(...loads).toFixed(1)}; ms, median (min–max) of ${runs}`);
console.log("| ms | main | clone | json |\n|---|---:|---:|---:|");
for (const k of keys)
  console.log(
    `| ${k} | ${["main", "clone", "json"].map((m) => fmt((rows.get(m) ?? []).map((r) => r[k]).filter((x): x is number => x !== undefined))).join(" | ")} |`,
  );
await worker.terminate();
