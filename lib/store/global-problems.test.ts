import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { apply, type Change } from "@/testing/fixtures/store-changes";
import { emptySnapshot } from "../k8s/snapshot";
import { clusterOverview } from "../overview/cluster-overview";
import { buildTopology } from "../topology/build";
import { TopologyStore } from "./store";

/**
 * The cluster-wide findings counted per cell (global-problems.ts) when one point carries several networks: two bridge
 * NADs on the same uplink-less bridge on every host, each an island split, so each finding names every host's bridge
 * and each bridge counts on the cells of both networks. global-problems.ts adds a point's networks once each, however
 * many pods attach through it; the counts must stay clusterOverview's of the full build (cross-index.test.ts's wider
 * generator seldom puts two island networks on one bridge).
 */

const NODES = ["n1", "n2", "n3"] as const;
const NETS = ["a/br", "b/br"] as const;
const setup: Change[] = [
  ...NETS.map(
    (key): Change => ({
      kind: "nad",
      key,
      type: "bridge",
      device: "br0",
      whereabouts: false,
      dhcp: false,
      operator: false,
      ovnOwner: null,
    }),
  ),
  ...NODES.map(
    (name): Change => ({
      kind: "nns",
      name,
      nics: ["ens8"],
      bridges: ["br0"],
      uplink: false,
      broken: false,
      mapping: null,
    }),
  ),
];
const pod = fc.oneof(
  fc.record({
    kind: fc.constant("pod" as const),
    ns: fc.constantFrom("a", "b"),
    name: fc.constantFrom("p1", "p2", "p3", "p4", "p5"),
    rv: fc.constant("1"),
    node: fc.constantFrom(...NODES),
    phase: fc.constantFrom("Running", "Pending"),
    requests: fc.constant("none").map(() => []),
    statuses: fc.array(
      fc.record({
        net: fc.constantFrom(...NETS),
        ifname: fc.constantFrom("net1", "net2", "net3"),
        ips: fc.subarray(["192.168.1.10/24", "192.168.1.11/24"], { maxLength: 1 }),
        pci: fc.constant(undefined),
      }),
      { minLength: 1, maxLength: 3 },
    ),
    owner: fc.constant(null),
    app: fc.constant(null),
    vm: fc.constant(undefined),
  }),
) as fc.Arbitrary<Change>;

describe("the cluster-wide findings' counts on a point of several networks", () => {
  it("equal clusterOverview's of the full build, built at once and changed pod by pod", () => {
    let bothNetworks = 0;
    fc.assert(
      fc.property(
        fc.array(pod, { minLength: 2, maxLength: 12 }),
        fc.array(fc.record({ change: pod, remove: fc.boolean() }), { maxLength: 6 }),
        (pods, later) => {
          let snap = emptySnapshot();
          for (const c of [...setup, ...pods]) snap = apply(snap, c, false);
          const store = new TopologyStore();
          for (const e of [{ change: null, remove: false }, ...later]) {
            if (e.change) snap = apply(snap, e.change, e.remove);
            store.sync(snap);
            store.flush();
            const expected = clusterOverview(buildTopology(snap));
            expect(store.overview()).toEqual(expected);
            // a host's cell on each network warned by both islands: what the test is for was reached
            const warned = expected.cells.filter((c) => c.problems.warning === 2);
            if (new Set(warned.map((c) => c.network)).size === 2) bothNetworks++;
          }
        },
      ),
      { numRuns: 150, seed: 14 },
    );
    expect(bothNetworks).toBeGreaterThan(50);
  });
});
