import { getEventListeners } from "node:events";
import fc from "fast-check";
import { describe, expect, it, vi } from "vitest";
import type { Topology } from "@/lib/contract/schema";
import { networkColours, topologyColours } from "@/lib/graph/palette";
import type { KubeObject } from "@/lib/k8s/objects";
import { type ClusterSnapshot, emptySnapshot, snapshotFromObjects } from "@/lib/k8s/snapshot";
import { filterTopology, shownTopology } from "@/lib/match/filter";
import { clusterOverview } from "@/lib/overview/cluster-overview";
import { DEFAULT_ROWS, windowOf } from "@/lib/overview/rows";
import { NETWORK_STATUS_ANNOTATION, NETWORKS_ANNOTATION } from "@/lib/pod/annotations";
import { heldFindings } from "@/lib/store/held-findings";
import { servedView } from "@/lib/store/served-view";
import { buildTopology } from "@/lib/topology/build";
import { readViewMessage } from "@/lib/wire/read-message";
import type { ViewQuery } from "@/lib/wire/view-protocol";
import { fromSnapshot, topologyOf } from "@/lib/wire/view-state";
import { apply, criteria, event } from "@/testing/fixtures/store-changes";
import { syntheticCluster } from "@/testing/fixtures/synthetic-cluster";
import { follow, withIp } from "@/testing/view-follow";
import { StaticSource } from "./sources/static-source";
import { Listeners } from "./sources/types";
import { feedOf } from "./topology-feed";
import { joinChannel } from "./view-channel";

// The real servedView, counted: a view the change does not touch must not be computed again.
vi.mock("@/lib/store/served-view", async (original) => {
  const real = await original<typeof import("@/lib/store/served-view")>();
  return { ...real, servedView: vi.fn(real.servedView) };
});

/** A source whose whole snapshot is replaced, as the store's property test changes it. */
class SnapshotSource extends StaticSource {
  private current: ClusterSnapshot = emptySnapshot();
  private seq = 1;
  private readonly heard = new Listeners();
  constructor() {
    super({ kind: "demo", label: "property", writes: "none" }, emptySnapshot());
  }
  set(snap: ClusterSnapshot): void {
    this.current = snap;
    this.seq++;
    this.heard.emit();
  }
  override revision(): number {
    return this.seq;
  }
  override snapshot(): ClusterSnapshot {
    return this.current;
  }
  override subscribe(listener: () => void): () => void {
    return this.heard.add(listener);
  }
}

const asSet = (t: Topology) => ({ ...t, findings: [...new Set(t.findings.map((f) => JSON.stringify(f)))].sort() });
const canonical = (t: Topology) => ({ ...t, findings: t.findings.map((f) => JSON.stringify(f)).sort() });

function setup() {
  const snap = snapshotFromObjects(syntheticCluster({ nodes: 10, pods: 200, nads: 8, seed: 7 }));
  const source = new StaticSource({ kind: "demo", label: "test", writes: "memory" }, snap);
  return { source, feed: feedOf(source) };
}

