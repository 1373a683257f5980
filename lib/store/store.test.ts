import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { extraChange, extraObjectOf, ovnNad } from "@/testing/fixtures/extras-arbitraries";
import { syntheticCluster } from "@/testing/fixtures/synthetic-cluster";
import type { Topology } from "../contract/schema";
import { type KubeObject, keyOf } from "../k8s/objects";
import { type ClusterSnapshot, emptySnapshot, type SnapshotSlot, snapshotFromObjects } from "../k8s/snapshot";
import { filterTopology } from "../match/filter";
import { clusterOverview } from "../overview/cluster-overview";
import { NETWORK_STATUS_ANNOTATION, NETWORKS_ANNOTATION } from "../pod/annotations";
import { buildTopology } from "../topology/build";
import { TopologyStore } from "./store";
import { viewTopology } from "./view";

/**
 * The incremental store against the full build, which stays the reference: after any sequence of adds,
 * updates and deletes of every kind, in any order and built in any number of steps, both say the same.
 */

const NODES = ["n1", "n2", "n3"];
const NAMESPACES = ["a", "b"];
const IPS = ["192.168.1.10/24", "192.168.1.11/24", "192.168.1.10", "fd00::a/64", "10.0.0.1/8", "not-an-ip"];
const NETS = ["a/br", "a/mac", "a/hd", "b/vlan", "b/sriov", "a/bad", "a/gone", "b/br", "a/ovn", "b/ovn"];

const node = fc.record({
  kind: fc.constant("node" as const),
  name: fc.constantFrom(...NODES),
  address: fc.option(fc.constantFrom("10.0.0.1", "10.0.0.2"), { nil: undefined }),
});

const nicNames = fc.subarray(["ens8", "ens9", "eth0"]);
const nns = fc.record({
  kind: fc.constant("nns" as const),
  name: fc.constantFrom(...NODES, "Bad_Name"),
  nics: nicNames,
  bridges: fc.subarray(["br0", "br1"]),
  uplink: fc.boolean(),
  broken: fc.boolean(),
  // OVN-Kubernetes localnet bridge mappings (nmstate's ovn.bridge-mappings)
  mapping: fc.constantFrom(null, "br0", "br-ex"),
});

const nad = fc.record({
  kind: fc.constant("nad" as const),
  key: fc.constantFrom(...NETS),
  type: fc.constantFrom(
    "bridge",
    "macvlan",
    "host-device",
    "vlan",
    "sriov",
    "broken",
    "ovn-l2",
    "ovn-local",
    "ovn-primary",
  ),
  device: fc.constantFrom("br0", "br1", "ens8", "ens9"),
  whereabouts: fc.boolean(),
  operator: fc.boolean(),
  ovnOwner: fc.constantFrom(null, "udn", "cudn"),
});

const request = fc.record({ net: fc.constantFrom(...NETS), ifname: fc.option(fc.constantFrom("net1", "net2")) });
const status = fc.record({
  net: fc.constantFrom(...NETS),
  ifname: fc.constantFrom("net1", "net2", "net3"),
  ips: fc.subarray(IPS, { maxLength: 2 }),
  pci: fc.option(fc.constantFrom("0000:3b:00.0", "0000:3b:00.1"), { nil: undefined }),
});
const pod = fc.record({
  kind: fc.constant("pod" as const),
  // no namespace means "default"; "Bad_Name" is refused by the intake stage
  ns: fc.option(fc.constantFrom(...NAMESPACES, "default"), { nil: undefined }),
  name: fc.constantFrom("p1", "p2", "p3", "p4", "p5", "Bad_Name"),
  rv: fc.constantFrom("1", "2"),
  node: fc.option(fc.constantFrom(...NODES, ""), { nil: undefined }),
  phase: fc.constantFrom("Running", "Pending"),
  requests: fc.oneof(fc.array(request, { maxLength: 3 }), fc.constant("garbage" as const)),
  statuses: fc.oneof(fc.array(status, { maxLength: 3 }), fc.constant("garbage" as const)),
  // its controller (a ReplicaSet stands for its Deployment through pod-template-hash), or none: then selectors match
  owner: fc.option(
    fc.constantFrom("ReplicaSet:w1-5d4f", "ReplicaSet:w2-77aa", "StatefulSet:w1", "DaemonSet:w2", "Job:w1"),
  ),
  app: fc.option(fc.constantFrom("w1", "w2")),
  // a KubeVirt virt-launcher pod of this VM (kubevirt.io/domain)
  vm: fc.option(fc.constantFrom("v1", "v2"), { nil: undefined }),
});

