import fc from "fast-check";
import { describe, expect, it } from "vitest";
import type { Topology } from "../contract/schema";
import { snapshotFromObjects } from "../k8s/snapshot";
import { TopologyStore } from "../store/store";
import { buildTopology } from "../topology/build";
import { boundEventsPerNamespace, EVENTS_PER_NAMESPACE } from "./budget";

const event = (ns: string, name: string, time: string) =>
  snapshotFromObjects([
    {
      apiVersion: "v1",
      kind: "Event",
      metadata: { name, namespace: ns },
      involvedObject: { kind: "Pod", namespace: ns, name: "p" },
      reason: "FailedCreatePodSandBox",
      message: "x",
      lastTimestamp: time,
      type: "Warning",
    },
  ]).events[0];

const at = (i: number) => new Date(Date.UTC(2026, 0, 1, 0, 0, i)).toISOString();

describe("boundEventsPerNamespace (issue 25: a flood from one namespace costs that namespace's view)", () => {
  it("keeps the newest of a flooded namespace, every event of the others, and says so once", () => {
    const flood = Array.from({ length: 30 }, (_, i) => event("attacker", `e${i}`, at(i)));
    const quiet = [event("team", "q1", at(1)), event("team", "q2", at(2))];
    const { events, notes } = boundEventsPerNamespace(
      [...flood, ...quiet].flatMap((e) => (e ? [e] : [])),
      10,
    );
    const names = (ns: string) => events.filter((e) => e.metadata.namespace === ns).map((e) => e.metadata.name);
    expect(names("team")).toEqual(["q1", "q2"]);
    expect(names("attacker").sort()).toEqual(Array.from({ length: 10 }, (_, i) => `e${20 + i}`).sort());
    expect(notes).toEqual([
      {
        severity: "warning",
        code: "source-degraded",
        message:
          "namespace attacker has 30 network events, more than the 10 read per namespace: only the newest 10 are shown",
        elements: [],
      },
    ]);
  });

  it("keeps the same events whatever the order they come in", () => {
    const all = Array.from({ length: 40 }, (_, i) => event(`ns${i % 3}`, `e${i}`, at(i % 7))).flatMap((e) =>
      e ? [e] : [],
    );
    const key = (r: ReturnType<typeof boundEventsPerNamespace>) =>
      r.events.map((e) => `${e.metadata.namespace}/${e.metadata.name}`).sort();
    const reference = key(boundEventsPerNamespace(all, 5));
    fc.assert(
      fc.property(fc.shuffledSubarray(all, { minLength: all.length }), (shuffled) => {
        expect(key(boundEventsPerNamespace(shuffled, 5))).toEqual(reference);
      }),
      { seed: 25, numRuns: 50 },
    );
  });
});

describe("a flooded namespace in the store and the full build", () => {
  it("reads the same newest events in both, with the same warning, and the pod still shows its newest failure", () => {
    const objects: unknown[] = [
      {
        apiVersion: "k8s.cni.cncf.io/v1",
        kind: "NetworkAttachmentDefinition",
        metadata: { name: "br", namespace: "attacker" },
        spec: { config: JSON.stringify({ cniVersion: "0.3.1", type: "bridge", bridge: "br0" }) },
      },
      {
        apiVersion: "v1",
        kind: "Pod",
        metadata: { name: "p", namespace: "attacker", annotations: { "k8s.v1.cni.cncf.io/networks": "br" } },
        spec: { nodeName: "n1" },
        status: { phase: "Pending" },
      },
      ...Array.from({ length: EVENTS_PER_NAMESPACE + 100 }, (_, i) => ({
        apiVersion: "v1",
        kind: "Event",
        metadata: { name: `e${i}`, namespace: "attacker" },
        involvedObject: { kind: "Pod", namespace: "attacker", name: "p" },
        reason: "FailedCreatePodSandBox",
        message: `attempt ${i}: failed to find plugin "bridge" in path [/opt/cni/bin]`,
        lastTimestamp: at(i),
        type: "Warning",
      })),
    ];
    const snap = snapshotFromObjects(objects);
    const store = new TopologyStore();
    store.sync(snap);
    while (store.step()) {}
    store.commit();
    const sorted = (t: Topology) => ({ ...t, findings: t.findings.map((f) => JSON.stringify(f)).sort() });
    const full = buildTopology(snap);
    expect(sorted(store.topology())).toEqual(sorted(full));
    expect(full.findings.some((f) => f.message.startsWith("namespace attacker has 600 network events"))).toBe(true);
    const iface = full.elements.find((e) => e.kind === "interface" && e.id.startsWith("pod/attacker/p/"));
    expect(iface?.kind === "interface" ? iface.failure?.message : undefined).toContain(
      `attempt ${EVENTS_PER_NAMESPACE + 99}:`,
    );
  });
});
