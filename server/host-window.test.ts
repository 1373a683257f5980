import { describe, expect, it } from "vitest";
import type { KubeObject } from "@/lib/k8s/objects";
import { snapshotFromObjects } from "@/lib/k8s/snapshot";
import { filterTopology } from "@/lib/match/filter";
import { buildTopology } from "@/lib/topology/build";
import type { ViewQuery } from "@/lib/wire/view-protocol";
import { syntheticCluster } from "@/testing/fixtures/synthetic-cluster";
import { follow, withIp } from "@/testing/view-follow";
import { StaticSource } from "./sources/static-source";
import { feedOf } from "./topology-feed";
import { joinChannel } from "./view-channel";

describe("a namespace or network view sent as its elements, past its window of hosts", () => {
  it("holds the elements of its window's hosts (by name) and every network and workload, says how many hosts it has, through changes", async () => {
    const snap = snapshotFromObjects(syntheticCluster({ nodes: 30, pods: 600, nads: 8, seed: 11 }));
    const source = new StaticSource({ kind: "demo", label: "test", writes: "memory" }, snap);
    const feed = feedOf(source);
    await feed.current();
    const net = buildTopology(source.snapshot()).elements.find((e) => e.kind === "network");
    const network = net?.kind === "network" ? `${net.namespace}/${net.name}` : "";
    const queries: ViewQuery[] = [
      { namespace: "team-1", rows: { order: "name", offset: 0, limit: 5 } },
      { namespace: "team-1", rows: { order: "name", offset: 3, limit: 6 } },
      { network, rows: { order: "problems", offset: 0, limit: 4 } },
      // the whole view: within its window (DEFAULT_ROWS), no window said
      { namespace: "team-2" },
    ];
    const subs = queries.map((q) => {
      const { channel } = joinChannel(feed, q);
      return { q, channel, state: follow(null, channel.since(null)) };
    });
    const pods = source.snapshot().pods;
    const changes = [
      () => source.put(withIp(pods[4] as KubeObject, "172.16.1.99")),
      () => source.put({ ...(pods[7] as KubeObject), spec: { nodeName: "node-001" } }),
      () => source.remove(pods[9] as KubeObject),
      () => source.remove(source.snapshot().nodes[0] as KubeObject),
      () => source.put(withIp(pods[40] as KubeObject, "172.16.1.98")),
    ];
    const check = () => {
      const store = feed.store;
      const full = buildTopology(source.snapshot());
      for (const sub of subs) {
        sub.state = follow(sub.state, sub.channel.since(sub.state?.revision ?? null));
        if (!sub.state) throw new Error("lost the view");
        const t = filterTopology(full, { namespace: sub.q.namespace, network: sub.q.network });
        // the view's hosts: the shards its elements lie in
        const shardOf = (id: string) => store.shardOfElement(id);
        const hosts = new Set(
          t.elements.flatMap((e) => {
            const o = shardOf(e.id);
            return o !== undefined && store.shard(o) ? [o] : [];
          }),
        );
        const rows = sub.q.rows ?? { offset: 0, limit: 100 };
        const window = [...hosts].sort().slice(rows.offset, rows.offset + rows.limit);
        const sent = (id: string) => {
          const o = shardOf(id);
          return o === undefined || !hosts.has(o) || window.includes(o);
        };
        const expected = t.elements.filter((e) => sent(e.id)).map((e) => e.id);
        expect([...sub.state.elements.keys()].sort()).toEqual(expected.sort());
        const links = t.links.filter((l) => sent(l.source) && sent(l.target)).map((l) => l.id);
        expect([...sub.state.links.keys()].sort()).toEqual(links.sort());
        if (hosts.size <= rows.limit && rows.offset === 0) expect(sub.state.hostWindow).toBeNull();
        else {
          expect(sub.state.hostWindow).toEqual({ hosts: hosts.size, offset: rows.offset, sent: window.length });
          // what is left out is left out: the pods of the other hosts
          expect(t.elements.filter((e) => e.kind === "pod").length).toBeGreaterThan(
            [...sub.state.elements.values()].filter((e) => e.kind === "pod").length,
          );
        }
      }
    };
    check();
    for (const change of changes) {
      change();
      await feed.current();
      check();
    }
  }, 60_000);
});
