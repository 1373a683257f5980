import fc from "fast-check";
import { describe, expect, it } from "vitest";
import {
  apply,
  applyRehand,
  change,
  criteria,
  keyedEvent,
  objectOf,
  podOf,
  rehand,
} from "@/testing/fixtures/store-changes";
import { syntheticCluster } from "@/testing/fixtures/synthetic-cluster";
import type { Topology } from "../contract/schema";
import type { KubeObject } from "../k8s/objects";
import { type ClusterSnapshot, emptySnapshot, snapshotFromObjects } from "../k8s/snapshot";
import { filterTopology } from "../match/filter";
import { clusterOverview } from "../overview/cluster-overview";
import { buildTopology } from "../topology/build";
import { TopologyStore } from "./store";
import { catalogOf, storeCounts, viewTopology } from "./view";
import { topologyItems } from "./whole-topology";

/**
 * The incremental store against the full build, which stays the reference: after any sequence of adds,
 * updates and deletes of every kind, in any order and built in any number of steps, both say the same.
 */

/** Findings carry no id and the full build's order follows its stages: compare them as a multiset. */
function canonical(t: Topology) {
  return { ...t, findings: t.findings.map((f) => JSON.stringify(f)).sort() };
}

/** The toolbar's lists as the full topology has them: the namespaces of pods and networks, networks, hosts. */
function catalogOfTopology(t: Topology) {
  const namespaces = new Set<string>();
  const networks: string[] = [];
  const hosts: string[] = [];
  for (const e of t.elements) {
    if (e.kind === "pod") namespaces.add(e.namespace);
    if (e.kind === "network") namespaces.add(e.namespace);
    if (e.kind === "network") networks.push(`${e.namespace}/${e.name}`);
    if (e.kind === "host") hosts.push(e.name);
  }
  return { namespaces: [...namespaces].sort(), networks: networks.sort(), hosts: hosts.sort() };
}

/** a/br: a bridge network on br0 */
const bridgeNad = () =>
  objectOf({
    kind: "nad",
    key: "a/br",
    type: "bridge",
    device: "br0",
    whereabouts: false,
    dhcp: false,
    operator: false,
    ovnOwner: null,
  });

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
    // the findings the runs raised: the checks kept by network or judged over every pod must be among them
    const raised = new Set<string>();
    fc.assert(
      fc.property(
        fc.array(fc.array(fc.oneof({ weight: 4, arbitrary: keyedEvent }, rehand), { minLength: 1, maxLength: 4 }), {
          maxLength: 25,
        }),
        fc.integer({ min: 1, max: 4 }),
        fc.array(criteria, { maxLength: 3 }),
        (batches, budget, views) => {
          const store = new TopologyStore();
          let snap = emptySnapshot();
          for (const batch of batches) {
            for (const e of batch) snap = "slot" in e ? applyRehand(snap, e) : apply(snap, e.change, e.remove, e.keyed);
            store.sync(snap);
            while (store.step(budget)) {}
            store.commit();
            const full = buildTopology(snap);
            for (const f of full.findings) raised.add(f.code);
            expect(canonical(store.topology())).toEqual(canonical(full));
            expect(store.overview()).toEqual(clusterOverview(full));
            for (const c of views) {
              expect(canonical(viewTopology(store, c))).toEqual(canonical(filterTopology(full, c)));
            }
            expect(catalogOf(store)).toEqual(catalogOfTopology(full));
            // the counts the cluster view's thresholds read, kept as shards are placed
            const count = (kind: string) => full.elements.filter((e) => e.kind === kind).length;
            expect(storeCounts(store)).toEqual({ hosts: count("host"), pods: count("pod") });
            // what a whole-topology answer is bounded by (server/whole-answer.ts), counted without assembling it
            expect(topologyItems(store)).toBe(full.elements.length + full.links.length);
          }
        },
      ),
      { numRuns: 150, seed: 1313 },
    );
    // (the checks kept by network are reached by cross-index.test.ts's narrower events)
    expect(raised).toContain("duplicate-ip");
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
    const nad = bridgeNad();
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

  it("a bridge that gains an uplink on one host ends its island finding, though only that host's shard is rebuilt", () => {
    const nad = bridgeNad();
    const nns = (name: string, uplink: boolean) =>
      objectOf({ kind: "nns", name, nics: ["ens8"], bridges: ["br0"], uplink, broken: false, mapping: null }).obj;
    const pod = (name: "p1" | "p2", node: string) =>
      podOf({
        kind: "pod",
        ns: "a",
        name,
        rv: "1",
        owner: null,
        app: null,
        vm: undefined,
        phase: "Running",
        node,
        requests: [{ net: "a/br", ifname: "net1" }],
        statuses: [{ net: "a/br", ifname: "net1", ips: ["192.168.1.10/24"], pci: undefined }],
      });
    const base = { ...emptySnapshot(), nads: [nad.obj], pods: [pod("p1", "n1"), pod("p2", "n2")] };
    const store = new TopologyStore();
    const codes = (snap: ClusterSnapshot) => {
      store.sync(snap);
      store.flush();
      const full = buildTopology(snap);
      expect(canonical(store.topology())).toEqual(canonical(full));
      return full.findings.map((f) => f.code);
    };
    expect(codes({ ...base, nodeNetworkStates: [nns("n1", false), nns("n2", false)] })).toContain(
      "bridge-island-split",
    );
    expect(codes({ ...base, nodeNetworkStates: [nns("n1", true), nns("n2", false)] })).not.toContain(
      "bridge-island-split",
    );
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
