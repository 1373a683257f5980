import { describe, expect, it } from "vitest";
import { compareCodePoints } from "@/lib/compare";
import type { Topology } from "@/lib/contract/schema";
import { keyOf } from "@/lib/k8s/objects";
import { type ClusterSnapshot, emptySnapshot, snapshotFromObjects } from "@/lib/k8s/snapshot";
import { buildTopology } from "@/lib/topology/build";
import { syntheticCluster } from "@/testing/fixtures/synthetic-cluster";
import { FirstStream } from "./first-stream";
import type { Part, PartState } from "./parts";
import { WATCHED } from "./resources";

const canonical = (t: Topology) => ({ ...t, findings: t.findings.map((f) => JSON.stringify(f)).sort() });

/** The live source's parts as FirstStream reads them: each kind's state alone. */
const partsOf = () => WATCHED.map((resource) => ({ resource, state: { kind: "pending" } as PartState }) as Part);
const settle = (parts: Part[], slots: readonly string[]) => {
  for (const p of parts) if (slots.includes(p.resource.slot)) p.state = { kind: "synced" };
};

/** What the source's snapshot holds while only the synced parts are read. */
const readSoFar = (snap: ClusterSnapshot, parts: readonly Part[]): ClusterSnapshot => {
  const out = { ...emptySnapshot(), notes: snap.notes };
  for (const p of parts) {
    const slot = p.resource.slot;
    if (p.state.kind !== "synced") out.incomplete.push(p.resource.resource);
    else if (slot === "operatorNetwork") out.operatorNetwork = snap.operatorNetwork;
    else Object.assign(out, { [slot]: snap[slot] });
  }
  return out;
};

describe("the first round's pods built into shards as they stream in", () => {
  const snap = snapshotFromObjects(syntheticCluster({ nodes: 5, pods: 100, nads: 8, seed: 11 }));
  const pods = [...snap.pods].sort((a, b) => compareCodePoints(keyOf(a), keyOf(b)));

  it("starts once every kind a shard reads besides pods is in, takes the pods read before it, ends with the round", () => {
    const parts = partsOf();
    const first = new FirstStream();
    const third = Math.floor(pods.length / 3);
    // pods read while the nodes and NADs are still on their way wait
    for (const pod of pods.slice(0, third)) first.pod(pod);
    settle(parts, ["nodes", "nads"]);
    first.check(parts, () => readSoFar(snap, parts));
    for (const pod of pods.slice(third, 2 * third)) first.pod(pod);
    // every kind but the late ones in: the stream starts with the pods read so far, and takes the rest as they come
    const late = ["pods", "events", "workloads"];
    settle(
      parts,
      WATCHED.map((r) => r.slot).filter((s) => !late.includes(s)),
    );
    first.check(parts, () => readSoFar(snap, parts));
    for (const pod of pods.slice(2 * third)) first.pod(pod);
    settle(parts, late);
    first.check(parts, () => readSoFar(snap, parts));
    // a pod after the round is over (a watch's) is not the stream's: it would come out of order
    for (const pod of pods.slice(0, 1)) first.pod(pod);
    const store = first.take();
    expect(first.take()).toBeUndefined();
    if (!store) throw new Error("no store");
    store.sync(snap);
    store.flush();
    expect(canonical(store.topology())).toEqual(canonical(buildTopology(snap)));
    expect(first.streamedShards()).toBe(5);
  });
});