const withMac = (pod: KubeObject, mac: string): KubeObject => {
  const ann = { ...pod.metadata.annotations };
  const status = JSON.parse(ann[NETWORK_STATUS_ANNOTATION] ?? "[]") as { mac: string }[];
  if (status[1]) status[1].mac = mac;
  ann[NETWORK_STATUS_ANNOTATION] = JSON.stringify(status);
  return { ...pod, metadata: { ...pod.metadata, annotations: ann, resourceVersion: mac } };
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
          expect(sub.state.overview).toEqual(windowOf(clusterOverview(full), DEFAULT_ROWS));
        } else {
          expect(canonical(topologyOf(sub.state))).toEqual(canonical(filterTopology(full, sub.q)));
        }
      }
    }
  }, 60_000);

  it("deltas bring any set of views to exactly what a fresh read shows, after any sequence of changes (property)", async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.array(fc.array(event, { minLength: 1, maxLength: 4 }), { minLength: 1, maxLength: 10 }),
        fc.array(criteria, { minLength: 1, maxLength: 6 }),
        async (batches, views) => {
          const source = new SnapshotSource();
          const feed = feedOf(source);
          await feed.current();
          // one of each kind, beside the random ones
          // (and a namespace and a network as the page asks for them: `aggregate`, drawn from the same parts)
          const kinds: ViewQuery[] = [
            ...[{}, { host: "n1" }, { namespace: "a" }, { network: "a/br" }, { pod: "a/p1" }],
            ...[
              { namespace: "b", aggregate: true },
              { network: "b/vlan", aggregate: true },
            ],
          ];
          const subs = [...kinds, ...views].map((q) => {
            const joined = joinChannel(feed, q);
            return { q, ...joined, state: follow(null, joined.channel.since(null)) };
          });
          let snap = emptySnapshot();
          for (const batch of batches) {
            for (const { change, remove } of batch) snap = apply(snap, change, remove);
            source.set(snap);
            await feed.current();
            const full = buildTopology(snap);
            for (const sub of subs) {
              sub.state = follow(sub.state, sub.channel.since(sub.state?.revision ?? null));
              if (!sub.state) throw new Error("lost the view");
              // what a new subscriber would be sent now, and what the full build narrowed to the view says
              // (the wire names a finding by its JSON: two identical findings, e.g. of two pods both named
              // "Bad_Name", arrive as one, so findings are compared as a set)
              const fresh = servedView(feed.store, sub.q);
              expect(asSet(topologyOf(sub.state))).toEqual(asSet(fresh.topology));
              expect(asSet(topologyOf(sub.state))).toEqual(asSet(filterTopology(full, sub.q)));
            }
          }
          for (const sub of subs) sub.leave();
        },
      ),
      { numRuns: 40, seed: 2626 },
    );
  }, 120_000);

  it("one pod's change computes again only the views that show it; the others send an empty delta", async () => {
    const { source, feed } = setup();
    await feed.current();
    const pod = source.snapshot().pods[11] as KubeObject;
    const node = (pod.spec as { nodeName: string }).nodeName;
    const other = source.snapshot().pods.find((p) => (p.spec as { nodeName: string }).nodeName !== node);
    if (!other) throw new Error("one host only");
    const otherNode = (other.spec as { nodeName: string }).nodeName;
    const queries: ViewQuery[] = [
      { host: node },
      { pod: `${pod.metadata.namespace}/${pod.metadata.name}` },
      { host: otherNode },
      { pod: `${other.metadata.namespace}/${other.metadata.name}` },
      { namespace: "no-pods-here" },
    ];
    const subs = queries.map((q) => joinChannel(feed, q));
    const before = subs.map((s) => s.channel.revision);
    const computed = vi.mocked(servedView);
    computed.mockClear();
    // A new MAC on its second interface: no finding changes, only the interface.
    source.put(withMac(pod, "02:aa:00:00:00:77"));
    await feed.current();
    const asked = computed.mock.calls.map(([, q]) => JSON.stringify(q));
    expect(asked.sort()).toEqual([queries[0], queries[1]].map((q) => JSON.stringify(q)).sort());
    // The untouched views still move to the new revision, with nothing in their delta.
    for (const [i, s] of subs.entries()) {
      const [delta] = s.channel.since(before[i] ?? "");
      const m = readViewMessage(delta?.text ?? "");
      if (m?.type !== "delta") throw new Error("expected a delta");
      const size = m.elements.upsert.length + m.elements.remove.length + m.findings.upsert.length;
      expect(size > 0).toBe(i < 2);
    }
    for (const s of subs) s.leave();
  });

  it("a finding about a pod on another host reaches a host view that holds the network it names", async () => {
    const { source, feed } = setup();
    await feed.current();
    const pods = source.snapshot().pods;
    const netOf = (p: KubeObject) => JSON.parse(p.metadata.annotations?.[NETWORK_STATUS_ANNOTATION] ?? "[]")[1]?.name;
    const nodeOf = (p: KubeObject) => (p.spec as { nodeName: string }).nodeName;
    const pod = pods[11] as KubeObject;
    const elsewhere = pods.find((p) => netOf(p) === netOf(pod) && nodeOf(p) !== nodeOf(pod));
    if (!elsewhere) throw new Error("no other host on the pod's network");
    const q: ViewQuery = { host: nodeOf(elsewhere) };
    const { channel, leave } = joinChannel(feed, q);
    let state = follow(null, channel.since(null));
    // An address outside its network's range: a finding on the pod's interface that also names the network.
    source.put(withIp(pod, "198.51.100.7"));
    await feed.current();
    state = follow(state, channel.since(state?.revision ?? null));
    const shown = filterTopology(buildTopology(source.snapshot()), q);
    const about = shown.findings.filter((f) =>
      f.elements.some((id) => id.startsWith(`pod/${pod.metadata.namespace}/`)),
    );
    expect(about.length).toBeGreaterThan(0);
    expect(asSet(state ? topologyOf(state) : shown)).toEqual(asSet(shown));
    leave();
  });

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

  it("identical findings go on the wire once, and the page holds what it held when they went twice", async () => {
    // Two DaemonSets named Bad_Name in two namespaces: the full build refuses each with the same words.
    const ds = (namespace: string): KubeObject => ({
      apiVersion: "apps/v1",
      kind: "DaemonSet",
      metadata: { name: "Bad_Name", namespace },
    });
    const snap: ClusterSnapshot = { ...emptySnapshot(), workloads: [ds("a"), ds("b")] };
    const full = buildTopology(snap);
    const refused = full.findings.filter((f) => f.code === "object-invalid");
    expect(refused).toHaveLength(2);
    expect(JSON.stringify(refused[0])).toBe(JSON.stringify(refused[1]));
    const feed = feedOf(new StaticSource({ kind: "demo", label: "dup", writes: "none" }, snap));
    await feed.current();
    const { channel, leave } = joinChannel(feed, {});
    const text = channel.since(null)[0]?.text ?? "";
    const m = readViewMessage(text);
    if (m?.type !== "snapshot") throw new Error("no snapshot");
    expect(m.findings.filter((f) => f.code === "object-invalid")).toHaveLength(1);
    // what the page holds: the same as from a message carrying both copies
    expect(fromSnapshot(m).findings).toEqual(fromSnapshot({ ...m, findings: full.findings }).findings);
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
    // the host, its cell, the network, the totals and the row window's summary
    expect(o[0]?.text.length).toBeLessThan(1200);
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
        expect(sub.state.overview).toEqual(windowOf(clusterOverview(shown), DEFAULT_ROWS));
        expect(topologyColours(topologyOf(sub.state), sub.state.networksInUse ?? [])).toEqual(topologyColours(shown));
        const kept = shown.elements.filter((e) => e.kind === "host" || e.kind === "network" || e.kind === "workload");
        // findings name of their elements the first and those the message holds (lib/store/held-findings.ts)
        const findings = heldFindings(shown.findings, kept);
        expect(canonical(topologyOf(sub.state))).toEqual(canonical({ elements: kept, links: [], findings }));
        expect([...sub.state.elements.values()].some((e) => e.kind === "pod")).toBe(false);
        // What the page shows beside the matrix (findings, workloads, the hosts to select) is what the pods gave.
        const onPage = shownTopology(topologyOf(sub.state), sub.q, sub.state.overview !== null);
        expect(canonical(onPage)).toEqual(canonical({ elements: kept, links: [], findings }));
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
    expect(state?.overview).toEqual(windowOf(clusterOverview(shown), DEFAULT_ROWS));
    const sent = state ? topologyOf(state) : shown;
    expect(topologyColours(sent, state?.networksInUse ?? [])).toEqual(topologyColours(shown));
    expect(topologyColours(sent)).not.toEqual(topologyColours(shown));
  });
});
