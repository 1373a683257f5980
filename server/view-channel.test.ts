import { getEventListeners } from "node:events";
import { describe, expect, it } from "vitest";
import type { Topology } from "@/lib/contract/schema";
import { networkColours, topologyColours } from "@/lib/graph/palette";
import type { KubeObject } from "@/lib/k8s/objects";
import { snapshotFromObjects } from "@/lib/k8s/snapshot";
import { filterTopology, shownTopology } from "@/lib/match/filter";
import { clusterOverview } from "@/lib/overview/cluster-overview";
import { NETWORK_STATUS_ANNOTATION, NETWORKS_ANNOTATION } from "@/lib/pod/annotations";
import { buildTopology } from "@/lib/topology/build";
import { readViewMessage } from "@/lib/wire/read-message";
import { type ViewQuery, viewMessageSchema } from "@/lib/wire/view-protocol";
import { applyDelta, fromSnapshot, topologyOf, type ViewState } from "@/lib/wire/view-state";
import { syntheticCluster } from "@/testing/fixtures/synthetic-cluster";
import { StaticSource } from "./sources/static-source";
import { feedOf } from "./topology-feed";
import { joinChannel } from "./view-channel";

const canonical = (t: Topology) => ({ ...t, findings: t.findings.map((f) => JSON.stringify(f)).sort() });

function setup() {
  const snap = snapshotFromObjects(syntheticCluster({ nodes: 10, pods: 200, nads: 8, seed: 7 }));
  const source = new StaticSource({ kind: "demo", label: "test", writes: "memory" }, snap);
  return { source, feed: feedOf(source) };
}

/** A subscriber: what it holds after the messages since its revision, as the browser applies them. */
function follow(state: ViewState | null, texts: { text: string }[]): ViewState | null {
  let s = state;
  for (const { text } of texts) {
    // Every message the server sends is a ViewMessage by the schema, and what the browser's one reader returns.
    const m = readViewMessage(text);
    expect(m).toEqual(viewMessageSchema.parse(JSON.parse(text)));
    if (!m) throw new Error("unreadable message");
    s = m.type === "snapshot" ? fromSnapshot(m) : s && applyDelta(s, m);
  }
  return s;
}

const withIp = (pod: KubeObject, ip: string): KubeObject => {
  const ann = { ...pod.metadata.annotations };
  const status = JSON.parse(ann["k8s.v1.cni.cncf.io/network-status"] ?? "[]") as { ips: string[] }[];
  if (status[1]) status[1].ips = [ip];
  ann["k8s.v1.cni.cncf.io/network-status"] = JSON.stringify(status);
  return { ...pod, metadata: { ...pod.metadata, annotations: ann, resourceVersion: ip } };
};

