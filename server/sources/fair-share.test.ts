import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { type Entry, shareOf, shareRoom, type Who } from "./fair-share";
import type { ClusterSource } from "./types";

// The rule by which sources make room, over any arrival of identities: the server never holds more than its cap,
// never refuses the newcomer, and a group (namespace or account) holding more sources than another loses first.

function fakeSource(log: string[], name: string): ClusterSource {
  return {
    info: { kind: "demo", label: name, writes: "none" },
    revision: () => 1,
    snapshot: () => {
      throw new Error("not read here");
    },
    status: () => ({ state: "live", since: "" }),
    ready: async () => {},
    subscribe: () => () => {},
    close: async () => void log.push(`close ${name}`),
    retire: async () => void log.push(`retire ${name}`),
    writer: () => null,
  };
}

function arrive(entries: Map<string, Entry>, cap: number, name: string, share: string, t: number, log: string[]) {
  const who: Who = { account: name, share };
  shareRoom(entries, cap, who);
  entries.set(name, { source: Promise.resolve(fakeSource(log, name)), users: 1, lastUsed: t, who });
}

describe("shareOf", () => {
  it("ServiceAccounts count against their namespace, anybody else against their account", () => {
    expect(shareOf("system:serviceaccount:tenant-a:sa-1")).toBe("namespace tenant-a");
    expect(shareOf("system:serviceaccount:tenant-a:sa-2")).toBe("namespace tenant-a");
    expect(shareOf("alice")).toBe("account alice");
    expect(shareOf("system:serviceaccount:odd")).toBe("account system:serviceaccount:odd");
  });
});

describe("shareRoom", () => {
  it("an idle source goes before any held one", async () => {
    const log: string[] = [];
    const entries = new Map<string, Entry>();
    arrive(entries, 2, "a", "g1", 1, log);
    arrive(entries, 2, "b", "g2", 2, log);
    const a = entries.get("a");
    if (a) a.users = 0;
    arrive(entries, 2, "c", "g2", 3, log);
    await Promise.resolve();
    expect(log).toEqual(["close a"]);
    expect([...entries.keys()]).toEqual(["b", "c"]);
  });

  it("over any arrivals: at most `cap` sources, the newcomer always in, only the largest group gives way", async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.integer({ min: 1, max: 12 }),
        fc.array(fc.integer({ min: 0, max: 5 }), { minLength: 1, maxLength: 80 }),
        async (cap, groups) => {
          const log: string[] = [];
          const entries = new Map<string, Entry>();
          for (const [i, g] of groups.entries()) {
            // group sizes as the newcomer arrives, the newcomer counted in its own
            const size = new Map<string, number>([[`g${g}`, 1]]);
            for (const e of entries.values()) size.set(e.who.share ?? "", (size.get(e.who.share ?? "") ?? 0) + 1);
            const before = new Map(entries);
            arrive(entries, cap, `id${i}`, `g${g}`, i, log);
            expect(entries.size).toBeLessThanOrEqual(cap);
            expect(entries.has(`id${i}`)).toBe(true);
            const largest = Math.max(...size.values());
            for (const [k, e] of before)
              if (!entries.has(k)) expect(size.get(e.who.share ?? ""), `${k} made room`).toBe(largest);
          }
          await Promise.resolve();
          // Every source that made room was held: it was told why (retired), never closed silently.
          expect(log.every((l) => l.startsWith("retire "))).toBe(true);
          expect(log.length).toBe(groups.length - entries.size);
        },
      ),
    );
  });
});
