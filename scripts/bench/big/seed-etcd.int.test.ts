import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { KubeObject } from "@/lib/k8s/objects";
import { buildTopology } from "@/lib/topology/build";
import { LiveSource } from "@/server/sources/live/live-source";
import { syntheticCluster } from "@/testing/fixtures/synthetic-cluster";
import { testKubeConfig, waitFor } from "@/testing/live-source";
import { kubeRequest, startTestCluster, type TestCluster } from "@/testing/testbed/cluster";
import { seed } from "./seed";
import { seedEtcd } from "./seed-etcd";

// The big-cluster benchmark seeds straight into etcd (seconds, where 300,000 API writes take most of an hour on two
// cores). What Plumbline reads from such a bed must be what it reads from one seeded through the API (admission,
// validation, the status subresource): the same generated cluster on two real beds, one seeded each way.
/** every kind the generator writes, listed through the API server */
const SEEDED: [string, string][] = [
  ["Namespace", "/api/v1/namespaces"],
  ["Node", "/api/v1/nodes"],
  ["Pod", "/api/v1/pods"],
  ["NetworkAttachmentDefinition", "/apis/k8s.cni.cncf.io/v1/network-attachment-definitions"],
  ["NodeNetworkState", "/apis/nmstate.io/v1beta1/nodenetworkstates"],
];
const objects = syntheticCluster({ nodes: 8, pods: 240, nads: 6, seed: 7 }) as KubeObject[];
const beds: TestCluster[] = [];
const sources: LiveSource[] = [];

async function read(c: TestCluster): Promise<LiveSource> {
  const s = new LiveSource(testKubeConfig(c.kubeconfigPath), { label: "seeded", backoff: { min: 100, max: 1000 } });
  sources.push(s);
  await s.ready();
  return s;
}

let viaEtcd: LiveSource;
let viaApi: LiveSource;
let etcdBed: TestCluster;
let apiBed: TestCluster;

beforeAll(async () => {
  const [a, b] = await Promise.all([
    startTestCluster({ seed: false, benchEtcd: true }),
    startTestCluster({ seed: false, benchEtcd: true }),
  ]);
  beds.push(a, b);
  etcdBed = a;
  apiBed = b;
  await Promise.all([seedEtcd(a, objects, () => {}), seed(b, objects, () => {})]);
  [viaEtcd, viaApi] = await Promise.all([read(a), read(b)]);
}, 240_000);

afterAll(async () => {
  for (const s of sources) await s.close();
  await Promise.all(beds.map((c) => c.stop()));
});

describe("seeding the benchmark's bed straight into etcd", () => {
  it("gives Plumbline the topology a bed seeded through the API gives", () => {
    const fromEtcd = buildTopology(viaEtcd.snapshot());
    expect(fromEtcd.elements.length).toBeGreaterThan(objects.length);
    expect(fromEtcd).toEqual(buildTopology(viaApi.snapshot()));
  });

  it("stores each object as the API server stores one created through it, managedFields included", async () => {
    // uid, creation time and resourceVersion are the bed's own; a managedFields entry's time is when it was written.
    const comparable = (o: KubeObject) => {
      const { uid, creationTimestamp, resourceVersion, managedFields, ...metadata } =
        o.metadata as KubeObject["metadata"] & {
          uid?: string;
          creationTimestamp?: string;
          resourceVersion?: string;
          managedFields?: { time?: string }[];
        };
      return { ...o, metadata: { ...metadata, managedFields: managedFields?.map(({ time, ...f }) => f) } };
    };
    let withManagedFields = 0;
    for (const [kind, path] of SEEDED) {
      const items = async (c: TestCluster) => {
        const r = await kubeRequest(c, "GET", path);
        expect(r.status, path).toBe(200);
        return ((r.body as { items?: KubeObject[] }).items ?? []).map(comparable);
      };
      // (the API server's own namespaces are its, not the seeder's)
      const generated = new Set(
        objects.filter((o) => o.kind === kind).map((o) => `${o.metadata.namespace}/${o.metadata.name}`),
      );
      const ours = (os: ReturnType<typeof comparable>[]) =>
        os.filter((o) => generated.has(`${o.metadata.namespace}/${o.metadata.name}`));
      const seeded = ours(await items(etcdBed));
      const created = ours(await items(apiBed));
      const byName = new Map(created.map((o) => [`${o.metadata.namespace}/${o.metadata.name}`, o]));
      expect(seeded.length, path).toBe(byName.size);
      expect(seeded.length, path).toBeGreaterThan(0);
      for (const o of seeded) expect(o, path).toEqual(byName.get(`${o.metadata.namespace}/${o.metadata.name}`));
      withManagedFields += created.filter((o) => o.metadata.managedFields?.length).length;
    }
    // (a comparison of objects without any would prove nothing about them)
    expect(withManagedFields).toBeGreaterThan(objects.length / 2);
  });

  it("keeps the seeded pods writable through the API (the benchmark's change rounds patch one)", async () => {
    const pod = objects.find((o) => o.kind === "Pod") as KubeObject;
    const path = `/api/v1/namespaces/${pod.metadata.namespace}/pods/${pod.metadata.name}`;
    const res = await kubeRequest(etcdBed, "PATCH", path, {
      contentType: "application/merge-patch+json",
      body: { metadata: { labels: { touched: "yes" } } },
    });
    expect(res.status, JSON.stringify(res.body)).toBe(200);
    await waitFor(viaEtcd, () => viaEtcd.snapshot().pods.some((p) => p.metadata.labels?.touched === "yes"));
  });
});
