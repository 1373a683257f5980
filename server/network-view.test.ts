import { describe, expect, it } from "vitest";
import { hostNameOf, podId } from "@/lib/contract/ids";
import type { KubeObject } from "@/lib/k8s/objects";
import { snapshotFromObjects } from "@/lib/k8s/snapshot";
import { filterTopology } from "@/lib/match/filter";
import { clusterOverview } from "@/lib/overview/cluster-overview";
import { type RowWindow, windowOf } from "@/lib/overview/rows";
import { hostsAndPods, NETWORK_MATRIX_OVER_HOSTS, pastNetworkGraph } from "@/lib/overview/thresholds";
import { buildTopology } from "@/lib/topology/build";
import type { ViewQuery } from "@/lib/wire/view-protocol";
import { syntheticCluster } from "@/testing/fixtures/synthetic-cluster";
import { follow } from "@/testing/view-follow";
import { StaticSource } from "./sources/static-source";
import { feedOf } from "./topology-feed";
import { joinChannel } from "./view-channel";

const NET = "team-1/macvlan-net-10";
const rows: RowWindow = { order: "name", offset: 0, limit: 10 };

describe("a network's view as the page asks for it (aggregate: network)", () => {
  it("is its elements while its graph can be read, its overview's rows in sight past that, through changes", async () => {
    // 70 hosts, 500 pods, 12 networks: every network on 22-49 hosts (under the network graph's bounds, past the
    // cluster matrix's), then pods of one network moved to hosts it is not on until it is past 50 hosts
    const snap = snapshotFromObjects(syntheticCluster({ nodes: 70, pods: 500, nads: 12, seed: 3 }));
    const source = new StaticSource({ kind: "demo", label: "test", writes: "memory" }, snap);
    const feed = feedOf(source);
    await feed.current();
    const networks = buildTopology(source.snapshot())
      .elements.filter((e) => e.kind === "network")
      .map((e) => (e.kind === "network" ? `${e.namespace}/${e.name}` : ""));
    expect(networks).toContain(NET);
    const subs = networks.map((network) => {
      const q: ViewQuery = { network, aggregate: "network", rows };
      const { channel } = joinChannel(feed, q);
      return { q, channel, state: follow(null, channel.since(null)) };
    });
    const seen = { graph: 0, matrix: 0 };
    const check = () => {
      const full = buildTopology(source.snapshot());
      for (const sub of subs) {
        sub.state = follow(sub.state, sub.channel.since(sub.state?.revision ?? null));
        if (!sub.state) throw new Error("lost the view");
        const t = filterTopology(full, { network: sub.q.network });
        const kinds = [...sub.state.elements.values()].map((e) => e.kind);
        if (!pastNetworkGraph(hostsAndPods(t))) {
          // drawn as a graph: every element of the network's view, as the API's view sends it
          seen.graph++;
          expect(sub.state.overview, sub.q.network).toBeNull();
          expect([...sub.state.elements.keys()].sort()).toEqual(t.elements.map((e) => e.id).sort());
          continue;
        }
        // the matrix: the rows in sight and a summary of them all, no pod sent
        seen.matrix++;
        const whole = clusterOverview(t);
        expect(sub.state.overview).toEqual(windowOf(whole, rows));
        expect(sub.state.overview?.window?.rows).toBe(whole.hosts.length);
        expect(whole.hosts.length).toBeGreaterThan(NETWORK_MATRIX_OVER_HOSTS);
        expect(kinds.filter((k) => k === "pod" || k === "interface")).toEqual([]);
        expect(kinds.filter((k) => k === "host").length).toBe(rows.limit);
      }
    };
    check();
    // pods of NET moved, one at a time, onto hosts it is not on: past 50 hosts its view turns into the matrix
    for (let i = 0; i < 6; i++) {
      const full = buildTopology(source.snapshot());
      const t = filterTopology(full, { network: NET });
      const on = new Set(t.elements.filter((e) => e.kind === "host").map((e) => e.name));
      const host = source.snapshot().nodes.find((n) => !on.has(n.metadata.name));
      // a pod from a host with two of the network's pods or more: the network gains a host
      const podsOn = new Map<string, string[]>();
      for (const e of t.elements) {
        const h = e.kind === "pod" ? hostNameOf(e.parent ?? "") : undefined;
        if (h && e.kind === "pod") podsOn.set(h, [...(podsOn.get(h) ?? []), e.id]);
      }
      const id = [...podsOn.values()].find((ids) => ids.length > 1)?.[0];
      const pod = source.snapshot().pods.find((p) => id === podId(p.metadata.namespace ?? "", p.metadata.name));
      if (!host || !pod) throw new Error("nothing to move");
      source.put({ ...pod, spec: { ...(pod.spec as object), nodeName: host.metadata.name } } as KubeObject);
      await feed.current();
      check();
    }
    expect(seen.graph).toBeGreaterThan(0);
    expect(seen.matrix).toBeGreaterThan(0);
  }, 60_000);
});
