import type { KubernetesObject } from "@kubernetes/client-node";
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { type ClusterSnapshot, emptySnapshot, snapshotFromObjects } from "@/lib/k8s/snapshot";
import { buildTopology } from "@/lib/topology/build";
import { leanInPlace } from "./lean.mjs";
import { stamp } from "./parts";
import { WATCHED } from "./resources";

/**
 * Issue 25 item 11: the live source and the files read objects alike. The same objects, as the API server returns
 * them, once through the live source's reading (each trimmed by leanInPlace as a list or watch brings it, stamped
 * as its informer's cache is read, in the informer's order) and once through a file (snapshotFromObjects), give the
 * same topology: for random owners (controller or not, several or none), labels and selectors, container requests,
 * the fields the live source drops, and any order.
 */

const NAMES = ["a", "b", "web", "db"];
const NS = ["x", "y"];

const labels = fc.dictionary(
  fc.constantFrom("app", "tier", "pod-template-hash"),
  fc.constantFrom("a", "b", "web", "fe", "5d4f", "77aa"),
  { maxKeys: 3 },
);
const ownerRef = fc.record(
  {
    apiVersion: fc.constantFrom("apps/v1", "batch/v1", "example.com/v1"),
    kind: fc.constantFrom("ReplicaSet", "StatefulSet", "DaemonSet", "Deployment", "Job", "Thing"),
    name: fc.constantFrom(...NAMES, "web-5d4f", "a-77aa"),
    uid: fc.constantFrom("u1", "u2"),
    controller: fc.constantFrom(true, false, undefined),
    blockOwnerDeletion: fc.boolean(),
  },
  { requiredKeys: ["apiVersion", "kind", "name", "uid"] },
);
// The API server allows one controller among a pod's owners at most.
const owners = fc
  .array(ownerRef, { maxLength: 3 })
  .map((refs) =>
    refs.map((r, i) => (refs.findIndex((o) => o.controller === true) < i ? { ...r, controller: false } : r)),
  );

const networks = fc.constantFrom(undefined, "br", "br,mac", '[{"name":"sriov","interface":"vf1"}]', "x/br@net2");
const resources = fc.record(
  { requests: fc.dictionary(fc.constantFrom("cpu", "intel.com/vf"), fc.constantFrom("1", "100m")) },
  { requiredKeys: [] },
);

const pod = fc.record({
  apiVersion: fc.constant("v1"),
  kind: fc.constant("Pod"),
  metadata: fc.record(
    {
      name: fc.constantFrom(...NAMES, "web-5d4f-k2", "p1"),
      namespace: fc.constantFrom(...NS),
      uid: fc.constant("pod-uid"),
      generateName: fc.constant("web-5d4f-"),
      labels,
      ownerReferences: owners,
      annotations: fc.tuple(networks, fc.constantFrom(undefined, "other")).map(([n, o]) => ({
        ...(n ? { "k8s.v1.cni.cncf.io/networks": n } : {}),
        ...(o ? { "openshift.io/scc": o } : {}),
      })),
      managedFields: fc.constant([{ manager: "kubelet", operation: "Update" }]),
    },
    { requiredKeys: ["name", "namespace"] },
  ),
  spec: fc.record({
    nodeName: fc.constantFrom("w1", "w2"),
    containers: fc.array(fc.record({ name: fc.constant("c"), image: fc.constant("ubi9"), resources }), {
      maxLength: 2,
    }),
    serviceAccountName: fc.constant("default"),
  }),
  status: fc.record({
    phase: fc.constantFrom("Running", "Pending"),
    podIPs: fc.constant([{ ip: "10.128.0.5" }]),
    conditions: fc.constant([{ type: "Ready", status: "True" }]),
  }),
});

const workload = fc.record({
  apiVersion: fc.constant("apps/v1"),
  kind: fc.constantFrom("Deployment", "StatefulSet", "DaemonSet"),
  metadata: fc.record({
    name: fc.constantFrom(...NAMES),
    namespace: fc.constantFrom(...NS),
    labels,
    annotations: fc.constant({ "deployment.kubernetes.io/revision": "2" }),
  }),
  spec: fc.record(
    {
      replicas: fc.nat(3),
      selector: fc.oneof(
        labels.map((matchLabels) => ({ matchLabels })),
        fc.constant({ matchExpressions: [{ key: "app", operator: "Exists" }] }),
      ),
      template: fc
        .tuple(labels, networks)
        .map(([l, n]) => ({ metadata: { labels: l, annotations: n ? { "k8s.v1.cni.cncf.io/networks": n } : {} } })),
    },
    { requiredKeys: ["selector"] },
  ),
  status: fc.constant({ readyReplicas: 1 }),
});

