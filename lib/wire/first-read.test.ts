import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { type FirstRead, firstReadHeadline, type ListRead, listLine, mergeLists } from "./first-read";

const states = ["reading", "read", "absent", "refused", "failed"] as const;
const list = fc.record({
  resource: fc.constantFrom("pods", "nodes", "events", "network-attachment-definitions"),
  namespace: fc.option(fc.constantFrom("a", "b"), { nil: undefined }),
  items: fc.nat(100_000),
  state: fc.constantFrom(...states),
});

describe("the first read as the page says it", () => {
  it("says a kind watched as several Lists once: items added up, still reading while any List is", () => {
    // server/sources/live/resources.ts watches events as two Lists, one reason each
    const merged = mergeLists([
      { resource: "events", items: 3, state: "read" },
      { resource: "events", items: 4, state: "reading" },
      { resource: "pods", items: 12, state: "read" },
    ]);
    expect(merged).toEqual([
      { resource: "events", items: 7, state: "reading" },
      { resource: "pods", items: 12, state: "read" },
    ]);
  });

  it("keeps every item and one entry per resource and namespace, whatever the Lists (fast-check)", () => {
    fc.assert(
      fc.property(fc.array(list, { maxLength: 30 }), (lists) => {
        const merged = mergeLists(lists);
        const key = (l: ListRead) => `${l.resource}/${l.namespace ?? ""}`;
        expect(new Set(merged.map(key)).size).toBe(merged.length);
        expect(new Set(merged.map(key))).toEqual(new Set(lists.map(key)));
        const sum = (ls: readonly ListRead[]) => ls.reduce((n, l) => n + l.items, 0);
        expect(sum(merged)).toBe(sum(lists));
        // a kind is "read" only when each of its Lists is
        for (const m of merged) {
          const mine = lists.filter((l) => key(l) === key(m));
          if (m.state === "read") expect(mine.every((l) => l.state === "read")).toBe(true);
          if (mine.some((l) => l.state === "reading")) expect(["reading", "refused", "failed"]).toContain(m.state);
        }
      }),
    );
  });

  it("says counts, never a share of a total no List has told", () => {
    expect(listLine({ resource: "pods", items: 82_314, state: "reading" })).toBe("pods: 82,314 read so far");
    expect(listLine({ resource: "nodes", items: 2000, state: "read" })).toBe("nodes: 2,000 ✓");
    expect(listLine({ resource: "pods", namespace: "multus-test", items: 5, state: "read" })).toBe(
      "pods in multus-test: 5 ✓",
    );
    expect(listLine({ resource: "virtualmachines", items: 0, state: "absent" })).toBe(
      "virtualmachines: not served by this cluster",
    );
    const listing: FirstRead = {
      phase: "listing",
      lists: [
        { resource: "pods", items: 10, state: "reading" },
        { resource: "nodes", items: 2, state: "read" },
      ],
    };
    expect(firstReadHeadline(listing)).toBe("Reading the cluster: 1 of 2 lists still coming…");
    const building: FirstRead = { phase: "building", lists: listing.lists, hosts: { built: 812, of: 2000 } };
    expect(firstReadHeadline(building)).toBe("Every list read. Checking the wiring: 812 of 2,000 hosts…");
    expect(firstReadHeadline({ ...building, hosts: { built: 2000, of: 2000 } })).toBe(
      "Every list read and every host checked. Checking across hosts…",
    );
    expect(firstReadHeadline({ phase: "building", lists: listing.lists })).toBe(
      "Every list read. Checking the wiring…",
    );
    expect(firstReadHeadline({ phase: "done", lists: [] })).toBe("Drawing the picture…");
  });
});
