import { describe, expect, it } from "vitest";
import type { KubeObject } from "@/lib/k8s/objects";
import { filterTopology } from "@/lib/match/filter";
import { clusterOverview } from "@/lib/overview/cluster-overview";
import { type ColumnWindow, DEFAULT_COLUMNS } from "@/lib/overview/columns";
import { DEFAULT_ROWS, windowOf } from "@/lib/overview/rows";
import { buildTopology } from "@/lib/topology/build";
import { CATALOG_HOSTS, catalogSchema, type ViewQuery } from "@/lib/wire/view-protocol";
import type { ViewState } from "@/lib/wire/view-state";
import { catchUp, firstClusterMessage, fiveChanges, generatedFeed, subscribe } from "@/testing/view-follow";

const networkIds = (s: ViewState) => [...s.elements.values()].filter((e) => e.kind === "network").map((e) => e.id);

describe("the overview's column window", () => {
  it("holds exactly the networks asked for, their cells and their elements, says how many there are, through changes", async () => {
    const { source, feed } = await generatedFeed({ nodes: 30, pods: 600, nads: 90, seed: 12 });
    const windows: ColumnWindow[] = [
      { offset: 0, limit: 6 },
      { offset: 24, limit: 24 },
      { offset: 35, limit: 48 },
    ];
    const queries: ViewQuery[] = [
      {},
      ...windows.map((columns) => ({ columns })),
      { namespace: "team-2", aggregate: true, columns: { offset: 1, limit: 2 } },
    ];
    const subs = queries.map((q) => subscribe(feed, q));
    const changes = fiveChanges(source, () => source.remove(source.snapshot().nads[30] as KubeObject));
    const check = () => {
      const full = buildTopology(source.snapshot());
      for (const sub of subs) {
        const state = catchUp(sub);
        const whole = clusterOverview(filterTopology(full, sub.q));
        const columns = sub.q.columns ?? DEFAULT_COLUMNS;
        const expected = windowOf(whole, DEFAULT_ROWS, columns);
        expect(state.overview).toEqual(expected);
        const held = Math.max(0, Math.min(columns.limit, whole.networks.length - columns.offset));
        expect(expected.networks.length).toBe(held);
        // what the window leaves out is said: every column counted, never a silently narrower matrix
        const leftOut = columns.offset > 0 || whole.networks.length > columns.limit;
        expect(state.overview?.window?.columns).toEqual(
          leftOut ? { offset: columns.offset, count: whole.networks.length } : undefined,
        );
        // the networks' elements held are the columns' (their details), not the whole cluster's
        expect(networkIds(state).sort()).toEqual(expected.networks.map((n) => n.id).sort());
        // the catalog names every network (the page's colours come from it), whatever the window
        expect(state.catalog.networks.length).toBeGreaterThanOrEqual(whole.networks.length);
      }
    };
    check();
    expect(subs[0]?.state?.overview?.networks.length).toBe(DEFAULT_COLUMNS.limit);
    expect(subs[1]?.state?.overview?.window?.columns?.count).toBe(90);
    for (const change of changes) {
      change();
      await feed.current();
      check();
    }
    expect(subs[1]?.state?.overview?.window?.columns?.count).toBe(89);
  }, 60_000);
});

/** The cluster view's first message for a generated cluster of `nodes` hosts (four pods each) and `nads` networks. */
async function firstMessage(nodes: number, nads: number) {
  const { length, m, size } = await firstClusterMessage({ nodes, pods: 4 * nodes, nads, seed: 5 });
  const catalog = catalogSchema.parse(m.catalog);
  return { all: length, overview: size("overview"), elements: size("elements"), catalog };
}

describe("the cluster view's first message", () => {
  it("does not grow with the hosts or the networks: 2,000 hosts × 500 networks send what 500 × 200 send, within a few percent", async () => {
    const small = await firstMessage(500, 200);
    const big = await firstMessage(2000, 500);
    const sizes = (m: typeof small) => ({ ...m, catalog: JSON.stringify(m.catalog).length });
    console.log(
      `first message, 500 × 200 vs 2,000 × 500: ${JSON.stringify(sizes(small))} vs ${JSON.stringify(sizes(big))}`,
    );
    expect(big.overview / small.overview).toBeLessThan(1.05);
    expect(big.elements / small.elements).toBeLessThan(1.05);
    // All but the catalog within a few percent. The catalog grows with the networks and namespaces only: it names
    // every one (the pickers offer them, and the colours are told apart among them), 500 names being ~12 KiB.
    const beside = (m: typeof small) => m.all - JSON.stringify(m.catalog).length;
    expect(beside(big) / beside(small)).toBeLessThan(1.05);
    // The catalog lists the first hosts by name and says how many it leaves out (the page offers search for them).
    expect(small.catalog.hosts).toHaveLength(500);
    expect(small.catalog.moreHosts).toBeUndefined();
    const names = Array.from({ length: 2000 }, (_, i) => `node-${String(i + 1).padStart(3, "0")}`).sort();
    expect(big.catalog.hosts).toEqual(names.slice(0, CATALOG_HOSTS));
    expect(big.catalog.moreHosts).toBe(2000 - CATALOG_HOSTS);
    expect(big.catalog.networks).toHaveLength(500);
  }, 180_000);
});
