import { afterEach, describe, expect, it, vi } from "vitest";
import type { KubeObject } from "@/lib/k8s/objects";
import { snapshotFromObjects } from "@/lib/k8s/snapshot";
import { filterTopology } from "@/lib/match/filter";
import { NETWORK_STATUS_ANNOTATION } from "@/lib/pod/annotations";
import { servedKept, servedView } from "@/lib/store/served-view";
import { buildTopology } from "@/lib/topology/build";
import { readViewMessage } from "@/lib/wire/read-message";
import { fromSnapshot, topologyOf } from "@/lib/wire/view-state";
import { syntheticCluster } from "@/testing/fixtures/synthetic-cluster";
import { StaticSource } from "./sources/static-source";
import { feedOf } from "./topology-feed";
import { joinChannel, LINGER_MS } from "./view-channel";

// The real servedView (and servedKept: a namespace's matrix kept by parts), counted: a view asked again within the
// linger must not be computed again.
vi.mock("@/lib/store/served-view", async (original) => {
  const real = await original<typeof import("@/lib/store/served-view")>();
  return { ...real, servedView: vi.fn(real.servedView), servedKept: vi.fn(real.servedKept) };
});

function setup() {
  const snap = snapshotFromObjects(syntheticCluster({ nodes: 10, pods: 200, nads: 8, seed: 7 }));
  const source = new StaticSource({ kind: "demo", label: "test", writes: "memory" }, snap);
  return { source, feed: feedOf(source) };
}

const withIp = (pod: KubeObject, ip: string): KubeObject => {
  const ann = { ...pod.metadata.annotations };
  const status = JSON.parse(ann[NETWORK_STATUS_ANNOTATION] ?? "[]") as { ips: string[] }[];
  if (status[1]) status[1].ips = [ip];
  ann[NETWORK_STATUS_ANNOTATION] = JSON.stringify(status);
  return { ...pod, metadata: { ...pod.metadata, annotations: ann, resourceVersion: ip } };
};

afterEach(() => {
  vi.useRealTimers();
});

describe("a view channel after its last subscriber", () => {
  it("is kept a few seconds: a view asked again is answered without computing it again", async () => {
    const { feed } = setup();
    await feed.current();
    vi.useFakeTimers({ toFake: ["setTimeout", "clearTimeout"] });
    const q = { host: "node-003" };
    // What the page does when a search's hit is fetched ahead (viewSnapshot: join, read, leave), then picked.
    const ahead = joinChannel(feed, q);
    const text = ahead.channel.since(null)[0]?.text;
    ahead.leave();
    const computed = vi.mocked(servedView);
    computed.mockClear();
    vi.advanceTimersByTime(LINGER_MS - 100);
    const picked = joinChannel(feed, q);
    expect(picked.channel).toBe(ahead.channel);
    expect(picked.channel.since(null)[0]?.text).toBe(text);
    expect(computed).not.toHaveBeenCalled();
    // Still kept while subscribed, however long: only the last one's leaving starts the clock again.
    vi.advanceTimersByTime(LINGER_MS * 3);
    expect(joinChannel(feed, q).channel).toBe(ahead.channel);
    picked.leave();
  });

  it("ends after the linger: the view is then computed afresh", async () => {
    const { feed } = setup();
    await feed.current();
    vi.useFakeTimers({ toFake: ["setTimeout", "clearTimeout"] });
    const q = { namespace: "team-1", aggregate: true };
    const first = joinChannel(feed, q);
    first.leave();
    first.leave(); // twice is once
    vi.advanceTimersByTime(LINGER_MS + 1);
    const computed = vi.mocked(servedView);
    const kept = vi.mocked(servedKept);
    computed.mockClear();
    kept.mockClear();
    const again = joinChannel(feed, q);
    expect(again.channel).not.toBe(first.channel);
    expect(computed.mock.calls.length + kept.mock.calls.length).toBe(1);
    again.leave();
  });

  it("takes the changes made while nobody watched: a return is sent exactly what a fresh read shows", async () => {
    const { source, feed } = setup();
    await feed.current();
    const pod = source.snapshot().pods[11] as KubeObject;
    const q = { host: (pod.spec as { nodeName: string }).nodeName };
    const left = joinChannel(feed, q);
    const before = left.channel.revision;
    left.leave();
    source.put(withIp(pod, "172.16.7.91"));
    await feed.current();
    const back = joinChannel(feed, q);
    expect(back.channel).toBe(left.channel);
    // a subscriber that held the view before leaving gets the delta; a new one a snapshot of the changed view
    expect(back.channel.since(before)).toHaveLength(1);
    const message = readViewMessage(back.channel.since(null)[0]?.text ?? "");
    if (message?.type !== "snapshot") throw new Error("expected a snapshot");
    const shown = filterTopology(buildTopology(source.snapshot()), q);
    const ids = (t: { elements: { id: string }[] }) => t.elements.map((e) => e.id).sort();
    expect(ids(topologyOf(fromSnapshot(message)))).toEqual(ids(shown));
    expect(back.channel.since(null)[0]?.text).toContain("172.16.7.91");
    back.leave();
  });
});
