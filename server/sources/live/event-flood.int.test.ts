import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { kubeRequest, startTestCluster, type TestCluster } from "@/testing/testbed/cluster";
import { startStandalone } from "@/testing/testbed/standalone";
import { testKubeConfig } from "../../../testing/live-source";
import { TopologyFeed } from "../../topology-feed";
import { joinChannel } from "../../view-channel";
import { LiveSource } from "./live-source";

// Issue 25, item 1, on the real test bed: whoever may create pods and Events in one namespace posts 16 KiB
// "aaa…<n>"-shaped FailedCreatePodSandBox messages about a pod with a secondary network, 5 a second. Before the fix
// one such text took 0.2–0.5 s to parse, and the server that parses it answered /api/healthz at p50 3.6 s.
// Twice: against the production server (`npm start`, kubeconfig mode: /api/healthz and topology.viewSnapshot of
// another namespace), and against its parts in this process (the live source and topology feed a tRPC request uses,
// and an HTTP server answering the health check and that view beside them), which runs without a build. Latency is judged as p99 over hundreds of
// samples against 100 ms, or four times the p99 measured before the flood in the same run when the machine is that
// loaded (the flood's own client shares the process and the cores); the old parser was 84 times (1,262 ms vs 15 ms).
const FLOOD_NS = "flood";
const VICTIM_VIEW = { namespace: "multus-test" };
const NODE = "worker1.ocp46rt.priv.local";
const RATE = 5;
const SECONDS = 15;

let cluster: TestCluster;
let source: LiveSource;
let feed: TopologyFeed;
let server: Server;
let base: string;

beforeAll(async () => {
  cluster = await startTestCluster();
  source = new LiveSource(testKubeConfig(cluster.kubeconfigPath), { label: "admin" });
  feed = new TopologyFeed(source);
  await feed.current();
  server = createServer((req, res) => {
    if (req.url === "/healthz") return res.end('{"status":"ok"}');
    void (async () => {
      await feed.current();
      const { channel, leave } = joinChannel(feed, VICTIM_VIEW);
      try {
        res.end(channel.since(null)[0]?.text ?? "");
      } finally {
        leave();
      }
    })();
  });
  await new Promise<void>((r) => server.listen(0, "127.0.0.1", r));
  base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  // The attacker's own namespace and pod, on the same node as the victim namespace's pods.
  await kubeRequest(cluster, "POST", "/api/v1/namespaces", { body: { metadata: { name: FLOOD_NS } } });
  const pod = {
    metadata: { name: "stuck", namespace: FLOOD_NS, annotations: { "k8s.v1.cni.cncf.io/networks": "net-a" } },
    spec: { nodeName: NODE, containers: [{ name: "c", image: "busybox" }] },
  };
  expect((await kubeRequest(cluster, "POST", `/api/v1/namespaces/${FLOOD_NS}/pods`, { body: pod })).status).toBe(201);
}, 120_000);

afterAll(async () => {
  server?.close();
  await source?.close();
  await cluster?.stop();
});

/** "aaa…<n>": 16 KiB, a different text each time (the parse cache only helps for identical texts). */
function floodEvent(i: number) {
  const now = new Date().toISOString();
  return {
    metadata: { name: `flood-${i}`, namespace: FLOOD_NS },
    involvedObject: { apiVersion: "v1", kind: "Pod", namespace: FLOOD_NS, name: "stuck" },
    reason: "FailedCreatePodSandBox",
    message: `${"a".repeat(16_384 - String(i).length)}${i}`,
    type: "Warning",
    source: { component: "kubelet", host: NODE },
    firstTimestamp: now,
    lastTimestamp: now,
    count: 1,
  };
}

/** Latencies of one probe, asked again as soon as it answers (20 ms apart), until `stop`. */
async function sample(url: string, stop: () => boolean): Promise<number[]> {
  const out: number[] = [];
  while (!stop()) {
    const t0 = performance.now();
    const res = await fetch(url);
    await res.text();
    out.push(performance.now() - t0);
    await new Promise((r) => setTimeout(r, 20));
  }
  return out;
}