describe("view channels", () => {
  it("deltas bring every view to exactly what a fresh read shows, after changes of every kind", async () => {
    const { source, feed } = setup();
    await feed.current();
    const pods = source.snapshot().pods;
    const first = pods[0] as KubeObject;
    const queries: ViewQuery[] = [
      {},
      { host: "node-002" },
      { namespace: "team-1" },
      { network: `${first.metadata.namespace}/${source.snapshot().nads[1]?.metadata.name}` },
      { pod: `${first.metadata.namespace}/${first.metadata.name}` },
    ];
    const subs = queries.map((q) => {
      const { channel } = joinChannel(feed, q);
      return { q, channel, state: follow(null, channel.since(null)) };
    });
    // Ten hosts: the whole-cluster view is the overview, with no pods in it.
    expect(subs[0]?.state?.overview).not.toBeNull();
    expect([...(subs[0]?.state?.elements.values() ?? [])].some((e) => e.kind === "pod")).toBe(false);
    const changes: (() => void)[] = [
      () => source.put(withIp(first, "172.16.1.99")),
      () => source.put({ ...first, spec: { nodeName: "node-002" } }),
      () => source.remove(pods[3] as KubeObject),
      () =>
        source.put({ ...(pods[5] as KubeObject), metadata: { ...(pods[5] as KubeObject).metadata, name: "new-pod" } }),
      () => source.remove(source.snapshot().nads[0] as KubeObject),
      () => source.remove(source.snapshot().nodes[2] as KubeObject),
    ];
    for (const change of changes) {
      change();
      await feed.current();
      const full = buildTopology(source.snapshot());
      for (const sub of subs) {
        sub.state = follow(sub.state, sub.channel.since(sub.state?.revision ?? null));
        if (!sub.state) throw new Error("lost the view");
        if (sub.state.overview) {
          expect(sub.state.overview).toEqual(clusterOverview(full));
        } else {
          expect(canonical(topologyOf(sub.state))).toEqual(canonical(filterTopology(full, sub.q)));
        }
      }
    }
  }, 60_000);

  it("a subscription open through many changes holds no listener per change on its signal", async () => {
    const { source, feed } = setup();
    await feed.current();
    const pod = source.snapshot().pods[0] as KubeObject;
    const { channel, leave } = joinChannel(feed, {});
    // The subscription's signal lives as long as the browser's stream: hours, thousands of changes.
    const stream = new AbortController();
    for (let i = 0; i < 30; i++) {
      const changed = channel.next(stream.signal);
      source.put(withIp(pod, `172.16.9.${i + 10}`));
      await feed.current();
      await changed;
    }
    expect(getEventListeners(stream.signal, "abort")).toHaveLength(0);
    const waiting = channel.next(stream.signal);
    stream.abort();
    await waiting; // an aborted stream still ends its wait
    leave();
  });

  it("one pod's new address is a few kilobytes for every view, computed once for all its subscribers", async () => {
    const { source, feed } = setup();
    await feed.current();
    const pod = source.snapshot().pods[11] as KubeObject;
    const node = (pod.spec as { nodeName: string }).nodeName;
    const tabs = Array.from({ length: 20 }, () => joinChannel(feed, { host: node }));
    const overview = joinChannel(feed, {});
    const before = tabs[0]?.channel.revision ?? "";
    const beforeOverview = overview.channel.revision;
    expect(new Set(tabs.map((t) => t.channel)).size).toBe(1);
    source.put(withIp(pod, "172.16.7.77"));
    await feed.current();
    const deltas = tabs.map((t) => t.channel.since(before));
    expect(deltas.every((d) => d.length === 1 && d[0]?.text === deltas[0]?.[0]?.text)).toBe(true);
    const text = deltas[0]?.[0]?.text ?? "";
    expect(text).toContain("172.16.7.77");
    expect(text.length).toBeLessThan(4096);
    const o = overview.channel.since(beforeOverview);
    expect(o).toHaveLength(1);
    expect(o[0]?.text.length).toBeLessThan(1024);
    for (const t of tabs) t.leave();
    overview.leave();
  });

  it("a filtered cluster view the page draws as the matrix is the overview the page would aggregate, through changes", async () => {
    const { source, feed } = setup();
    await feed.current();
    const nad = source.snapshot().nads[1] as KubeObject;
    const queries: ViewQuery[] = [
      { namespace: "team-1", aggregate: true },
      { network: `${nad.metadata.namespace}/${nad.metadata.name}`, aggregate: true },
    ];
    const subs = queries.map((q) => {
      const { channel } = joinChannel(feed, q);
      return { q, state: follow(null, channel.since(null)), channel };
    });
    const pods = source.snapshot().pods;
    const team1 = pods.filter((p) => p.metadata.namespace === "team-1");
    const changes: (() => void)[] = [
      () => source.put(withIp(team1[0] as KubeObject, "172.16.1.98")),
      () => source.remove(team1[1] as KubeObject),
      () => source.put({ ...(team1[2] as KubeObject), spec: { nodeName: "node-003" } }),
      // Down to a few pods on a few hosts: the page draws a graph again, so the view is its elements.
      () => {
        for (const p of pods) if (p.metadata.namespace === "team-1" && p !== team1[0]) source.remove(p);
      },
      () => source.put(pods.find((p) => p.metadata.namespace === "team-1" && p !== team1[0]) as KubeObject),
    ];
    const check = () => {
      const full = buildTopology(source.snapshot());
      for (const sub of subs) {
        sub.state = follow(sub.state, sub.channel.since(sub.state?.revision ?? null));
        if (!sub.state) throw new Error("lost the view");
        const shown = filterTopology(full, sub.q);
        const big =
          shown.elements.filter((e) => e.kind === "host").length > 8 ||
          shown.elements.filter((e) => e.kind === "pod").length > 300;
        if (!big) {
          expect(sub.state.overview).toBeNull();
          expect(canonical(topologyOf(sub.state))).toEqual(canonical(shown));
          continue;
        }
        // What the page drew from the pods before: the overview of the filtered view, and its network colours.
        expect(sub.state.overview).toEqual(clusterOverview(shown));
        expect(topologyColours(topologyOf(sub.state), sub.state.networksInUse ?? [])).toEqual(topologyColours(shown));
        const kept = shown.elements.filter((e) => e.kind === "host" || e.kind === "network" || e.kind === "workload");
        expect(canonical(topologyOf(sub.state))).toEqual(
          canonical({ elements: kept, links: [], findings: shown.findings }),
        );
        expect([...sub.state.elements.values()].some((e) => e.kind === "pod")).toBe(false);
        // What the page shows beside the matrix (findings, workloads, the hosts to select) is what the pods gave.
        const onPage = shownTopology(topologyOf(sub.state), sub.q, sub.state.overview !== null);
        expect(canonical(onPage)).toEqual(canonical({ elements: kept, links: [], findings: shown.findings }));
      }
    };
    check();
    expect(subs.every((s) => s.state?.overview)).toBe(true);
    for (const change of changes) {
      change();
      await feed.current();
      check();
    }
    expect(subs[0]?.state?.overview).toBeNull();
  }, 60_000);

  it("a filtered overview keeps the colours its interfaces' networks gave, even of networks that are not in it", async () => {
    const objects = syntheticCluster({ nodes: 10, pods: 200, nads: 8, seed: 7 });
    const own = objects
      .filter((o) => o.kind === "NetworkAttachmentDefinition" && o.metadata.namespace === "team-1")
      .map((o) => `team-1/${o.metadata.name}`);
    // A network no NAD defines whose colour slot collides with one of team-1's and wins it: without it in the
    // list, that NAD's column would take another colour than the one its pods' interfaces showed.
    const ghost = Array.from({ length: 2000 }, (_, i) => `team-1/ghost-${i}`).find((g) => {
      const withIt = networkColours([...own, g]);
      const without = networkColours(own);
      return own.some((n) => withIt.get(n) !== without.get(n));
    });
    if (!ghost) throw new Error("no colliding name among 2000");
    const pod = objects.find((o) => o.kind === "Pod" && o.metadata.namespace === "team-1") as KubeObject;
    const status = JSON.stringify([{ name: ghost, interface: "net1", ips: ["192.0.2.7"], mac: "02:00:00:00:00:07" }]);
    objects.push({
      ...pod,
      metadata: {
        ...pod.metadata,
        name: "asks-a-ghost",
        annotations: { [NETWORKS_ANNOTATION]: ghost.split("/")[1] ?? "", [NETWORK_STATUS_ANNOTATION]: status },
      },
    });
    const source = new StaticSource({ kind: "demo", label: "test", writes: "memory" }, snapshotFromObjects(objects));
    const feed = feedOf(source);
    await feed.current();
    const q: ViewQuery = { namespace: "team-1", aggregate: true };
    const state = follow(null, joinChannel(feed, q).channel.since(null));
    const shown = filterTopology(buildTopology(source.snapshot()), q);
    expect(shown.elements.some((e) => e.kind === "interface" && e.network === ghost)).toBe(true);
    expect(state?.overview).toEqual(clusterOverview(shown));
    const sent = state ? topologyOf(state) : shown;
    expect(topologyColours(sent, state?.networksInUse ?? [])).toEqual(topologyColours(shown));
    expect(topologyColours(sent)).not.toEqual(topologyColours(shown));
  });
});
