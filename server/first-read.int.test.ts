import { setImmediate as nextTurn } from "node:timers/promises";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { KubeObject } from "@/lib/k8s/objects";
import type { FirstRead } from "@/lib/wire/first-read";
import { syntheticCluster } from "@/testing/fixtures/synthetic-cluster";
import { kubeRequest, startTestCluster, type TestCluster } from "@/testing/testbed/cluster";
import { seedEtcd } from "../scripts/bench/big/seed-etcd";
import { testKubeConfig } from "../testing/live-source";
import { firstReadOf } from "./first-read";
import { shownFeed } from "./shown-feed";
import { LiveSource } from "./sources/live/live-source";
import { listQuery, resourcePath, WATCHED } from "./sources/live/resources";

// What the page shows before its first picture (components/explorer/first-read.tsx) is read from the live source
// while it lists a real kube-apiserver: 3,000 pods on 30 nodes, sampled at every turn of the event loop.

const SIZE = { nodes: 30, pods: 3000, nads: 12, seed: 7 };
let cluster: TestCluster;
let source: LiveSource | undefined;

beforeAll(async () => {
  cluster = await startTestCluster({ seed: false });
  await seedEtcd(cluster, syntheticCluster(SIZE) as KubeObject[], () => {});
}, 120_000);

afterAll(async () => {
  await source?.close();
  await cluster?.stop();
});

const PHASES: FirstRead["phase"][] = ["listing", "building", "done"];

describe("the first read, as the page is told of it", () => {
  it("counts each List as it streams, then the hosts built, and ends with what a fresh LIST of the cluster has", async () => {
    source = new LiveSource(testKubeConfig(cluster.kubeconfigPath), { label: "test" });
    const seen: FirstRead[] = [];
    let sampling = true;
    const sampler = (async () => {
      while (sampling) {
        seen.push(firstReadOf(source));
        await nextTurn();
      }
    })();
    await shownFeed(source);
    sampling = false;
    await sampler;
    seen.push(firstReadOf(source));

    // phases only go forward, from listing to done
    const order = seen.map((r) => PHASES.indexOf(r.phase));
    expect(order[0]).toBe(0);
    expect(order.at(-1)).toBe(2);
    for (let i = 1; i < order.length; i++) expect(order[i]).toBeGreaterThanOrEqual(order[i - 1] ?? 0);

    // the pods were seen part-read, the count only growing while their List streamed
    const pods = seen.flatMap((r) => r.lists.filter((l) => l.resource === "pods"));
    const partly = pods.filter((l) => l.state === "reading" && l.items > 0 && l.items < SIZE.pods);
    expect(partly.length).toBeGreaterThan(0);
    for (let i = 1; i < pods.length; i++) expect(pods[i]?.items ?? 0).toBeGreaterThanOrEqual(pods[i - 1]?.items ?? 0);

    // the first build was seen host by host, never past its total
    const building = seen.flatMap((r) => (r.phase === "building" && r.hosts ? [r.hosts] : []));
    expect(building.length).toBeGreaterThan(0);
    for (const h of building) expect(h.built).toBeLessThanOrEqual(h.of);
    expect(Math.max(...building.map((h) => h.of))).toBeGreaterThanOrEqual(SIZE.nodes);

    // at the end each List's count is what the API server lists now (its own namespaces and events included)
    const last = seen.at(-1);
    for (const r of WATCHED.filter((w) => ["pods", "nodes", "network-attachment-definitions"].includes(w.resource))) {
      const res = await kubeRequest(cluster, "GET", `${resourcePath(r)}${listQuery(r, "consistent")}`);
      expect(res.status).toBe(200);
      const fresh = ((res.body as { items?: unknown[] }).items ?? []).length;
      expect(last?.lists.find((l) => l.resource === r.resource)).toEqual({
        resource: r.resource,
        items: fresh,
        state: "read",
      });
    }
  }, 120_000);
});
