import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { apply, type Change } from "@/testing/fixtures/store-changes";
import type { Finding, Topology } from "../contract/schema";
import { emptySnapshot } from "../k8s/snapshot";
import { buildTopology } from "../topology/build";
import { TopologyStore } from "./store";

/**
 * The addresses reserved for two pods kept by shard (reserved-index.ts) against the full build's check run from
 * scratch, on the events that make it speak: OverlappingRangeIPReservations and IPPool allocations of a few addresses
 * coming, changing and going, and pods on three hosts (and none) holding those addresses, moving, readdressed and
 * going, as the sources hand them (keyed or not). The store's general property (store.test.ts) seldom names a user.
 */

const NODES = ["n1", "n2", "n3", ""] as const;
const pod = fc.record({
  kind: fc.constant("pod" as const),
  ns: fc.constantFrom("a", "b"),
  name: fc.constantFrom("p1", "p2", "p3"),
  rv: fc.constantFrom("1", "2"),
  node: fc.constantFrom(...NODES),
  phase: fc.constant("Running"),
  requests: fc.constant([]),
  statuses: fc.array(
    fc.record({
      net: fc.constantFrom("a/br", "b/br"),
      ifname: fc.constantFrom("net1", "net2"),
      // an address reserved (with and without its prefix), one written otherwise than whereabouts names it (the
      // check matches the address as written), one nobody reserves
      ips: fc.subarray(["192.168.1.10/24", "192.168.1.11", "fd00::a/64", "fd00:0::a/64", "192.168.1.12/24"], {
        minLength: 1,
        maxLength: 2,
      }),
      pci: fc.constant(undefined),
    }),
    { minLength: 1, maxLength: 2 },
  ),
  owner: fc.constant(null),
  app: fc.constant(null),
  vm: fc.constant(undefined),
});
const reservation = fc.record({
  kind: fc.constant("reservation" as const),
  ns: fc.constantFrom("a", "b"),
  // 10.128.0.5 is every pod's default-network address: its users are the pods' eth0
  name: fc.constantFrom("192.168.1.10", "192.168.1.11", "fd00--a", "10.128.0.5"),
  podref: fc.option(fc.constantFrom("a/p1", "a/p2", "b/p3"), { nil: undefined }),
});
const pool = fc.record({
  kind: fc.constant("pool" as const),
  name: fc.constantFrom("pool-1", "pool-2"),
  // allocations from the range's 10th address on: 192.168.1.10, .11, ...
  range: fc.constant("192.168.1.0/24"),
  podrefs: fc.subarray(["a/p1", "a/p2", "b/p3"]),
});
const event = fc.record({
  change: fc.oneof(
    { weight: 4, arbitrary: pod },
    { weight: 3, arbitrary: reservation },
    { weight: 2, arbitrary: pool },
  ) as fc.Arbitrary<Change>,
  remove: fc.boolean(),
  keyed: fc.boolean(),
});

const reservedTwice = (findings: readonly Finding[]) => findings.filter((f) => f.code === "ip-reserved-twice");
const canonical = (t: Topology) => ({ ...t, findings: t.findings.map((f) => JSON.stringify(f)).sort() });

describe("the addresses reserved twice, kept by shard", () => {
  it("equal the full build's findings, in its order, after any sequence of events", () => {
    let named = 0;
    let several = 0;
    fc.assert(
      fc.property(fc.array(fc.array(event, { minLength: 1, maxLength: 4 }), { maxLength: 20 }), (batches) => {
        const store = new TopologyStore();
        let snap = emptySnapshot();
        for (const batch of batches) {
          for (const e of batch) snap = apply(snap, e.change, e.remove, e.keyed);
          store.sync(snap);
          store.flush();
          const full = buildTopology(snap);
          const want = reservedTwice(full.findings);
          for (const f of want) {
            if (f.elements.length > 0) named++;
            if (f.elements.length > 1) several++;
          }
          expect(reservedTwice(store.globalFindings())).toEqual(want);
          expect(canonical(store.topology())).toEqual(canonical(full));
        }
      }),
      { numRuns: 200, seed: 2612 },
    );
    // what this test is for was reached: findings naming the interfaces that hold the address, several of them
    expect(named).toBeGreaterThan(40);
    expect(several).toBeGreaterThan(15);
  }, 60_000);
});
