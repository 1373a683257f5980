import { describe, expect, it } from "vitest";
import { syntheticCluster } from "@/testing/fixtures/synthetic-cluster";
import { KeyedList } from "../k8s/keyed-list";
import type { KubeObject } from "../k8s/objects";
import { snapshotFromObjects } from "../k8s/snapshot";
import { NETWORK_STATUS_ANNOTATION } from "../pod/annotations";
import type { ViewQuery } from "../wire/view-protocol";
import { servedView } from "./served-view";
import { TopologyStore } from "./store";
import { takeWork } from "./work";

/**
 * What one pod's change costs the cluster view's refresh (servedView of the whole cluster past the matrix's
 * thresholds: its row window, columns and held findings), counted at 1k and at 10k pods (20 and 200 hosts, the same
 * 12 NADs): the hosts placed again in the row orders, the cells made again, the cells read to cut the window and the
 * findings' elements looked at to trim them. Counted, not timed (work.test.ts is the model). Before, every refresh sorted every host
 * (twice: the whole overview's, then the window's order), copied and filtered every cell and trimmed every finding
 * naming more than 8 elements: 200 hosts and 10 times the cells at 10k.
 */

const statusOf = (pod: KubeObject) =>
  JSON.parse(pod.metadata.annotations?.[NETWORK_STATUS_ANNOTATION] ?? "[]") as { ips: string[] }[];

function readdressed(pod: KubeObject): KubeObject {
  const status = statusOf(pod);
  if (status[1]) status[1].ips = ["100.127.0.9"];
  const annotations = { ...pod.metadata.annotations, [NETWORK_STATUS_ANNOTATION]: JSON.stringify(status) };
  return { ...pod, metadata: { ...pod.metadata, annotations, resourceVersion: "changed" } };
}

/** The page's cluster view with ten rows in sight (fewer than 20 hosts, so both sizes cut the same rows' worth). */
const CLUSTER: ViewQuery = { rows: { order: "problems", offset: 0, limit: 10 } };

function oneChange(nodes: number, pods: number) {
  const snap = snapshotFromObjects(syntheticCluster({ nodes, pods, nads: 12, seed: 26 }));
  const store = new TopologyStore();
  store.sync(snap);
  store.flush();
  const keyed = KeyedList.of(snap.pods);
  if (!keyed) throw new Error("the generated cluster names two pods alike");
  const pod = snap.pods.find((p) => statusOf(p).length > 1 && snap.pods.indexOf(p) >= snap.pods.length / 3);
  if (!pod) throw new Error("no pod with a secondary interface");
  const before = servedView(store, CLUSTER);
  takeWork();
  store.sync({ ...snap, pods: keyed.change([readdressed(pod)], []) });
  const commit = store.flush();
  const after = servedView(store, CLUSTER);
  const work = takeWork();
  const whole = store.overview();
  return { work, commit, before, after, hosts: whole.hosts.length, cells: whole.cells.length };
}

describe("one pod's change costs the cluster view's refresh what it touches and what is in sight", () => {
  it("the same hosts, cells and findings visited at 1k and at 10k pods", () => {
    const small = oneChange(20, 1000);
    const large = oneChange(200, 10_000);
    // the cluster grew tenfold, the window did not (else this test could not tell)
    expect(large.hosts).toBe(10 * small.hosts);
    expect(large.cells).toBeGreaterThan(8 * small.cells);
    for (const r of [small, large]) {
      expect(r.commit?.upserted.size).toBeGreaterThan(0);
      expect(r.commit?.shards.size).toBe(1);
      expect(r.after.overview?.hosts).toHaveLength(10);
      expect(r.after.overview?.window?.rows).toBe(r.hosts);
    }
    // the changed pod's host placed again in each order (one host), its cells made again (one per network it has)
    expect(small.work.clusterHosts).toBe(1);
    expect(large.work.clusterHosts).toBe(1);
    expect(small.work.clusterCells).toBeLessThanOrEqual(12);
    expect(large.work.clusterCells).toBeLessThanOrEqual(12);
    // the window's cells are its ten rows' (at most 12 networks each), not the cluster's
    for (const r of [small, large]) expect(r.work.windowCells).toBeLessThanOrEqual(10 * 12);
    expect(large.work.windowCells).toBeLessThan(2 * small.work.windowCells);
    // the island finding naming a point on every host is not walked again: the change moved the readdressed pod's host
    // into the rows in sight, and its held elements (12 networks, 10 hosts) are looked up in where it names each
    expect(small.work.heldElements).toBe(large.work.heldElements);
    expect(large.work.heldElements).toBeLessThanOrEqual(12 + 10);
    expect(large.work).toEqual({ ...small.work, windowCells: large.work.windowCells });
  }, 120_000);
});
