import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { apply, applyRehand, event, rehand } from "@/testing/fixtures/store-changes";
import { syntheticCluster } from "@/testing/fixtures/synthetic-cluster";
import { compareCodePoints } from "../compare";
import type { Topology } from "../contract/schema";
import { type KubeObject, keyOf } from "../k8s/objects";
import { type ClusterSnapshot, emptySnapshot, snapshotFromObjects } from "../k8s/snapshot";
import { clusterOverview } from "../overview/cluster-overview";
import { buildTopology } from "../topology/build";
import { TopologyStore } from "./store";
import { takeWork } from "./work";

/**
 * The store built while the first round's pods stream in (stream-build.ts) against the full build: whatever was in
 * when the pods began (some kinds listed later, objects changed by watch events meanwhile) and whatever order and
 * subset of pods streamed, the store equals the full build of the first round, and of every round after it.
 */

const canonical = (t: Topology) => ({ ...t, findings: t.findings.map((f) => JSON.stringify(f)).sort() });

/** the kinds whose lists may end after the pods began, as the live source's late parts */
const LATE = ["pods", "events", "ipPools", "ipReservations", "workloads"] as const;

/** What the store is handed before the pods: `snap` with the late kinds (and `unlisted` others) not read yet. */
function beforePods(snap: ClusterSnapshot, unlisted: readonly string[]): ClusterSnapshot {
  const partial: ClusterSnapshot = { ...snap, incomplete: [...snap.incomplete, ...LATE, ...unlisted] };
  for (const slot of [...LATE, ...unlisted] as (keyof ClusterSnapshot)[]) {
    if (slot === "operatorNetwork") partial.operatorNetwork = null;
    else if (Array.isArray(partial[slot])) Object.assign(partial, { [slot]: [] });
  }
  return partial;
}

const inKeyOrder = (pods: readonly KubeObject[]) => [...pods].sort((a, b) => compareCodePoints(keyOf(a), keyOf(b)));

function expectFull(store: TopologyStore, snap: ClusterSnapshot): void {
  const full = buildTopology(snap);
  expect(canonical(store.topology())).toEqual(canonical(full));
  expect(store.overview()).toEqual(clusterOverview(full));
}

const batches = fc.array(fc.array(fc.oneof({ weight: 4, arbitrary: event }, rehand), { minLength: 1, maxLength: 4 }), {
  minLength: 1,
  maxLength: 12,
});
const play = (from: ClusterSnapshot, list: typeof batches extends fc.Arbitrary<infer B> ? B : never) => {
  const snaps: ClusterSnapshot[] = [];
  let snap = from;
  for (const batch of list) {
    for (const e of batch) snap = "slot" in e ? applyRehand(snap, e) : apply(snap, e.change, e.remove);
    snaps.push(snap);
  }
  return snaps;
};

/** How the pods stream: as the API server sends them (key order), or not (what the store must notice). */
const order = fc.oneof(
  { weight: 3, arbitrary: fc.constant("keys") },
  fc.constantFrom("shuffled", "subset", "stale", "twice", "earlier"),
);

describe("shards built as the first round's pods stream in", () => {
  it("equal the full build whatever was in when the pods began, and in whatever order and chunks they came", () => {
    const streamed = { shards: 0 };
    fc.assert(
      fc.property(
        fc.option(fc.integer({ min: 1, max: 1000 }), { nil: undefined }),
        batches,
        fc.oneof({ weight: 2, arbitrary: fc.constant(-1) }, fc.nat()),
        fc.oneof(
          { weight: 2, arbitrary: fc.constant([]) },
          fc.subarray([
            "nodes",
            "nodeNetworkStates",
            "nads",
            "namespaces",
            "userDefinedNetworks",
            "virtualMachines",
            "multiNetworkPolicies",
            "operatorNetwork",
          ]),
        ),
        order,
        fc.array(fc.nat(), { maxLength: 40 }),
        batches,
        (seed, first, at, unlisted, how, shuffle, after) => {
          // a cluster of a few nodes' pods (the generated one) or none, and watch events on it
          const base = seed ? snapshotFromObjects(syntheticCluster({ nodes: 3, pods: 24, nads: 4, seed })) : null;
          const snaps = play(base ?? emptySnapshot(), first);
          const snap = snaps[snaps.length - 1] ?? emptySnapshot();
          // the kinds but pods as they stood when the pods began: maybe some rounds of watch events before the end
          const earlier = at < 0 ? snap : (snaps[at % snaps.length] ?? snap);
          const store = new TopologyStore();
          const stream = store.streamFrom(beforePods(earlier, unlisted));
          let pods = inKeyOrder(snap.pods);
          if (how === "shuffled")
            for (const [i, j] of shuffle.entries()) {
              const a = i % pods.length;
              const b = j % pods.length;
              [pods[a], pods[b]] = [pods[b] as KubeObject, pods[a] as KubeObject];
            }
          if (how === "subset") pods = pods.filter((_, i) => shuffle[i % (shuffle.length || 1)] !== i);
          if (how === "stale") pods = inKeyOrder([...pods, ...earlier.pods]);
          // the pods as they stood before watch events changed them: in key order, other objects
          if (how === "earlier") pods = inKeyOrder(earlier.pods);
          if (how === "twice") pods = [...pods, ...pods.slice(0, 2)];
          for (const pod of pods) stream.add(pod);
          store.sync(snap);
          store.flush();
          streamed.shards += stream.taken;
          expectFull(store, snap);
          // and the rounds after it, built as before
          for (const next of play(snap, after)) {
            store.sync(next);
            store.flush();
            expectFull(store, next);
          }
        },
      ),
      { numRuns: 120, seed: 2610 },
    );
    // the streamed shards were taken, not only built whole
    expect(streamed.shards).toBeGreaterThan(100);
  }, 120_000);

  it("takes every node's streamed shard when nothing changed meanwhile, and none whose pods came out of order", () => {
    const snap = snapshotFromObjects(syntheticCluster({ nodes: 6, pods: 120, nads: 12, seed: 3 }));
    for (const [pods, streamed] of [
      [inKeyOrder(snap.pods), 6],
      [inKeyOrder(snap.pods).reverse(), 0],
    ] as const) {
      const store = new TopologyStore();
      const stream = store.streamFrom(beforePods(snap, []));
      for (const pod of pods) stream.add(pod);
      takeWork();
      store.sync(snap);
      store.flush();
      const work = takeWork();
      expect(stream.taken).toBe(streamed);
      expect(work.shardsBuilt).toBe(6);
      expectFull(store, snap);
    }
  });

  it("builds whole the shard of a pod a watch event changed while the rest of its List streamed", () => {
    const snap = snapshotFromObjects(syntheticCluster({ nodes: 6, pods: 120, nads: 12, seed: 3 }));
    const pod = snap.pods[7];
    if (!pod) throw new Error("generated cluster too small");
    const moved: KubeObject = { ...pod, status: { phase: "Running", podIPs: [{ ip: "10.129.9.9" }] } };
    const next = { ...snap, pods: snap.pods.map((p) => (p === pod ? moved : p)) };
    const store = new TopologyStore();
    const stream = store.streamFrom(beforePods(snap, []));
    for (const p of inKeyOrder(snap.pods)) stream.add(p);
    store.sync(next);
    store.flush();
    expect(stream.taken).toBe(5);
    expectFull(store, next);
  });
});
