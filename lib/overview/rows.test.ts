import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { MAX_ROWS, orderHosts, ROW_PAGE, windowFor, windowOf } from "./rows";
import type { ClusterOverview, OverviewHost } from "./schema";

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