const workload = fc.record({
  kind: fc.constant("workload" as const),
  wkind: fc.constantFrom("Deployment", "StatefulSet", "DaemonSet"),
  ns: fc.option(fc.constantFrom(...NAMESPACES, "default"), { nil: undefined }),
  name: fc.constantFrom("w1", "w2", "Bad_Name"),
  requests: fc.oneof(fc.array(request, { maxLength: 3 }), fc.constant("garbage" as const)),
  selector: fc.boolean(),
  replicas: fc.option(fc.integer({ min: 0, max: 3 }), { nil: undefined }),
});

const pool = fc.record({
  kind: fc.constant("pool" as const),
  name: fc.constantFrom("pool-1", "pool-2"),
  range: fc.constantFrom("192.168.1.0/24", "192.168.2.0/24", "nonsense"),
  podrefs: fc.subarray(["a/p1", "a/p2", "b/p3", "a/gone"]),
});

// OverlappingRangeIPReservations (whereabouts names each after its address, IPv6 colons as dashes): the same
// addresses as the pools' allocations (192.168.1.10 is a pool's first), so a pod reserved twice happens often.
const reservation = fc.record({
  kind: fc.constant("reservation" as const),
  ns: fc.constantFrom(...NAMESPACES),
  name: fc.constantFrom("192.168.1.10", "192.168.1.11", "fd00--a", "not-an-ip"),
  podref: fc.option(fc.constantFrom("a/p1", "a/p2", "b/p3"), { nil: undefined }),
});
const operator = fc.record({ kind: fc.constant("operator" as const), entries: fc.subarray(NETS, { maxLength: 3 }) });
const notes = fc.record({
  kind: fc.constant("notes" as const),
  podsIncomplete: fc.boolean(),
  nnsIncomplete: fc.boolean(),
  nnsAbsent: fc.boolean(),
  note: fc.boolean(),
});

const criteria = fc.record(
  {
    namespace: fc.constantFrom(...NAMESPACES, "zz"),
    network: fc.constantFrom(...NETS),
    host: fc.constantFrom(...NODES),
    pod: fc.constantFrom("a/p1", "b/p3", "a/p9"),
  },
  { requiredKeys: [] },
);

const podEvent = fc.record({
  kind: fc.constant("event" as const),
  name: fc.constantFrom("e1", "e2", "e3"),
  ns: fc.constantFrom(...NAMESPACES),
  pod: fc.constantFrom("p1", "p2", "p3"),
  reason: fc.constantFrom("AddedInterface", "FailedCreatePodSandBox", "Scheduled"),
  message: fc.constantFrom(
    "Add net1 [192.168.1.10/24] from a/br",
    "Add net2 [] from a/mac",
    'plugin type="macvlan" failed (add): Link not found',
    "network a/gone not found",
  ),
  time: fc.constantFrom("2026-12-01T10:00:00Z", "2026-12-01T11:00:00Z"),
});

const change = fc.oneof(node, nns, nad, pod, pool, reservation, operator, notes, podEvent, workload, extraChange);
type Change = typeof change extends fc.Arbitrary<infer C> ? C : never;
const event = fc.record({ change, remove: fc.boolean() });

function nadConfig(c: Extract<Change, { kind: "nad" }>, name: string): string {
  if (c.type === "broken") return "{ not json";
  if (c.type.startsWith("ovn-")) return "";
  const ipam = c.whereabouts ? { type: "whereabouts", range: "192.168.1.0/24" } : { type: "static" };
  const main: Record<string, unknown> = { cniVersion: "0.3.1", name, type: c.type, ipam };
  if (c.type === "bridge") main.bridge = c.device;
  if (c.type === "macvlan" || c.type === "vlan") main.master = c.device;
  if (c.type === "vlan") main.vlanId = 100;
  if (c.type === "host-device") main.device = c.device;
  return JSON.stringify(main);
}

