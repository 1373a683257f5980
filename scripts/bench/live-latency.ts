/**
 * How long a change in the cluster takes to reach a subscribed client: patches a pod's network-status
 * annotation on the real test bed, N times, and times each PATCH until the tRPC subscription yields a view
 * with the new address. Prints a Markdown row for the README.
 *   npx tsx --tsconfig tsconfig.json scripts/bench/live-latency.ts [rounds]
 */
import { performance } from "node:perf_hooks";
import { interfaceId, podId } from "@/lib/contract/ids";
import { NETWORK_STATUS_ANNOTATION } from "@/lib/pod/annotations";
import type { TopologyPayload } from "@/lib/wire/payload";
import { appRouter } from "@/server/api/root";
import { createInnerContext } from "@/server/api/trpc";
import { SourceRegistry } from "@/server/sources/registry";
import { kubeRequest, startTestCluster } from "../../testing/testbed/cluster";

const rounds = Number(process.argv[2] ?? 30);
const POD = "pod-a-5bb7694d4-j8g6b";
const IFACE = interfaceId(podId("multus-test", POD), "net1");

const cluster = await startTestCluster();
const registry = new SourceRegistry({
  PLUMBLINE_SOURCE: "kubeconfig",
  KUBECONFIG: cluster.kubeconfigPath,
  PLUMBLINE_CONTEXT: "admin",
});
try {
  const t0 = performance.now();
  const ac = new AbortController();
  const caller = appRouter.createCaller(createInnerContext({ sources: registry }), { signal: ac.signal });
  const sub = (await caller.topology.watch({})) as AsyncIterable<[string, TopologyPayload]>;
  const it = sub[Symbol.asyncIterator]();
  await it.next();
  const firstView = performance.now() - t0;

  const samples: number[] = [];
  for (let i = 0; i < rounds; i++) {
    const ip = `192.168.12.${100 + i}`;
    const status = [{ name: "multus-test/bridge-main", interface: "net1", ips: [ip] }];
    const start = performance.now();
    await kubeRequest(cluster, "PATCH", `/api/v1/namespaces/multus-test/pods/${POD}`, {
      contentType: "application/merge-patch+json",
      body: { metadata: { annotations: { [NETWORK_STATUS_ANNOTATION]: JSON.stringify(status) } } },
    });
    for (;;) {
      const r = await it.next();
      if (r.done) throw new Error("subscription ended");
      const el = r.value[1].topology.elements.find((e) => e.id === IFACE);
      if (el?.kind === "interface" && el.ips[0] === ip) break;
    }
    samples.push(performance.now() - start);
  }
  ac.abort();
  await it.return?.();
  samples.sort((a, b) => a - b);
  const q = (p: number) => samples[Math.min(samples.length - 1, Math.floor(p * samples.length))]?.toFixed(0);
  console.log(`| first view after connect | ${firstView.toFixed(0)} ms |`);
  console.log(
    `| cluster change → subscriber (${rounds} rounds) | median ${q(0.5)} ms, p95 ${q(0.95)} ms, max ${samples.at(-1)?.toFixed(0)} ms |`,
  );
} finally {
  await registry.closeAll();
  await cluster.stop();
}
