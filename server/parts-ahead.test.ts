import { describe, expect, it, vi } from "vitest";
import type { KubeObject } from "@/lib/k8s/objects";
import { snapshotFromObjects } from "@/lib/k8s/snapshot";
import { NETWORK_STATUS_ANNOTATION } from "@/lib/pod/annotations";
import { hasParts } from "@/lib/store/shard-summary";
import { takeWork } from "@/lib/store/work";
import { syntheticCluster } from "@/testing/fixtures/synthetic-cluster";
import { StaticSource } from "./sources/static-source";
import { feedOf } from "./topology-feed";
import { joinChannel } from "./view-channel";

// The feed makes every shard's view parts while it is idle (topology-feed.ts makeParts), so that a first namespace
// or network view reads them instead of making them.
const withoutParts = (feed: ReturnType<typeof feedOf>): string[] =>
  [...feed.store.shardNames()].filter((name) => {
    const r = feed.store.shard(name);
    return r !== undefined && !hasParts(r);
  });

describe("view parts made ahead", () => {
  it("are made for every shard once the feed is idle, again for a shard a change rebuilt, and read by a view", async () => {
    const objects = syntheticCluster({ nodes: 12, pods: 240, nads: 8, seed: 11 });
    const source = new StaticSource({ kind: "demo", label: "test", writes: "memory" }, snapshotFromObjects(objects));
    const feed = feedOf(source);
    await feed.current();
    expect(withoutParts(feed).length).toBeGreaterThan(10);
    await vi.waitFor(() => expect(withoutParts(feed)).toEqual([]), { timeout: 10_000, interval: 50 });

    const pod = objects.find((o) => o.kind === "Pod") as KubeObject;
    // one pod's new address rebuilds its shard: a new shard result, whose parts come after the feed is idle again
    const status = JSON.parse(pod.metadata.annotations?.[NETWORK_STATUS_ANNOTATION] ?? "[]") as { ips: string[] }[];
    if (status[1]) status[1].ips = ["100.127.0.9"];
    const annotations = { ...pod.metadata.annotations, [NETWORK_STATUS_ANNOTATION]: JSON.stringify(status) };
    source.put({ ...pod, metadata: { ...pod.metadata, annotations, resourceVersion: "r1" } });
    await feed.current();
    expect(withoutParts(feed)).toHaveLength(1);
    await vi.waitFor(() => expect(withoutParts(feed)).toEqual([]), { timeout: 10_000, interval: 50 });

    // a namespace view made now makes no parts of its own
    takeWork();
    const { channel, leave } = joinChannel(feed, { namespace: pod.metadata.namespace ?? "" });
    expect(channel.since(null)[0]?.text).toContain('"type":"snapshot"');
    expect(takeWork().shardParts).toBe(0);
    leave();
  });
});
