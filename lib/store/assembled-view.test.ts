import { describe, expect, it } from "vitest";
import { syntheticCluster } from "@/testing/fixtures/synthetic-cluster";
import type { KubeObject } from "../k8s/objects";
import { snapshotFromObjects } from "../k8s/snapshot";
import { NETWORK_STATUS_ANNOTATION } from "../pod/annotations";
import { AssembledView } from "./assembled-view";
import { TopologyStore } from "./store";
import { drawView } from "./view";
import { takeWork } from "./work";

/**
 * A namespace or network view kept by parts: one pod's change costs the view the elements of the one shard it
 * rebuilt, counted (work.viewElements): bounded by that shard at 1k and at 10k pods though the views are ten times
 * larger (the generated hosts hold ~50 pods at both sizes); and the
 * view after the change is exactly drawView's, read afresh.
 */

const statusOf = (pod: KubeObject) =>
  JSON.parse(pod.metadata.annotations?.[NETWORK_STATUS_ANNOTATION] ?? "[]") as { name: string; ips: string[] }[];

function readdressed(pod: KubeObject, ip: string): KubeObject {
  const status = statusOf(pod);
  if (status[1]) status[1].ips = [ip];
  const annotations = { ...pod.metadata.annotations, [NETWORK_STATUS_ANNOTATION]: JSON.stringify(status) };
  return { ...pod, metadata: { ...pod.metadata, annotations, resourceVersion: ip } };
}

const ids = (xs: readonly { id: string }[]) => xs.map((x) => x.id).sort();
const texts = (xs: readonly unknown[]) => xs.map((x) => JSON.stringify(x)).sort();

function oneChange(nodes: number, pods: number, ip: string) {
  const snap = snapshotFromObjects(syntheticCluster({ nodes, pods, nads: 12, seed: 26 }));
  const store = new TopologyStore();
  store.sync(snap);
  store.flush();
  const pod = snap.pods.find((p) => statusOf(p).length > 1 && snap.pods.indexOf(p) >= snap.pods.length / 3);
  if (!pod) throw new Error("no pod with a secondary interface");
  const network = statusOf(pod)[1]?.name;
  const criteria = [{ namespace: pod.metadata.namespace }, { network }, { namespace: pod.metadata.namespace, network }];
  const views = criteria.map((c) => AssembledView.whole(store, c));
  const sizes = views.map((v) => v.elements.size);
  store.sync({ ...snap, pods: snap.pods.map((p) => (p === pod ? readdressed(p, ip) : p)) });
  const commit = store.flush();
  if (!commit || commit.shared) throw new Error("the change should rebuild its shard only");
  takeWork();
  const changes = views.map((v) => v.update(store, commit));
  const work = takeWork();
  for (const [i, v] of views.entries()) {
    const fresh = drawView(store, criteria[i] ?? {}).topology;
    const t = v.topology();
    expect(ids(t.elements)).toEqual(ids(fresh.elements));
    expect(texts(t.elements)).toEqual(texts(fresh.elements));
    expect(texts(t.links)).toEqual(texts(fresh.links));
    expect(texts(t.findings)).toEqual(texts(fresh.findings));
  }
  const shard = store.shard((pod.spec as { nodeName: string }).nodeName);
  const shardSize = (shard?.elements.size ?? 0) + (shard?.links.length ?? 0);
  return { work, sizes, shardSize, changed: changes.map((c) => c.elements.size) };
}

describe("a namespace or network view kept by parts", () => {
  it("one pod's change looks at the same elements at 1k and at 10k pods, and leaves the view as a fresh read", () => {
    // an address outside the network's range: the pod's interface changes and a finding names the network
    const small = oneChange(20, 1000, "100.127.0.9");
    const large = oneChange(200, 10_000, "100.127.0.9");
    // the views did grow with the cluster (else this test could not tell)
    for (const [i, n] of small.sizes.entries()) expect(large.sizes[i]).toBeGreaterThan(5 * n);
    for (const r of [small, large]) {
      // each of the three views looked at its share of the one rebuilt shard, taken out and put in: no more
      expect(r.work.viewElements).toBeGreaterThan(0);
      expect(r.work.viewElements).toBeLessThanOrEqual(3 * 2 * r.shardSize);
      expect(r.work).toMatchObject({ viewShares: 3, shardsBuilt: 0, outwardShards: 0 });
    }
    // a host holds some 50 pods at both sizes: what a change looks at follows the host, not the views (10x larger)
    expect(large.shardSize).toBeLessThan(2 * small.shardSize);
    expect(large.work.viewElements).toBeLessThan(2 * small.work.viewElements);
  }, 120_000);
});
