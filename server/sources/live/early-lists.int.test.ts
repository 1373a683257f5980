import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { buildTopology } from "@/lib/topology/build";
import { startTestCluster, type TestCluster } from "@/testing/testbed/cluster";
import { apiServerCounter } from "@/testing/testbed/metrics";
import { testKubeConfig } from "../../../testing/live-source";
import { DEMO_DIR } from "../demo";
import { readSnapshot } from "../read-snapshot";
import { earlyTarget, startEarlyLists, takeEarlyList } from "./early-lists";
import { preloadLists } from "./early-preload-lists.mjs";
import { takePreloaded } from "./early-preloaded.mjs";
import { LiveSource } from "./live-source";
import { listQuery, resourcePath, WATCHED } from "./resources";

// The LISTs a server sends as it starts, before the Kubernetes client has loaded, are the ones its live source reads:
// the API server answers each once (its own request counters say so), the topology is the demo's, and a source with
// another credential never takes them.
let cluster: TestCluster;
const sources: LiveSource[] = [];

beforeAll(async () => {
  cluster = await startTestCluster();
});
afterAll(async () => {
  for (const s of sources) await s.close();
  await cluster?.stop();
});

/**
 * LISTs of one resource the API server has answered with 200 (only this file's sources list on this bed; a CRD kind
 * may be refused with 429 while the server's watch cache starts, and is then listed again by the source).
 */
const lists = (resource: string) =>
  apiServerCounter(
    cluster,
    "apiserver_request_total",
    (l) => l.includes(`resource="${resource}"`) && l.includes('verb="LIST"') && l.includes('code="200"'),
  );

const sourceOf = (context: "admin" | "restricted") => {
  const s = new LiveSource(testKubeConfig(cluster.kubeconfigPath, context), {
    label: context,
    backoff: { min: 100, max: 1000 },
  });
  sources.push(s);
  return s;
};

describe("early lists", () => {
  it("the source reads the lists sent before it existed, each listed once by the API server", async () => {
    const before = { pods: await lists("pods"), nads: await lists("network-attachment-definitions") };
    const target = earlyTarget(cluster.kubeconfigPath, "admin");
    expect(target?.server).toBe(cluster.server);
    expect(startEarlyLists(target ?? expect.fail("no target"))).toBe(WATCHED.length);
    const source = sourceOf("admin");
    await source.ready();
    expect(source.status().state).toBe("live");
    expect(buildTopology(source.snapshot())).toEqual(buildTopology(await readSnapshot(DEMO_DIR)));
    expect(await lists("pods")).toBe(before.pods + 1);
    expect(await lists("network-attachment-definitions")).toBe(before.nads + 1);
  }, 60_000);

  it("a source reading with another credential does not take them", async () => {
    const target = earlyTarget(cluster.kubeconfigPath, "admin") ?? expect.fail("no target");
    startEarlyLists(target);
    const restricted = sourceOf("restricted");
    await restricted.ready();
    expect(restricted.snapshot().pods).toEqual([]);
    // the admin's early pod list is still there, untaken: taken now, it is the demo's pods
    const pods = WATCHED.find((r) => r.slot === "pods") ?? expect.fail("no pod part");
    const taken = takeEarlyList(cluster.server, target.credential, `${resourcePath(pods)}${listQuery(pods, "cache")}`);
    const list = await (taken ?? expect.fail("the admin's early list was taken by another credential"));
    expect(list?.items.map((p) => p.metadata?.name).sort()).toEqual(
      (await readSnapshot(DEMO_DIR)).pods.map((p) => p.metadata.name).sort(),
    );
  }, 60_000);

  it("the preload's lists go to the source of their credential only, and are read once", async () => {
    const env = { PLUMBLINE_SOURCE: "kubeconfig", KUBECONFIG: cluster.kubeconfigPath, PLUMBLINE_CONTEXT: "admin" };
    const admin = earlyTarget(cluster.kubeconfigPath, "admin") ?? expect.fail("no target");
    const pods = WATCHED.find((r) => r.slot === "pods") ?? expect.fail("no pod part");
    const path = `${resourcePath(pods)}${listQuery(pods, "cache")}`;
    const demoPods = (await readSnapshot(DEMO_DIR)).pods.map((p) => p.metadata.name).sort();
    expect(preloadLists(env)).toBe(4);
    // another credential's early lists do not take the admin's preloaded ones
    startEarlyLists(earlyTarget(cluster.kubeconfigPath, "restricted") ?? expect.fail("no restricted target"));
    const restricted = sourceOf("restricted");
    await restricted.ready();
    expect(restricted.snapshot().pods).toEqual([]);
    // the admin's preloaded pods LIST is still there, whole: taken now, it is the demo's pods; then it is gone
    const taken = takePreloaded(admin, path) ?? expect.fail("taken by another");
    const list = (await taken) ?? expect.fail("the preloaded LIST failed or went elsewhere");
    const items: { metadata: { name: string } }[] = [];
    const head = await list.take((batch) => items.push(...JSON.parse(batch)));
    expect(head?.metadata).toMatchObject({ resourceVersion: expect.any(String) });
    expect(items.map((p) => p.metadata.name).sort()).toEqual(demoPods);
    expect(takePreloaded(admin, path)).toBeUndefined();
    // preloaded, then taken by the server's early lists and read by the source: one pods LIST, the demo's topology
    const before = await lists("pods");
    expect(preloadLists(env)).toBe(4);
    startEarlyLists(admin);
    const source = sourceOf("admin");
    await source.ready();
    expect(buildTopology(source.snapshot())).toEqual(buildTopology(await readSnapshot(DEMO_DIR)));
    expect(await lists("pods")).toBe(before + 1);
  }, 60_000);
});
