import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { apply, event } from "@/testing/fixtures/store-changes";
import { syntheticCluster } from "@/testing/fixtures/synthetic-cluster";
import { emptySnapshot, snapshotFromObjects } from "../k8s/snapshot";
import { partsOf, summaryOf } from "./shard-summary";
import { TopologyStore } from "./store";
import { drawView } from "./view";
import { takeWork } from "./work";

/**
 * The commit files every shard by its summary (namespaces, networks, outward findings); what a namespace or network
 * view reads of a shard (its pods by namespace and network, its links by end) is made only when a view asks. Both
 * must say the same of the same shard, and a cold start that sends the cluster overview must make none of the latter.
 */
describe("shard summaries and parts", () => {
  it("the summary's namespaces and networks are the parts' keys, in the same order, for any sequence of changes", () => {
    fc.assert(
      fc.property(fc.array(event, { minLength: 1, maxLength: 30 }), (events) => {
        let snap = emptySnapshot();
        for (const e of events) snap = apply(snap, e.change, e.remove);
        const store = new TopologyStore();
        store.sync(snap);
        store.flush();
        for (const name of store.shardNames()) {
          const r = store.shard(name);
          if (!r) continue;
          const parts = partsOf(r);
          expect([...summaryOf(r).namespaces]).toEqual([...parts.podsByNamespace.keys()]);
          expect([...summaryOf(r).networks]).toEqual([...parts.podsByNetwork.keys()]);
        }
      }),
      { numRuns: 200, seed: 26 },
    );
  });

  it("a cold build and its overview make no shard's parts; a namespace view makes them for its shards only", () => {
    const store = new TopologyStore();
    store.sync(snapshotFromObjects(syntheticCluster({ nodes: 40, pods: 1200, nads: 12, seed: 26 })));
    takeWork();
    store.flush();
    store.overview();
    expect(takeWork().shardParts).toBe(0);
    const namespace = store.index.namespaces().next().value ?? "";
    drawView(store, { namespace });
    const made = takeWork().shardParts;
    expect(made).toBeGreaterThan(0);
    expect(made).toBe(store.index.shardsFor({ namespace }).size);
  });
});
