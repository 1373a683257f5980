import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { snapshotFromObjects } from "../k8s/snapshot";
import { buildTopology } from "./build";

/**
 * Findings do not depend on input order (issue 25 item 11): the same objects in any order give the same topology,
 * findings and their messages included. The objects are drawn from small pools so that what order could decide
 * happens often: one address reserved in several namespaces and pools for different pods, networks on one master
 * with overlapping ranges, pods matched by several workloads' selectors.
 */

const IPS = ["10.1.0.5", "10.1.0.6", "10.1.0.7"];
const NS = ["a", "b", "c"];
const PODS = ["a/p1", "b/p2", "c/p3", "a/gone"];

const reservation = fc.record({
  apiVersion: fc.constant("whereabouts.cni.cncf.io/v1alpha1"),
  kind: fc.constant("OverlappingRangeIPReservation"),
  metadata: fc.record({ name: fc.constantFrom(...IPS), namespace: fc.constantFrom(...NS) }),
  spec: fc.record({ podref: fc.constantFrom(...PODS), ifname: fc.constant("net1") }),
});

const pool = fc.record({
  apiVersion: fc.constant("whereabouts.cni.cncf.io/v1alpha1"),
  kind: fc.constant("IPPool"),
  metadata: fc.record({ name: fc.constantFrom("10.1.0.0-24", "10.1.0.0-28"), namespace: fc.constant("kube-system") }),
  spec: fc.record({
    range: fc.constantFrom("10.1.0.0/24", "10.1.0.0/28"),
    allocations: fc.dictionary(fc.constantFrom("5", "6", "7"), fc.record({ podref: fc.constantFrom(...PODS) }), {
      maxKeys: 3,
    }),
  }),
});

const nad = fc.record({
  apiVersion: fc.constant("k8s.cni.cncf.io/v1"),
  kind: fc.constant("NetworkAttachmentDefinition"),
  metadata: fc.record({ name: fc.constantFrom("wb", "wb2", "mac"), namespace: fc.constantFrom(...NS) }),
  spec: fc.record({
    config: fc
      .constantFrom("10.1.0.0/24", "10.1.0.0/28", "10.1.0.16/28", "10.2.0.0/24")
      .map((range) =>
        JSON.stringify({ cniVersion: "0.3.1", type: "macvlan", master: "ens3", ipam: { type: "whereabouts", range } }),
      ),
  }),
});

const pod = fc.record({
  apiVersion: fc.constant("v1"),
  kind: fc.constant("Pod"),
  metadata: fc.record({
    name: fc.constantFrom("p1", "p2", "p3"),
    namespace: fc.constantFrom(...NS),
    labels: fc.dictionary(fc.constantFrom("app", "tier"), fc.constantFrom("web", "db"), { maxKeys: 2 }),
    annotations: fc.constantFrom(...IPS).map((ip) => ({
      "k8s.v1.cni.cncf.io/networks": "wb",
      "k8s.v1.cni.cncf.io/network-status": JSON.stringify([{ name: "a/wb", interface: "net1", ips: [ip] }]),
    })),
  }),
  spec: fc.record({ nodeName: fc.constantFrom("w1", "w2") }),
  status: fc.constant({ phase: "Running" }),
});

const workload = fc.record({
  apiVersion: fc.constant("apps/v1"),
  kind: fc.constantFrom("Deployment", "StatefulSet"),
  metadata: fc.record({ name: fc.constantFrom("w1", "w2"), namespace: fc.constantFrom(...NS) }),
  spec: fc.record({
    selector: fc.record({
      matchLabels: fc.dictionary(fc.constantFrom("app", "tier"), fc.constantFrom("web", "db"), {
        minKeys: 1,
        maxKeys: 2,
      }),
    }),
  }),
});

/** One copy per key (a later copy of a key replaces an earlier one, which order may then decide, rightly). */
const objects = fc.uniqueArray(fc.oneof(reservation, reservation, pool, nad, pod, pod, workload), {
  maxLength: 16,
  selector: (o) => `${o.kind}/${o.metadata.namespace}/${o.metadata.name}`,
});

describe("findings do not depend on input order", () => {
  it("shuffled input gives identical elements, links and findings (reservations, pools, ranges, selectors)", () => {
    fc.assert(
      fc.property(objects, fc.nat(), (list, seed) => {
        const other = list
          .map((o, i) => ({ o, k: (Math.imul(i + 1, 2_654_435_761) ^ seed) >>> 0 }))
          .sort((x, y) => x.k - y.k)
          .map((x) => x.o);
        const a = buildTopology(snapshotFromObjects(list, "in order"));
        const b = buildTopology(snapshotFromObjects(other, "in order"));
        expect(JSON.stringify(b)).toBe(JSON.stringify(a));
      }),
      { numRuns: 500, seed: 25 },
    );
  });
});
