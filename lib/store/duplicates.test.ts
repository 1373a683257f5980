import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { compareCodePoints } from "../compare";
import type { Finding, InterfaceElement } from "../contract/schema";
import { addressKey } from "../net/ip";
import { duplicateIpFinding, oneVmMigrating } from "../topology/checks";
import { DuplicateIndex } from "./duplicates";
import type { AddressedInterface } from "./shard";

/** a few addresses, spelled several ways (a CIDR suffix, padding, a leading zero), so that shards share them */
const IPS = ["10.0.0.1", "10.0.0.1/24", " 10.0.0.1", "10.0.0.2", "10.0.0.02", "fe80::1", "FE80::1/64", "", "x"];
const SHARDS = ["node-a", "node-b", "node-c"];

/** One shard's interfaces, as shard.ts lists them: its pods in key order, each pod's interfaces in sequence. */
const shardInterfaces = (shard: string) =>
  fc
    .array(
      fc.record({
        vm: fc.constantFrom(undefined, "ns/vm-1"),
        ifaces: fc.array(
          fc.record({
            network: fc.constantFrom("ns/a", "ns/b"),
            ips: fc.array(fc.constantFrom(...IPS), { maxLength: 2 }),
            attached: fc.boolean(),
            isDefault: fc.boolean(),
          }),
          { maxLength: 3 },
        ),
      }),
      { maxLength: 4 },
    )
    .map((pods) =>
      pods.flatMap((pod, p) =>
        pod.ifaces.map((f, seq): AddressedInterface => {
          const parent = `pod/ns/${shard}-${p}`;
          const element: InterfaceElement = {
            id: `${parent}/if/net${seq}`,
            kind: "interface",
            name: `net${seq}`,
            parent,
            provenance: "observed",
            interface: `net${seq}`,
            ips: f.ips,
            network: f.network,
            isDefault: f.isDefault,
            requested: true,
            attached: f.attached,
            gateway: [],
          };
          return { element, podKey: `ns/${shard}-${p}`, seq, ...(pod.vm ? { migratingVm: pod.vm } : {}) };
        }),
      ),
    );

/** The check from scratch over every shard's interfaces now: each address's users in the full build's order. */
function fromScratch(all: ReadonlyMap<string, readonly AddressedInterface[]>): Finding[] {
  const users = new Map<string, { at: AddressedInterface; ip: string; n: number }[]>();
  for (const list of all.values())
    for (const at of list) {
      if (at.element.isDefault || !at.element.attached) continue;
      at.element.ips.forEach((ip, n) => {
        const addr = addressKey(ip);
        if (!addr) return;
        const key = `${at.element.network}|${addr}`;
        users.set(key, [...(users.get(key) ?? []), { at, ip, n }]);
      });
    }
  const out: Finding[] = [];
  for (const us of users.values()) {
    us.sort((a, b) => compareCodePoints(a.at.podKey, b.at.podKey) || a.at.seq - b.at.seq || a.n - b.n);
    const [first] = us;
    if (first && us.length > 1 && !oneVmMigrating(us.map((u) => u.at.migratingVm)))
      out.push(
        duplicateIpFinding(
          first.ip,
          us.map((u) => u.at.element),
        ),
      );
  }
  return out;
}

const sorted = (fs: readonly Finding[]) => fs.map((f) => JSON.stringify(f)).sort();

describe("DuplicateIndex", () => {
  it("after any sequence of shards replaced and removed, finds what the check from scratch finds", () => {
    const step = fc.oneof(
      ...SHARDS.map((s) => shardInterfaces(s).map((list) => ({ shard: s, list }))),
      fc.constantFrom(...SHARDS).map((s) => ({ shard: s, list: [] as AddressedInterface[] })),
    );
    fc.assert(
      fc.property(
        fc.array(fc.array(step, { minLength: 1, maxLength: 3 }), { minLength: 1, maxLength: 6 }),
        (commits) => {
          const index = new DuplicateIndex();
          const now = new Map<string, readonly AddressedInterface[]>();
          let before: string[] = [];
          for (const steps of commits) {
            for (const { shard, list } of steps) {
              index.replace(shard, list);
              now.set(shard, list);
            }
            const changed = index.settle();
            const want = sorted(fromScratch(now));
            expect(sorted(index.findings())).toEqual(want);
            // a change of the findings is always told (telling one that is none is allowed)
            if (JSON.stringify(want) !== JSON.stringify(before)) expect(changed).toBe(true);
            before = want;
          }
        },
      ),
      { numRuns: 3000 },
    );
  });
});
