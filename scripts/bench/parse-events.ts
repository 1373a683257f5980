/**
 * How fast the sandbox-failure parser reads real messages, and what a topology build pays for events.
 *   npx tsx --tsconfig tsconfig.json scripts/bench/parse-events.ts [rounds]
 */
import { performance } from "node:perf_hooks";
import corpus from "@/lib/cni-events/corpus/failure-messages.json";
import { parseCniFailure } from "@/lib/cni-events/parse-failure";
import { snapshotFromObjects } from "@/lib/k8s/snapshot";
import { buildTopology } from "@/lib/topology/build";

const rounds = Number(process.argv[2] ?? 50);
const stats = (xs: number[]) => {
  const s = [...xs].sort((a, b) => a - b);
  return { median: s[Math.floor(s.length / 2)] ?? 0, min: s[0] ?? 0, max: s[s.length - 1] ?? 0 };
};
const fmt = (n: number) => n.toFixed(1);

// 1. the parser: microseconds per message over the whole corpus
const perMessage: number[] = [];
for (let r = 0; r < rounds; r++) {
  const t0 = performance.now();
  for (const e of corpus) parseCniFailure(e.text);
  perMessage.push(((performance.now() - t0) * 1000) / corpus.length);
}
const p = stats(perMessage);
console.log(
  `parse ${corpus.length} real messages: µs/message median ${fmt(p.median)}, min ${fmt(p.min)}, max ${fmt(p.max)} (${rounds} rounds)`,
);

// 2. a build with 2,000 stuck pods, 10 events each, against the same build without events (reference, same run)
const nad = {
  apiVersion: "k8s.cni.cncf.io/v1",
  kind: "NetworkAttachmentDefinition",
  metadata: { name: "data", namespace: "cnf" },
  spec: {
    config: JSON.stringify({
      cniVersion: "0.3.1",
      type: "macvlan",
      master: "ens9",
      ipam: { type: "whereabouts", range: "10.0.0.0/16" },
    }),
  },
};
const pods = Array.from({ length: 2000 }, (_, i) => ({
  apiVersion: "v1",
  kind: "Pod",
  metadata: { name: `p${i}`, namespace: "cnf", annotations: { "k8s.v1.cni.cncf.io/networks": "data" } },
  spec: { nodeName: `w${i % 50}` },
  status: { phase: "Pending" },
}));
const text = corpus[0]?.text.replaceAll("ipvlan-nw-oam-ip-necc0-npvamf", "data") ?? "";
const events = pods.flatMap((pod, i) =>
  Array.from({ length: 10 }, (_, k) => ({
    apiVersion: "v1",
    kind: "Event",
    metadata: { name: `e${i}.${k}`, namespace: "cnf" },
    involvedObject: { kind: "Pod", namespace: "cnf", name: pod.metadata.name },
    reason: "FailedCreatePodSandBox",
    message: text.replaceAll("cmm61-amf-necc0-0", pod.metadata.name).replace("dd1e4e09", `${i}-${k}-`),
    type: "Warning",
    count: k + 1,
    lastTimestamp: `2024-06-03T09:${String(k).padStart(2, "0")}:00Z`,
  })),
);
const withEvents = snapshotFromObjects([nad, ...pods, ...events]);
const without = snapshotFromObjects([nad, ...pods]);
const time = (snap: typeof without) => {
  const xs: number[] = [];
  for (let r = 0; r < 5; r++) {
    const t0 = performance.now();
    buildTopology(snap);
    xs.push(performance.now() - t0);
  }
  return stats(xs);
};
const a = time(without);
const t0 = performance.now();
buildTopology(withEvents); // the first build parses every one of the 20,000 distinct texts
const first = performance.now() - t0;
const b = time(withEvents); // rebuilds, as a live source does on every change: each text is parsed once
console.log(
  `build, 2,000 stuck pods: without events median ${fmt(a.median)} ms; with 20,000 distinct events first build ${fmt(first)} ms, rebuild median ${fmt(b.median)} ms (min ${fmt(b.min)}, max ${fmt(b.max)}); rebuild/no-events ${(b.median / a.median).toFixed(2)}`,
);
