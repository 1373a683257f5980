/**
 * How the topology build grows with its input, over the adversarial shapes of issue 11 and one realistic cluster.
 *   npx tsx --tsconfig tsconfig.json scripts/bench/growth.ts [sizes, default 1000,10000,100000] [shape name part]
 * Prints CPU ms per size (median of 3; one run at 100k and up) and the ratio per tenfold size: n log n gives ~13 from
 * 1k to 10k and ~12.5 from 10k to 100k, a quadratic stage 100. Speed is measured here, never asserted in tests.
 */

import { snapshotFromObjects } from "@/lib/k8s/snapshot";
import { buildTopology } from "@/lib/topology/build";
import { toDot } from "@/lib/topology/format-dot";
import { toMermaid } from "@/lib/topology/format-mermaid";
import { syntheticCluster } from "@/testing/fixtures/synthetic-cluster";

const NODE = "w1";
const nad = (name: string, config: object, namespace = "demo") => ({
  apiVersion: "k8s.cni.cncf.io/v1",
  kind: "NetworkAttachmentDefinition",
  metadata: { name, namespace },
  spec: { config: JSON.stringify({ cniVersion: "0.3.1", ...config }) },
});
const pod = (name: string, networks?: unknown[], status?: unknown[]) => ({
  apiVersion: "v1",
  kind: "Pod",
  metadata: {
    name,
    namespace: "demo",
    annotations: {
      ...(networks ? { "k8s.v1.cni.cncf.io/networks": JSON.stringify(networks) } : {}),
      ...(status ? { "k8s.v1.cni.cncf.io/network-status": JSON.stringify(status) } : {}),
    },
  },
  spec: { nodeName: NODE },
  status: { phase: "Running" },
});
const nns = (interfaces: unknown[]) => ({
  apiVersion: "nmstate.io/v1beta1",
  kind: "NodeNetworkState",
  metadata: { name: NODE },
  status: { currentState: { interfaces } },
});
const BRIDGE = { type: "bridge", bridge: "br0" };
const ip = (i: number): string => `10.${(i >> 16) & 255}.${(i >> 8) & 255}.${i & 255}`;

/** Each shape: the objects for size n, and what is timed on them. */
const only = process.argv[3];
const SHAPES: Record<string, { objects: (n: number) => unknown[]; run?: "build" | "text" }> = {
  "one pod, n requests + n statuses": {
    objects: (n) => [
      nad("br", BRIDGE),
      pod(
        "p",
        Array.from({ length: n }, (_, i) => ({ name: "br", interface: `n${i}` })),
        Array.from({ length: n }, (_, i) => ({ name: "demo/br", interface: `n${i}`, ips: [ip(i)] })),
      ),
    ],
  },
  "one pod, n distinct NADs": {
    objects: (n) => [
      ...Array.from({ length: n }, (_, i) => nad(`net${i}`, { type: "macvlan", master: "ens3" })),
      pod(
        "p",
        Array.from({ length: n }, (_, i) => ({ name: `net${i}` })),
        Array.from({ length: n }, (_, i) => ({ name: `demo/net${i}`, interface: `net${i + 1}`, ips: [ip(i)] })),
      ),
    ],
  },
  "n status entries with one interface name": {
    objects: (n) => [
      nad("br", BRIDGE),
      pod(
        "p",
        [],
        Array.from({ length: n }, (_, i) => ({ name: "demo/br", interface: "net1", ips: [ip(i)] })),
      ),
    ],
  },
  "n whereabouts NADs + n IPPools": {
    objects: (n) =>
      Array.from({ length: n }, (_, i) => [
        nad(`wb${i}`, { type: "macvlan", master: "ens3", ipam: { type: "whereabouts", range: `${ip(i * 4)}/30` } }),
        {
          apiVersion: "whereabouts.cni.cncf.io/v1alpha1",
          kind: "IPPool",
          metadata: { name: `${ip(i * 4)}-30`, namespace: "kube-system" },
          spec: { range: `${ip(i * 4)}/30`, allocations: { "1": { podref: `demo/gone${i}` } } },
        },
      ]).flat(),
  },
  "NodeNetworkState with n interfaces, n NADs on them": {
    objects: (n) => [
      nns(Array.from({ length: n }, (_, i) => ({ name: `eth${i}`, type: "ethernet", state: "up" }))),
      ...Array.from({ length: n }, (_, i) => nad(`m${i}`, { type: "macvlan", master: `eth${i}` })),
      pod(
        "p",
        Array.from({ length: n }, (_, i) => ({ name: `m${i}` })),
        Array.from({ length: n }, (_, i) => ({ name: `demo/m${i}`, interface: `net${i + 1}` })),
      ),
    ],
  },
  "one bridge with n ports": {
    objects: (n) => [
      nns([
        {
          name: "br0",
          type: "linux-bridge",
          bridge: { port: Array.from({ length: n }, (_, i) => ({ name: `eth${i}` })) },
        },
        ...Array.from({ length: n }, (_, i) => ({ name: `eth${i}`, type: "ethernet" })),
      ]),
      nad("br", BRIDGE),
      pod("p", [{ name: "br" }], [{ name: "demo/br", interface: "net1" }]),
    ],
  },
  "dot + mermaid, n pods on one host": {
    objects: (n) => [nad("br", BRIDGE), ...Array.from({ length: n }, (_, i) => pod(`p${i}`, [{ name: "br" }]))],
    run: "text",
  },
  "realistic generated cluster, n pods": {
    objects: (n) => syntheticCluster({ nodes: Math.max(4, Math.round(n / 40)), pods: n, nads: 20, seed: 1 }),
  },
};

function time(objects: unknown[], run: "build" | "text", repeats: number): number {
  const snapshot = snapshotFromObjects(objects, "bench");
  const topology = run === "text" ? buildTopology(snapshot) : null;
  const runs: number[] = [];
  for (let i = 0; i < repeats; i++) {
    // CPU time of this process, not wall time: the machine is shared, and a busy neighbour must not count.
    const t0 = process.cpuUsage();
    if (topology) {
      toDot(topology);
      toMermaid(topology);
    } else {
      buildTopology(snapshot);
    }
    const { user, system } = process.cpuUsage(t0);
    runs.push((user + system) / 1000);
  }
  return runs.sort((a, b) => a - b)[Math.floor(runs.length / 2)] ?? Number.NaN;
}

const sizes = (process.argv[2] ?? "1000,10000,100000").split(",").map(Number);
const fmt = (ms: number): string => (ms < 10 ? ms.toFixed(1) : String(Math.round(ms)));
console.log(`| shape | ${sizes.map((n) => `${n.toLocaleString("en")} (ms)`).join(" | ")} | ratio per ×10 |`);
console.log(`|---|${sizes.map(() => "---:").join("|")}|---|`);
for (const [name, shape] of Object.entries(SHAPES)) {
  if (only && !name.includes(only)) continue;
  const ms = sizes.map((n) => time(shape.objects(n), shape.run ?? "build", n >= 100_000 ? 1 : 3));
  const ratios = ms.slice(1).map((m, i) => (m / (ms[i] ?? Number.NaN)).toFixed(1));
  console.log(`| ${name} | ${ms.map(fmt).join(" | ")} | ${ratios.join(", ")} |`);
}
