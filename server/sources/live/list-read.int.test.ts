import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { buildTopology } from "@/lib/topology/build";
import { DEMO_NS, W1 } from "@/testing/fixtures/demo";
import { pod } from "@/testing/fixtures/objects";
import { freshList, testKubeConfig, waitFor } from "@/testing/live-source";
import { applyObjects, kubeRequest, startTestCluster, type TestCluster } from "@/testing/testbed/cluster";
import { apiServerCounter } from "@/testing/testbed/metrics";
import { listFn } from "./list-fn";
import { LiveSource } from "./live-source";
import { WATCHED } from "./resources";

// Where the API server read a List from, told by its own counter (apiserver_storage_list_total's `storage` label):
// a source's first List of a kind from the watch cache, as client-go's reflector asks its first, and a List again
// (after a failed watch) from etcd, a consistent read. On the test bed (etcd 3.4, no RequestWatchProgress) a
// consistent List of 20,000 pods took ~2.0 s against ~0.7 s from the cache.

let cluster: TestCluster;
const sources: LiveSource[] = [];

beforeAll(async () => {
  cluster = await startTestCluster();
});
afterAll(async () => {
  await Promise.all(sources.map((s) => s.close()));
  await cluster?.stop();
});

const podListsFrom = (storage: "watchcache" | "etcd") =>
  apiServerCounter(
    cluster,
    "apiserver_storage_list_total",
    (l) => l.includes('resource="pods"') && l.includes('group=""') && l.includes(`storage="${storage}"`),
  );
const counts = async () => ({ cache: await podListsFrom("watchcache"), etcd: await podListsFrom("etcd") });
const PODS = WATCHED.find((r) => r.slot === "pods");

describe("where a List is read from", () => {
  it("the first List from the watch cache, a List again from etcd, the same pods both times", async () => {
    if (!PODS) throw new Error("pods are not watched");
    const list = listFn(testKubeConfig(cluster.kubeconfigPath), PODS);
    const before = await counts();
    const first = await list();
    const afterFirst = await counts();
    expect(afterFirst).toEqual({ cache: before.cache + 1, etcd: before.etcd });
    const again = await list();
    expect(await counts()).toEqual({ cache: afterFirst.cache, etcd: afterFirst.etcd + 1 });
    const names = (l: typeof first) => l.items.map((p) => `${p.metadata?.namespace}/${p.metadata?.name}`).sort();
    expect(names(first).length).toBeGreaterThan(0);
    expect(names(again)).toEqual(names(first));
  });

  it("a pod written just before the source starts is in its picture, and the picture is a fresh consistent List's", async () => {
    const before = await counts();
    // written and not waited for: the cache may not have it when the first List is read; the watch from that
    // List's version brings it
    const write = applyObjects(cluster, [
      pod("just-written", {
        namespace: DEMO_NS,
        node: W1,
        networks: "bridge-main",
        spec: { containers: [{ name: "app", image: "busybox" }] },
      }),
    ]);
    const source = new LiveSource(testKubeConfig(cluster.kubeconfigPath), { label: "list-read" });
    sources.push(source);
    await write;
    await source.ready();
    const has = () => source.snapshot().pods.some((p) => p.metadata?.name === "just-written");
    await waitFor(source, has, 20_000, "the pod written before the start");
    expect((await counts()).cache).toBeGreaterThan(before.cache);
    expect(buildTopology(source.snapshot())).toEqual(await freshList(cluster));
    expect((await kubeRequest(cluster, "GET", `/api/v1/namespaces/${DEMO_NS}/pods/just-written`)).status).toBe(200);
  });
});