/** The object a change describes: a fresh object every time, as a watch event would bring. */
function objectOf(c: Change): { slot: SnapshotSlot; obj: KubeObject } {
  switch (c.kind) {
    case "node":
      return {
        slot: "nodes",
        obj: {
          apiVersion: "v1",
          kind: "Node",
          metadata: { name: c.name },
          status: { addresses: c.address ? [{ type: "InternalIP", address: c.address }] : [] },
        },
      };
    case "nns": {
      const interfaces = [
        ...c.nics.map((n) => ({ name: n, type: "ethernet", state: "up" })),
        ...c.bridges.map((b) => ({
          name: b,
          type: "linux-bridge",
          state: "up",
          bridge: { port: c.uplink && c.nics[0] ? [{ name: c.nics[0] }] : [] },
        })),
      ];
      return {
        slot: "nodeNetworkStates",
        obj: {
          apiVersion: "nmstate.io/v1beta1",
          kind: "NodeNetworkState",
          metadata: { name: c.name },
          status: c.broken
            ? { currentState: { interfaces: "nope" } }
            : {
                currentState: {
                  interfaces,
                  ...(c.mapping ? { ovn: { "bridge-mappings": [{ localnet: "physnet", bridge: c.mapping }] } } : {}),
                },
              },
        },
      };
    }
    case "nad": {
      const [namespace = "a", name = "x"] = c.key.split("/");
      const ownerReferences = c.operator
        ? [{ apiVersion: "operator.openshift.io/v1", kind: "Network", name: "cluster", uid: "u1" }]
        : undefined;
      if (c.type === "ovn-l2" || c.type === "ovn-local" || c.type === "ovn-primary") {
        const ovn = ovnNad(c.type, namespace, name, c.ovnOwner);
        return {
          slot: "nads",
          obj: {
            apiVersion: "k8s.cni.cncf.io/v1",
            kind: "NetworkAttachmentDefinition",
            metadata: { name, namespace, ...ovn.metadata },
            spec: { config: ovn.config },
          },
        };
      }
      return {
        slot: "nads",
        obj: {
          apiVersion: "k8s.cni.cncf.io/v1",
          kind: "NetworkAttachmentDefinition",
          metadata: { name, namespace, ...(ownerReferences ? { ownerReferences } : {}) },
          spec: { config: nadConfig(c, name) },
        },
      };
    }
    case "pod":
      return { slot: "pods", obj: podOf(c) };
    case "pool":
      return {
        slot: "ipPools",
        obj: {
          apiVersion: "whereabouts.cni.cncf.io/v1alpha1",
          kind: "IPPool",
          metadata: { name: c.name, namespace: "kube-system" },
          spec: {
            range: c.range,
            allocations: Object.fromEntries(c.podrefs.map((podref, i) => [String(10 + i), { id: `x${i}`, podref }])),
          },
        },
      };
    case "reservation":
      return {
        slot: "ipReservations",
        obj: {
          apiVersion: "whereabouts.cni.cncf.io/v1alpha1",
          kind: "OverlappingRangeIPReservation",
          metadata: { name: c.name, namespace: c.ns },
          spec: { containerid: "c1", ...(c.podref ? { podref: c.podref } : {}) },
        },
      };
    case "operator":
      return {
        slot: "operatorNetwork",
        obj: {
          apiVersion: "operator.openshift.io/v1",
          kind: "Network",
          metadata: { name: "cluster" },
          spec: {
            additionalNetworks: c.entries.map((key) => {
              const [namespace, name] = key.split("/");
              return { name, namespace, type: "Raw", rawCNIConfig: JSON.stringify({ name, type: "bridge" }) };
            }),
          },
        },
      };
    case "event":
      return {
        slot: "events",
        obj: {
          apiVersion: "events.k8s.io/v1",
          kind: "Event",
          metadata: { name: c.name, namespace: c.ns },
          spec: {
            regarding: { kind: "Pod", name: c.pod, namespace: c.ns },
            reason: c.reason,
            type: c.reason === "AddedInterface" ? "Normal" : "Warning",
            message: c.message,
            time: c.time,
            count: 1,
          },
        },
      };
    case "workload": {
      const networks =
        c.requests === "garbage"
          ? "[{ nope"
          : c.requests.map((r) => `${r.net}${r.ifname ? `@${r.ifname}` : ""}`).join(",");
      return {
        slot: "workloads",
        obj: {
          apiVersion: "apps/v1",
          kind: c.wkind,
          metadata: { name: c.name, ...(c.ns ? { namespace: c.ns } : {}) },
          spec: {
            ...(c.replicas === undefined ? {} : { replicas: c.replicas }),
            ...(c.selector ? { selector: { matchLabels: { app: c.name } } } : {}),
            template: { metadata: { annotations: { [NETWORKS_ANNOTATION]: networks } } },
          },
        },
      };
    }
    case "notes":
      throw new Error("notes are not an object");
    default:
      return extraObjectOf(c);
  }
}