const nad = fc.record({
  apiVersion: fc.constant("k8s.cni.cncf.io/v1"),
  kind: fc.constant("NetworkAttachmentDefinition"),
  metadata: fc.record({
    name: fc.constantFrom("br", "mac", "sriov"),
    namespace: fc.constantFrom(...NS),
    annotations: fc.constant({ "k8s.v1.cni.cncf.io/resourceName": "intel.com/vf" }),
  }),
  spec: fc.record({
    config: fc.constantFrom(
      '{"cniVersion":"0.3.1","type":"bridge","bridge":"br0"}',
      '{"cniVersion":"0.3.1","type":"macvlan","master":"ens3"}',
      '{"cniVersion":"0.3.1","type":"sriov","vlan":10}',
    ),
  }),
});

const node = fc.record({
  apiVersion: fc.constant("v1"),
  kind: fc.constant("Node"),
  metadata: fc.record({ name: fc.constantFrom("w1", "w2"), labels }),
  spec: fc.constant({ podCIDR: "10.128.0.0/23" }),
  status: fc.record({
    addresses: fc.constant([{ type: "InternalIP", address: "192.168.1.10" }]),
    capacity: fc.constant({ cpu: "4" }),
  }),
});

/** One copy of each object (an API server has no two of one key), in the order drawn. */
const objects = fc.uniqueArray(fc.oneof(pod, pod, workload, nad, node), {
  maxLength: 14,
  selector: (o) => `${o.kind}/${"namespace" in o.metadata ? o.metadata.namespace : ""}/${o.metadata.name}`,
});

/** The live source's reading: each object trimmed as a list or watch brings it, then stamped from its informer. */
function liveSnapshot(list: readonly object[]): ClusterSnapshot {
  const snap = emptySnapshot();
  const stamps = new WeakMap();
  for (const resource of WATCHED) {
    for (const sent of list) {
      // As the API server's text is read: a fresh object per list or watch event.
      const raw: KubernetesObject = JSON.parse(JSON.stringify(sent));
      if (raw.apiVersion !== resource.apiVersion || raw.kind !== resource.kind) continue;
      leanInPlace(raw, resource.kind);
      const stamped = stamp(raw, resource, stamps);
      if (stamped === null || resource.slot === "operatorNetwork") continue;
      snap[resource.slot].push(stamped);
    }
  }
  return snap;
}

/** The list in another order, chosen by a seed. */
const shuffled = <T>(list: readonly T[], seed: number): T[] =>
  list
    .map((o, i) => ({ o, k: (Math.imul(i + 1, 2_654_435_761) ^ seed) >>> 0 }))
    .sort((a, b) => a.k - b.k)
    .map((x) => x.o);

describe("the live source reads objects as a file does", () => {
  it("live reading == snapshot reading, for random owners, selectors, shapes and orders", () => {
    fc.assert(
      fc.property(objects, fc.nat(), (list, seed) => {
        const fromFile = buildTopology(snapshotFromObjects(list, "file"));
        const live = buildTopology(liveSnapshot(shuffled(list, seed)));
        expect(JSON.stringify(live)).toBe(JSON.stringify(fromFile));
      }),
      { numRuns: 400, seed: 25 },
    );
  });

  it("a pod whose only owner is no controller: no one's by owner, its Deployment's by selector, read alike", () => {
    const objectsOf = [
      {
        apiVersion: "apps/v1",
        kind: "Deployment",
        metadata: { name: "web", namespace: "x" },
        spec: { selector: { matchLabels: { app: "web" } } },
      },
      {
        apiVersion: "apps/v1",
        kind: "StatefulSet",
        metadata: { name: "db", namespace: "x" },
        spec: { selector: { matchLabels: { app: "db" } } },
      },
      {
        apiVersion: "v1",
        kind: "Pod",
        metadata: {
          name: "p",
          namespace: "x",
          labels: { app: "web" },
          ownerReferences: [{ apiVersion: "apps/v1", kind: "StatefulSet", name: "db", uid: "u" }],
        },
        spec: { nodeName: "w1" },
      },
    ];
    for (const t of [buildTopology(snapshotFromObjects(objectsOf)), buildTopology(liveSnapshot(objectsOf))]) {
      const pods = (id: string) => t.elements.flatMap((e) => (e.id === id && e.kind === "workload" ? e.pods : []));
      expect(pods("workload/x/Deployment/web").map((p) => p.id)).toEqual(["pod/x/p"]);
      expect(pods("workload/x/StatefulSet/db")).toEqual([]);
    }
  });
});
