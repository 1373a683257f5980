import { describe, expect, it } from "vitest";
import type { KubeObject } from "@/lib/k8s/objects";
import { snapshotFromObjects } from "@/lib/k8s/snapshot";
import { filterTopology } from "@/lib/match/filter";
import { clusterOverview } from "@/lib/overview/cluster-overview";
import { type RowWindow, windowOf } from "@/lib/overview/rows";
import { NETWORKS_ANNOTATION } from "@/lib/pod/annotations";
import { buildTopology } from "@/lib/topology/build";
import { FINDINGS_PAGE, MAX_FINDINGS, type ViewQuery } from "@/lib/wire/view-protocol";
import { findingKey, type ViewState } from "@/lib/wire/view-state";
import { syntheticCluster } from "@/testing/fixtures/synthetic-cluster";
import {
  catchUp,
  firstClusterMessage,
  fiveChanges,
  follow,
  generatedFeed,
  subscribe,
  withIp,
} from "@/testing/view-follow";
import { StaticSource } from "./sources/static-source";
import { feedOf } from "./topology-feed";
import { joinChannel } from "./view-channel";

const hostIds = (s: ViewState) => [...s.elements.values()].filter((e) => e.kind === "host").map((e) => e.id);

describe("the overview's row window", () => {
  it("a windowed view holds exactly the rows asked for, in the order asked, and the hosts of those rows, through changes", async () => {
    const { source, feed } = await generatedFeed({ nodes: 30, pods: 600, nads: 8, seed: 11 });
    const windows: RowWindow[] = [
      { order: "problems", offset: 0, limit: 4 },
      { order: "pods", offset: 10, limit: 5 },
      { order: "name", offset: 27, limit: 50 },
    ];
    const queries: ViewQuery[] = [
      ...windows.map((rows) => ({ rows })),
      { namespace: "team-1", aggregate: true, rows: { order: "name", offset: 3, limit: 6 } },
    ];
    const subs = queries.map((q) => subscribe(feed, q));
    const changes = fiveChanges(source, () => source.remove(source.snapshot().nodes[2] as KubeObject));
    const check = () => {
      const full = buildTopology(source.snapshot());
      for (const sub of subs) {
        sub.state = catchUp(sub);
        const whole = clusterOverview(filterTopology(full, sub.q));
        const rows = sub.q.rows as RowWindow;
        const expected = windowOf(whole, rows);
        expect(sub.state.overview).toEqual(expected);
        expect(expected.hosts.length).toBe(Math.max(0, Math.min(rows.limit, whole.hosts.length - rows.offset)));
        expect(sub.state.overview?.window?.rows).toBe(whole.hosts.length);
        expect(hostIds(sub.state).sort()).toEqual(expected.hosts.map((h) => h.id).sort());
        // The findings show as the whole topology's do: every one, its click target, and for every element held (a
        // host or network whose details are opened) exactly the findings naming it.
        const all = filterTopology(full, sub.q).findings;
        const said = (f: { code: string; message: string; elements: string[] }) =>
          `${f.code} ${f.message} ${f.elements[0]}`;
        const sent = [...sub.state.findings.values()];
        expect(sent.map(said).sort()).toEqual(all.map(said).sort());
        for (const id of sub.state.elements.keys()) {
          const naming = (fs: typeof all) =>
            fs
              .filter((f) => f.elements.includes(id))
              .map(said)
              .sort();
          expect(naming(sent), id).toEqual(naming(all));
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

/** The pod asking for a network no NAD defines: a finding of its own. */
const broken = (pod: KubeObject, i: number): KubeObject => ({
  ...pod,
  metadata: {
    ...pod.metadata,
    resourceVersion: `broken-${i}`,
    annotations: { ...pod.metadata.annotations, [NETWORKS_ANNOTATION]: `no-such-net-${i}` },
  },
});

describe("the overview's findings, worst first", () => {
  it("sends the worst FINDINGS_PAGE findings and counts them all; more when asked; follows changes", async () => {
    const objects = syntheticCluster({ nodes: 30, pods: 600, nads: 8, seed: 11 });
    let n = 0;
    const snap = snapshotFromObjects(objects.map((o) => (o.kind === "Pod" && n < 40 ? broken(o, n++) : o)));
    const source = new StaticSource({ kind: "demo", label: "test", writes: "memory" }, snap);
    const feed = feedOf(source);
    await feed.current();
    const queries: ViewQuery[] = [{}, { findings: MAX_FINDINGS }, { namespace: "team-1", aggregate: true }];
    const subs = queries.map((q) => {
      const { channel } = joinChannel(feed, q);
      return { q, channel, state: follow(null, channel.since(null)) };
    });
    const pods = source.snapshot().pods;
    const check = () => {
      const full = buildTopology(source.snapshot());
      for (const sub of subs) {
        sub.state = follow(sub.state, sub.channel.since(sub.state?.revision ?? null));
        if (!sub.state) throw new Error("lost the view");
        const all = new Map(filterTopology(full, sub.q).findings.map((f) => [`${f.code} ${f.message}`, f]));
        const sent = [...sub.state.findings.values()];
        const totals = sub.state.findingTotals;
        // every finding counted, by severity; never a silently shorter list
        expect(totals).toEqual({
          error: [...all.values()].filter((f) => f.severity === "error").length,
          warning: [...all.values()].filter((f) => f.severity === "warning").length,
          info: [...all.values()].filter((f) => f.severity === "info").length,
        });
        expect(sent.length).toBe(Math.min(sub.q.findings ?? FINDINGS_PAGE, all.size));
        for (const f of sent) expect(all.has(`${f.code} ${f.message}`)).toBe(true);
        // the worst first: nothing left out is worse than what was sent
        const rank = { error: 0, warning: 1, info: 2 };
        const held = new Set(sent.map((f) => `${f.code} ${f.message}`));
        const left = [...all].filter(([k]) => !held.has(k)).map(([, f]) => rank[f.severity]);
        for (const f of sent) expect(rank[f.severity]).toBeLessThanOrEqual(Math.min(...left));
        // what a new subscriber gets now is what this one holds
        const fresh = follow(null, sub.channel.since(null));
        expect(sent.map(findingKey).sort()).toEqual([...(fresh?.findings.keys() ?? [])].sort());
      }
    };
    check();
    const whole = subs[0]?.state;
    expect(whole?.findings.size).toBe(FINDINGS_PAGE);
    expect((whole?.findingTotals?.error ?? 0) + (whole?.findingTotals?.warning ?? 0)).toBeGreaterThan(FINDINGS_PAGE);
    expect(subs[1]?.state?.findings.size).toBeGreaterThan(FINDINGS_PAGE);
    const changes = [
      () => source.put(objects.find((o) => o.metadata.name === pods[3]?.metadata.name) as KubeObject),
      () => source.put(broken(pods[100] as KubeObject, 100)),
      () => source.remove(pods[5] as KubeObject),
      () => source.put(withIp(pods[200] as KubeObject, "172.16.1.97")),
    ];
    for (const change of changes) {
      change();
      await feed.current();
      check();
    }
  }, 60_000);
});

/** The cluster view's first message for a generated cluster of `nodes` hosts, four pods each: its parts' lengths. */
async function firstMessage(nodes: number) {
  const { length, m, size } = await firstClusterMessage({ nodes, pods: 4 * nodes, nads: 20, seed: 5 });
  const count = Array.isArray(m.findings) ? m.findings.length : -1;
  return {
    all: length,
    overview: size("overview"),
    elements: size("elements"),
    findings: size("findings"),
    count,
  };
}

describe("the cluster view's first message", () => {
  it("does not grow with the hosts: 2,000 hosts send what 500 send, within a few percent", async () => {
    const small = await firstMessage(500);
    const big = await firstMessage(2000);
    console.log(`first message, 500 vs 2,000 hosts: ${JSON.stringify(small)} vs ${JSON.stringify(big)}`);
    expect(big.overview / small.overview).toBeLessThan(1.05);
    expect(big.elements / small.elements).toBeLessThan(1.05);
    // Findings name of their elements only the first and those held (lib/store/held-findings.ts); their messages are
    // bounded (2,000 characters, lib/findings/bound-message.ts), which a split naming 2,000 hosts reaches and one
    // naming 500 not quite: the same findings, a bounded size each.
    expect(big.count).toBe(small.count);
    expect(big.findings / big.count).toBeLessThan(2_400);
  }, 120_000);
});