function podOf(c: Extract<Change, { kind: "pod" }>): KubeObject {
  const networks =
    c.requests === "garbage" ? "[{ nope" : c.requests.map((r) => `${r.net}${r.ifname ? `@${r.ifname}` : ""}`).join(",");
  const statuses =
    c.statuses === "garbage"
      ? "{"
      : JSON.stringify([
          { name: "ovn-kubernetes", interface: "eth0", ips: ["10.128.0.5"], default: true },
          ...c.statuses.map((s) => ({
            name: s.net,
            interface: s.ifname,
            ips: s.ips,
            mac: "02:00:00:00:00:01",
            ...(s.pci ? { "device-info": { type: "pci", version: "1.1.0", pci: { "pci-address": s.pci } } } : {}),
          })),
        ]);
  return {
    apiVersion: "v1",
    kind: "Pod",
    metadata: {
      name: c.name,
      ...(c.ns ? { namespace: c.ns } : {}),
      resourceVersion: c.rv,
      annotations: { [NETWORKS_ANNOTATION]: networks, [NETWORK_STATUS_ANNOTATION]: statuses },
      ...ownership(c),
    },
    spec: c.node === undefined ? {} : { nodeName: c.node },
    status: { phase: c.phase, podIPs: [{ ip: "10.128.0.5" }] },
  };
}

/** A pod's controller reference and labels, as its workload's controller writes them. */
function ownership(c: Extract<Change, { kind: "pod" }>): Partial<KubeObject["metadata"]> {
  const [kind = "", name = ""] = c.owner?.split(":") ?? [];
  const labels = {
    ...(c.app ? { app: c.app } : {}),
    ...(c.vm ? { "kubevirt.io": "virt-launcher", "kubevirt.io/domain": c.vm, "vm.kubevirt.io/name": c.vm } : {}),
    ...(kind === "ReplicaSet" ? { "pod-template-hash": name.split("-")[1] ?? "" } : {}),
  };
  return {
    labels,
    ...(c.owner ? { ownerReferences: [{ apiVersion: "apps/v1", kind, name, uid: "u", controller: true }] } : {}),
  };
}

function apply(snap: ClusterSnapshot, c: Change, remove: boolean): ClusterSnapshot {
  const next = { ...snap };
  if (c.kind === "notes") {
    next.incomplete = remove
      ? []
      : [...(c.podsIncomplete ? ["pods"] : []), ...(c.nnsIncomplete ? ["nodenetworkstates"] : [])];
    next.absent = c.nnsAbsent && !remove ? ["nodenetworkstates"] : [];
    next.notes =
      c.note && !remove ? [{ severity: "info", code: "feature-absent", message: "no nmstate", elements: [] }] : [];
    return next;
  }
  const { slot, obj } = objectOf(c);
  if (slot === "operatorNetwork") {
    next.operatorNetwork = remove ? null : obj;
    return next;
  }
  const rest = snap[slot].filter((o) => keyOf(o) !== keyOf(obj));
  next[slot] = remove ? rest : [...rest, obj];
  return next;
}

/** Findings carry no id and the full build's order follows its stages: compare them as a multiset. */
function canonical(t: Topology) {
  return { ...t, findings: t.findings.map((f) => JSON.stringify(f)).sort() };
}

