import { describe, expect, it, vi } from "vitest";
import type { KubeObject } from "@/lib/k8s/objects";
import { snapshotFromObjects } from "@/lib/k8s/snapshot";
import { searchTopology } from "@/lib/match/search";
import { NETWORK_STATUS_ANNOTATION } from "@/lib/pod/annotations";
import { syntheticCluster } from "@/testing/fixtures/synthetic-cluster";
import { StaticSource } from "./sources/static-source";
import { feedOf } from "./topology-feed";
import { searchFeed } from "./topology-search";

// The feed fills its search index once it is idle (topology-feed.ts workAhead), so that the first search does not
// wait for it; the index then follows every commit.
describe("the search index filled while the feed is idle", () => {
  it("is filled with no search asked, answers as a scan of the whole topology, and follows a change", async () => {
    const objects = syntheticCluster({ nodes: 12, pods: 240, nads: 8, seed: 17 });
    const source = new StaticSource({ kind: "demo", label: "test", writes: "memory" }, snapshotFromObjects(objects));
    const feed = feedOf(source);
    await feed.current();
    expect(feed.search.ready).toBe(false); // not during the first build: the first picture comes first
    await vi.waitFor(() => expect(feed.search.ready).toBe(true), { timeout: 10_000, interval: 50 });

    const pod = objects.filter((o) => o.kind === "Pod").at(-1) as KubeObject;
    const status = JSON.parse(pod.metadata.annotations?.[NETWORK_STATUS_ANNOTATION] ?? "[]") as { ips: string[] }[];
    const ip = status[1]?.ips[0] ?? "";
    for (const q of [pod.metadata.name, ip, "node-01", "10.0.0.0/8"])
      expect(await searchFeed(feed, q, 50), q).toEqual(searchTopology(feed.store.topology(), q, 50).map(placed));

    // the pod moves to a new address: the index has it after the commit, and no longer has the old one
    if (status[1]) status[1].ips = ["100.127.0.9"];
    const annotations = { ...pod.metadata.annotations, [NETWORK_STATUS_ANNOTATION]: JSON.stringify(status) };
    source.put({ ...pod, metadata: { ...pod.metadata, annotations, resourceVersion: "r1" } });
    await feed.current();
    const node = (pod.spec as { nodeName?: string } | undefined)?.nodeName;
    const moved = await searchFeed(feed, "100.127.0.9");
    expect(moved.length).toBeGreaterThan(0);
    expect(moved.every((h) => h.host === node)).toBe(true);
    expect(await searchFeed(feed, ip)).toEqual([]);

    /** a hit as searchFeed gives it: with the host it lies on */
    function placed<T extends { id: string }>(hit: T): T & { host?: string } {
      const host = feed.store.hostOf(hit.id);
      return host ? { ...hit, host } : hit;
    }
  });
});
