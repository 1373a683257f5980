import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { COLUMN_PAGE, columnsFor, DEFAULT_COLUMNS, MAX_COLUMNS } from "./columns";
import { MAX_ROWS, orderHosts, ROW_PAGE, windowFor, windowOf } from "./rows";
import type { ClusterOverview, OverviewHost, OverviewNetwork } from "./schema";

const host = (name: string, pods: number, error: number, warning: number): OverviewHost => ({
  id: `host/${name}`,
  name,
  pods,
  interfaces: pods,
  problems: { error, warning, info: 0 },
  linksObserved: true,
});

describe("row windows", () => {
  it("the window asked for holds every row in sight, in whole pages, a page beyond", () => {
    fc.assert(
      fc.property(fc.nat(100_000), fc.integer({ min: 1, max: 300 }), (first, seen) => {
        const w = windowFor("problems", first, first + seen);
        expect(w.offset % ROW_PAGE).toBe(0);
        expect(w.offset).toBeLessThanOrEqual(first);
        expect(w.offset + w.limit).toBeGreaterThanOrEqual(Math.min(first + seen, w.offset + MAX_ROWS));
        expect(w.limit).toBeLessThanOrEqual(MAX_ROWS);
      }),
    );
  });

  it("orders hosts worst first, most pods first or by name, ties by name; a window is its slice with its cells", () => {
    const hosts = [host("c", 5, 0, 1), host("a", 9, 0, 0), host("d", 1, 2, 0), host("b", 5, 0, 1)];
    expect(orderHosts(hosts, "problems").map((h) => h.name)).toEqual(["d", "b", "c", "a"]);
    expect(orderHosts(hosts, "pods").map((h) => h.name)).toEqual(["a", "b", "c", "d"]);
    expect(orderHosts(hosts, "name").map((h) => h.name)).toEqual(["a", "b", "c", "d"]);
    const problems = { error: 0, warning: 0, info: 0 };
    const cell = (h: string) => ({ host: `host/${h}`, network: "network/n", pods: 1, problems });
    const o: ClusterOverview = {
      hosts,
      networks: [],
      cells: ["a", "b", "c", "d"].map(cell),
      totals: { hosts: 4, pods: 20, networks: 0, findings: 3 },
    };
    const w = windowOf(o, { order: "problems", offset: 1, limit: 2 });
    expect(w.hosts.map((h) => h.name)).toEqual(["b", "c"]);
    expect(w.cells.map((c) => c.host)).toEqual(["host/b", "host/c"]);
    expect(w.window).toEqual({ order: "problems", offset: 1, rows: 4, withErrors: 1 });
  });
});

describe("column windows", () => {
  it("the window asked for holds every column in sight, in whole pages, a page beyond", () => {
    fc.assert(
      fc.property(fc.nat(10_000), fc.integer({ min: 1, max: 200 }), (first, seen) => {
        const c = columnsFor(first, first + seen);
        expect(c.offset % COLUMN_PAGE).toBe(0);
        expect(c.offset).toBeLessThanOrEqual(first);
        expect(c.offset + c.limit).toBeGreaterThanOrEqual(Math.min(first + seen, c.offset + MAX_COLUMNS));
        expect(c.limit).toBeLessThanOrEqual(MAX_COLUMNS);
      }),
    );
  });

  it("a window narrower than the networks holds its slice, only their cells, and says how many there are", () => {
    const net = (name: string): OverviewNetwork => ({
      id: `network/ns/${name}`,
      namespace: "ns",
      name,
      type: "bridge",
      pods: 1,
      problems: { error: 0, warning: 0, info: 0 },
    });
    const problems = { error: 0, warning: 0, info: 0 };
    const networks = ["a", "b", "c", "d", "e"].map(net);
    const o: ClusterOverview = {
      hosts: [host("h", 5, 0, 0)],
      networks,
      cells: networks.map((n) => ({ host: "host/h", network: n.id, pods: 1, problems })),
      totals: { hosts: 1, pods: 5, networks: 5, findings: 0 },
    };
    const rows = { order: "name", offset: 0, limit: 10 } as const;
    const w = windowOf(o, rows, { offset: 1, limit: 2 });
    expect(w.networks.map((n) => n.name)).toEqual(["b", "c"]);
    expect(w.cells.map((c) => c.network)).toEqual(["network/ns/b", "network/ns/c"]);
    expect(w.window?.columns).toEqual({ offset: 1, count: 5 });
    // a window holding every network leaves nothing out, and says nothing of columns
    const all = windowOf(o, rows, { offset: 0, limit: 5 });
    expect(all.networks).toEqual(networks);
    expect(all.window?.columns).toBeUndefined();
  });
});

describe("the first column window", () => {
  it("is what the page asks for at first on screens up to ~2,300 px wide (not asked again at once)", () => {
    for (const inSight of [10, 25, 39, 48]) expect(columnsFor(0, inSight)).toEqual(DEFAULT_COLUMNS);
  });
});