const p99 = (xs: number[]): number => [...xs].sort((a, b) => a - b)[Math.floor(xs.length * 0.99)] ?? 0;

async function measure(urls: { healthz: string; view: string }, ms: number, during?: () => Promise<void>) {
  let done = false;
  const healthz = sample(urls.healthz, () => done);
  const view = sample(urls.view, () => done);
  await Promise.all([during?.(), new Promise((r) => setTimeout(r, ms))]);
  done = true;
  return { healthz: await healthz, view: await view };
}

/** Floods at RATE for SECONDS, event names from `prefix`; resolves with how many were created. */
async function flood(prefix: string): Promise<number> {
  let sent = 0;
  const t0 = performance.now();
  for (let i = 0; i < RATE * SECONDS; i++) {
    const event = { ...floodEvent(i), metadata: { name: `${prefix}-${i}`, namespace: FLOOD_NS } };
    const res = await kubeRequest(cluster, "POST", `/api/v1/namespaces/${FLOOD_NS}/events`, { body: event });
    if (res.status === 201) sent++;
    const next = t0 + ((i + 1) * 1000) / RATE;
    await new Promise((r) => setTimeout(r, Math.max(0, next - performance.now())));
  }
  return sent;
}

/** Measures before and during a flood, prints the figures, and holds p99 to 100 ms (or 4× the p99 before it). */
async function floodAndJudge(what: string, urls: { healthz: string; view: string }, prefix: string): Promise<void> {
  await measure(urls, 3_000); // warm-up (a fresh server compiles and reads its first view), not counted
  const before = await measure(urls, 5_000);
  let sent = 0;
  const during = await measure(urls, SECONDS * 1000, async () => {
    sent = await flood(prefix);
  });
  const figures = (xs: number[]) => `p99 ${p99(xs).toFixed(0)} ms over ${xs.length} samples`;
  console.log(
    `event flood (${what}): ${sent} events of 16 KiB in ${SECONDS} s; before: healthz ${figures(before.healthz)}, view ${figures(before.view)}; during: healthz ${figures(during.healthz)}, view ${figures(during.view)}`,
  );
  expect(sent).toBe(RATE * SECONDS);
  for (const probe of ["healthz", "view"] as const) {
    expect(during[probe].length, probe).toBeGreaterThan(100);
    expect(p99(during[probe]), probe).toBeLessThan(Math.max(100, 4 * p99(before[probe])));
  }
}

describe("an event flood from one namespace (issue 25)", () => {
  it("keeps the health check and another namespace's view answering within 100 ms p99", async () => {
    await floodAndJudge(
      "live source and feed in one process",
      { healthz: `${base}/healthz`, view: `${base}/view` },
      "a",
    );
    // The flood was read (the attacker's pod shows its failure), not dropped to keep the server fast.
    const stuck = feed.store.topology().elements.find((e) => e.kind === "interface" && e.id.includes("flood/stuck"));
    expect(stuck && "failure" in stuck ? stuck.failure?.cause : undefined).toBe("unknown");
  }, 120_000);

  it("keeps the production server's /api/healthz and another namespace's view within 100 ms p99", async () => {
    const prod = await startStandalone({ PLUMBLINE_SOURCE: "kubeconfig", KUBECONFIG: cluster.kubeconfigPath });
    try {
      const input = encodeURIComponent(JSON.stringify({ view: VICTIM_VIEW }));
      const view = `${prod.base}/api/trpc/topology.viewSnapshot?input=${input}`;
      expect((await fetch(view)).status).toBe(200);
      await floodAndJudge("npm start", { healthz: `${prod.base}/api/healthz`, view }, "b");
    } finally {
      await prod.stop();
    }
  }, 180_000);
});
