import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { apply, type Change } from "@/testing/fixtures/store-changes";
import type { Topology } from "../contract/schema";
import { emptySnapshot } from "../k8s/snapshot";
import { clusterOverview } from "../overview/cluster-overview";
import { buildTopology } from "../topology/build";
import { TopologyStore } from "./store";

/**
 * The cross-host checks kept by network (cross-index.ts) and the cluster-wide findings' counts kept by share
 * (global-problems.ts) against the full build, on the events that make them speak: bridges with and without uplinks on
 * three hosts, bridge networks with and without dhcp, pods on them (some in kube-system, one named like a dhcp
 * daemon) coming, moving, readdressed and going. The store's general property (store.test.ts) seldom reaches these.
 */

const NODES = ["n1", "n2", "n3"] as const;
const pod = fc.record({
  kind: fc.constant("pod" as const),
  ns: fc.constantFrom("a", "b", "kube-system"),
  name: fc.constantFrom("p1", "p2", "p3", "p4", "dhcp"),
  rv: fc.constantFrom("1", "2"),
  node: fc.constantFrom(...NODES),
  phase: fc.constantFrom("Running", "Pending"),
  requests: fc.constant([]),
  statuses: fc.array(
    fc.record({
      net: fc.constantFrom("a/br", "b/br", "a/mac"),
      ifname: fc.constantFrom("net1", "net2"),
      ips: fc.subarray(["192.168.1.10/24", "192.168.1.11/24"], { maxLength: 1 }),
      pci: fc.constant(undefined),
    }),
    { maxLength: 2 },
  ),
  owner: fc.constant(null),
  app: fc.constant(null),
  vm: fc.constant(undefined),
});
const nns = fc.record({
  kind: fc.constant("nns" as const),
  name: fc.constantFrom(...NODES),
  nics: fc.constant(["ens8"]),
  bridges: fc.subarray(["br0", "br1"]),
  uplink: fc.boolean(),
  broken: fc.constant(false),
  mapping: fc.constant(null),
});
const nad = fc.record({
  kind: fc.constant("nad" as const),
  key: fc.constantFrom("a/br", "b/br", "a/mac"),
  type: fc.constantFrom("bridge" as const, "macvlan" as const),
  device: fc.constantFrom("br0", "br1"),
  whereabouts: fc.constant(false),
  dhcp: fc.boolean(),
  operator: fc.constant(false),
  ovnOwner: fc.constant(null),
});
const event = fc.record({
  change: fc.oneof({ weight: 4, arbitrary: pod }, nns, nad) as fc.Arbitrary<Change>,
  remove: fc.boolean(),
});

const canonical = (t: Topology) => ({ ...t, findings: t.findings.map((f) => JSON.stringify(f)).sort() });

describe("the cross-host checks kept by network", () => {
  it("equal the full build's after any sequence of events, and so do the overview's counts", () => {
    const raised = new Set<string>();
    fc.assert(
      fc.property(fc.array(fc.array(event, { minLength: 1, maxLength: 4 }), { maxLength: 20 }), (batches) => {
        const store = new TopologyStore();
        let snap = emptySnapshot();
        for (const batch of batches) {
          for (const e of batch) snap = apply(snap, e.change, e.remove);
          store.sync(snap);
          store.flush();
          const full = buildTopology(snap);
          for (const f of full.findings) raised.add(f.code);
          expect(canonical(store.topology())).toEqual(canonical(full));
          expect(store.overview()).toEqual(clusterOverview(full));
        }
      }),
      { numRuns: 200, seed: 2026 },
    );
    // what this test is for was reached
    expect(raised).toContain("bridge-island-split");
    expect(raised).toContain("dhcp-daemon-missing");
  }, 60_000);
});