describe("incremental topology store", () => {
  it("its generators reach every slot of the snapshot, so a slot the store ignores fails the property below", () => {
    const reached = new Set<string>();
    const empty = emptySnapshot();
    const before = new Map(Object.entries(empty));
    for (const c of fc.sample(change, { numRuns: 3000, seed: 7 })) {
      for (const [key, value] of Object.entries(apply(empty, c, false))) {
        if (JSON.stringify(value) !== JSON.stringify(before.get(key))) reached.add(key);
      }
    }
    // every slot a snapshot has (absent is optional, so named here)
    expect([...reached].sort()).toEqual([...Object.keys(empty), "absent"].sort());
  });

  it("equals the full build after any sequence of events, built in any number of steps", () => {
    fc.assert(
      fc.property(
        fc.array(fc.array(event, { minLength: 1, maxLength: 4 }), { maxLength: 25 }),
        fc.integer({ min: 1, max: 4 }),
        fc.array(criteria, { maxLength: 3 }),
        (batches, budget, views) => {
          const store = new TopologyStore();
          let snap = emptySnapshot();
          for (const batch of batches) {
            for (const { change, remove } of batch) snap = apply(snap, change, remove);
            store.sync(snap);
            while (store.step(budget)) {}
            store.commit();
            const full = buildTopology(snap);
            expect(canonical(store.topology())).toEqual(canonical(full));
            expect(store.overview()).toEqual(clusterOverview(full));
            for (const c of views) {
              expect(canonical(viewTopology(store, c))).toEqual(canonical(filterTopology(full, c)));
            }
          }
        },
      ),
      { numRuns: 150, seed: 1313 },
    );
  }, 60_000);

  it("equals the full build on the generated cluster, and one pod's change touches only that pod", () => {
    const snap = snapshotFromObjects(syntheticCluster({ nodes: 6, pods: 120, nads: 12, seed: 3 }));
    const store = new TopologyStore();
    store.sync(snap);
    store.flush();
    expect(canonical(store.topology())).toEqual(canonical(buildTopology(snap)));
    expect(store.overview()).toEqual(clusterOverview(buildTopology(snap)));

    const pod = snap.pods[7];
    if (!pod) throw new Error("generated cluster too small");
    const moved: KubeObject = { ...pod, status: { phase: "Running", podIPs: [{ ip: "10.129.9.9" }] } };
    const next = { ...snap, pods: snap.pods.map((p) => (p === pod ? moved : p)) };
    store.sync(next);
    const commit = store.flush();
    expect(commit?.upserted).toEqual(new Set([`pod/${pod.metadata.namespace}/${pod.metadata.name}`]));
    expect(commit?.removed.size).toBe(0);
    expect(store.revisions.get(`pod/${pod.metadata.namespace}/${pod.metadata.name}`)).toBe(commit?.revision);
    expect(canonical(store.topology())).toEqual(canonical(buildTopology(next)));
  });

  it("follows a pod's network events whether they come before the pod, with it, or after it moves", () => {
    const nad = objectOf({
      kind: "nad",
      key: "a/br",
      type: "bridge",
      device: "br0",
      whereabouts: false,
      operator: false,
      ovnOwner: null,
    });
    const pod = (node: string) =>
      podOf({
        kind: "pod",
        ns: "a",
        name: "p1",
        rv: "1",
        owner: null,
        app: null,
        vm: undefined,
        phase: "Pending",
        statuses: [],
        node,
        requests: [{ net: "a/br", ifname: "net1" }],
      });
    const event = (
      name: "e1" | "e2",
      reason: "AddedInterface" | "FailedCreatePodSandBox",
      message: string,
    ): KubeObject => ({
      apiVersion: "events.k8s.io/v1",
      kind: "Event",
      metadata: { name, namespace: "a" },
      spec: {
        regarding: { kind: "Pod", name: "p1", namespace: "a" },
        reason,
        type: "Warning",
        message,
        time: "2026-12-01T10:00:00Z",
        count: 1,
      },
    });
    const added = event("e1", "AddedInterface", "Add net1 [192.168.1.10/24] from a/br");
    const failed = event(
      "e2",
      "FailedCreatePodSandBox",
      'network a/br: plugin type="bridge" failed (add): bridge port in error state',
    );
    const steps: Partial<ClusterSnapshot>[] = [
      { nads: [nad.obj], events: [added] },
      { nads: [nad.obj], events: [added], pods: [pod("n1")] },
      { nads: [nad.obj], events: [failed], pods: [pod("n1")] },
      { nads: [nad.obj], events: [failed, added], pods: [pod("n2")] },
      { nads: [nad.obj], events: [], pods: [pod("n2")] },
    ];
    const store = new TopologyStore();
    const codes: string[][] = [];
    for (const step of steps) {
      const snap = { ...emptySnapshot(), ...step };
      store.sync(snap);
      store.flush();
      const full = buildTopology(snap);
      expect(canonical(store.topology())).toEqual(canonical(full));
      codes.push(full.findings.map((f) => f.code));
    }
    // The events did something: a confirmed attachment, then a sandbox failure on the interface.
    expect(codes[1]).toContain("attachment-from-event");
    expect(codes[2]?.some((c) => c !== "network-not-attached")).toBe(true);
  });

  it("commits nothing when nothing changed", () => {
    const snap = snapshotFromObjects(syntheticCluster({ nodes: 2, pods: 10, nads: 4, seed: 5 }));
    const store = new TopologyStore();
    store.sync(snap);
    expect(store.flush()).not.toBeNull();
    store.sync({ ...snap });
    expect(store.flush()).toBeNull();
  });
});
