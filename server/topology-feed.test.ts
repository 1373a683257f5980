import { describe, expect, it, vi } from "vitest";
import type { Topology } from "@/lib/contract/schema";
import { type ClusterSnapshot, emptySnapshot, snapshotFromObjects } from "@/lib/k8s/snapshot";
import { storeCounts } from "@/lib/store/view";
import { buildTopology } from "@/lib/topology/build";
import { syntheticCluster } from "@/testing/fixtures/synthetic-cluster";
import { StaticSource } from "./sources/static-source";
import { Listeners } from "./sources/types";
import { feedOf } from "./topology-feed";

/**
 * A source read kind by kind, as a live one is: the nodes are in long before the last pod, and its first round is
 * over only when every kind is.
 */
class FirstRoundSource extends StaticSource {
  private current: ClusterSnapshot = emptySnapshot();
  private seq = 1;
  private readonly heard = new Listeners();
  private over!: () => void;
  private readonly round = new Promise<void>((r) => (this.over = r));
  readonly snapshots = vi.fn(() => this.current);
  constructor() {
    super({ kind: "demo", label: "first round", writes: "none" }, emptySnapshot());
  }
  set(snap: ClusterSnapshot): void {
    this.current = snap;
    this.seq++;
    this.heard.emit();
  }
  roundOver(): void {
    this.over();
  }
  override ready(): Promise<void> {
    return this.round;
  }
  override revision(): number {
    return this.seq;
  }
  override snapshot(): ClusterSnapshot {
    return this.snapshots();
  }
  override subscribe(listener: () => void): () => void {
    return this.heard.add(listener);
  }
}

const canonical = (t: Topology) => ({ ...t, findings: t.findings.map((f) => JSON.stringify(f)).sort() });
const settle = () => new Promise((r) => setTimeout(r, 50));

describe("the topology feed at a cold start", () => {
  it("builds nothing while the source's first round is under way, then the whole cluster at once", async () => {
    const objects = syntheticCluster({ nodes: 6, pods: 60, nads: 4, seed: 3 });
    const source = new FirstRoundSource();
    const feed = feedOf(source);
    const commits = vi.fn();
    feed.listen(commits);
    // The nodes, NADs and NodeNetworkStates are listed; the pods are still on their way.
    source.set(snapshotFromObjects(objects.filter((o) => o.kind !== "Pod")));
    await settle();
    expect(source.snapshots).not.toHaveBeenCalled();
    expect(feed.store.revision).toBe(0);
    expect(commits).not.toHaveBeenCalled();
    const all = snapshotFromObjects(objects);
    source.set(all);
    source.roundOver();
    await feed.current();
    // one build, of everything: the pod-less hosts were never built to be built again
    expect(commits).toHaveBeenCalledTimes(1);
    expect(feed.store.revision).toBe(1);
    expect(canonical(feed.store.topology())).toEqual(canonical(buildTopology(all)));
  });

  it("answers a reader that came before the first round was over", async () => {
    const objects = syntheticCluster({ nodes: 3, pods: 20, nads: 2, seed: 5 });
    const source = new FirstRoundSource();
    const feed = feedOf(source);
    const answered = feed.current().then(() => storeCounts(feed.store));
    await settle();
    source.set(snapshotFromObjects(objects));
    source.roundOver();
    expect(await answered).toEqual({ hosts: 3, pods: 20 });
  });
});
