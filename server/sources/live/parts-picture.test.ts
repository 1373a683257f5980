import type { KubernetesObject } from "@kubernetes/client-node";
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import type { Topology } from "@/lib/contract/schema";
import { listChangeOf } from "@/lib/k8s/keyed-list";
import { type KubeObject, keyOf } from "@/lib/k8s/objects";
import type { ClusterSnapshot } from "@/lib/k8s/snapshot";
import { TopologyStore } from "@/lib/store/store";
import { takeWork } from "@/lib/store/work";
import { buildTopology } from "@/lib/topology/build";
import { type Part, type PartInformer, type PartState, partsSnapshot } from "./parts";
import { PartsPicture } from "./parts-picture";
import { WATCHED, type WatchedResource } from "./resources";

// The live source's snapshot kept by its informers' events against partsSnapshot, the whole read it replaced.

const resource = (name: string): WatchedResource => {
  const r = WATCHED.find((w) => w.resource === name);
  if (!r) throw new Error(`${name} is not watched`);
  return r;
};

/** client-node's informer cache as far as the source reads it: list(), and an event after each change of it. */
class FakeInformer {
  readonly cache = new Map<string, KubernetesObject>();
  constructor(private readonly heard: (i: FakeInformer, raw: KubernetesObject, gone: boolean) => void) {}
  list(): KubernetesObject[] {
    return [...this.cache.values()];
  }
  put(raw: KubernetesObject): void {
    this.cache.set(`${raw.metadata?.namespace}/${raw.metadata?.name}`, raw);
    this.heard(this, raw, false);
  }
  remove(key: string): void {
    const raw = this.cache.get(key);
    if (!raw) return;
    this.cache.delete(key);
    this.heard(this, raw, true);
  }
}

const informerOf = (f: FakeInformer) => f as unknown as PartInformer;

const NS = ["a", "b"];
const op = fc.oneof(
  fc.record({
    t: fc.constant("put" as const),
    part: fc.nat(3),
    ns: fc.constantFrom(...NS),
    name: fc.constantFrom("p1", "p2", "p3", "n1"),
    node: fc.constantFrom("n1", "n2"),
    bad: fc.boolean(),
  }),
  fc.record({
    t: fc.constant("remove" as const),
    part: fc.nat(3),
    ns: fc.constantFrom(...NS),
    name: fc.constantFrom("p1", "p2", "p3", "n1"),
  }),
  fc.record({
    t: fc.constant("state" as const),
    part: fc.nat(3),
    state: fc.constantFrom<PartState>(
      { kind: "synced" },
      { kind: "error", message: "down", since: "t" },
      { kind: "pending" },
      { kind: "absent" },
    ),
  }),
  fc.record({ t: fc.constant("restart" as const), part: fc.nat(3) }),
);

/** Findings carry no id and the full build's order follows its input's: compared as a multiset (as store.test.ts). */
const canonical = (t: Topology) => ({ ...t, findings: t.findings.map((f) => JSON.stringify(f)).sort() });

const bySlot = (snap: ClusterSnapshot) =>
  Object.fromEntries(
    (["pods", "nodes"] as const).map((slot) => [slot, [...snap[slot]].sort((a, b) => (keyOf(a) < keyOf(b) ? -1 : 1))]),
  );

describe("PartsPicture: the live source's snapshot kept by events", () => {
  it("hands the same objects as partsSnapshot through random events, restarts and states, and the store agrees", () => {
    fc.assert(
      fc.property(fc.array(fc.array(op, { minLength: 1, maxLength: 5 }), { maxLength: 20 }), (batches) => {
        const picture = new PartsPicture();
        const heard = (i: FakeInformer, raw: KubernetesObject, gone: boolean) => picture.note(informerOf(i), raw, gone);
        const stamps = new WeakMap<KubernetesObject, KubeObject | null>();
        // pods cluster-wide, pods in namespace a (a fallback standing in), nodes, and pods in namespace b
        const parts: Part[] = [
          [resource("pods"), undefined],
          [resource("pods"), "a"],
          [resource("nodes"), undefined],
          [resource("pods"), "b"],
        ].map(([r, namespace]) => ({
          resource: r as WatchedResource,
          ...(namespace ? { namespace: namespace as string } : {}),
          informer: informerOf(new FakeInformer(heard)),
          state: { kind: "synced" },
          everSynced: true,
          attempt: 0,
          starting: false,
        }));
        const store = new TopologyStore();
        let version = 0;
        for (const batch of batches) {
          for (const o of batch) {
            const part = parts[o.part];
            if (!part) continue;
            const fake = part.informer as unknown as FakeInformer;
            const isNode = part.resource.resource === "nodes";
            const ns = isNode || !("ns" in o) ? undefined : (part.namespace ?? o.ns);
            if (o.t === "put") {
              version++;
              const metadata = { name: o.name, resourceVersion: `${version}`, ...(ns ? { namespace: ns } : {}) };
              const raw = { metadata: o.bad ? { ...metadata, namespace: 7 } : metadata, spec: { nodeName: o.node } };
              fake.put(raw as unknown as KubernetesObject);
            } else if (o.t === "remove") {
              fake.remove(`${ns}/${o.name}`);
            } else if (o.t === "state") {
              part.state = o.state;
            } else {
              // a restart: a new informer listing afresh (the same objects, read again) takes the part's place
              const next = new FakeInformer(heard);
              for (const [k, v] of fake.cache) next.cache.set(k, { ...v });
              part.informer = informerOf(next);
            }
          }
          const kept = picture.snapshot(parts, stamps);
          const whole = partsSnapshot(parts, stamps);
          const a = bySlot(kept);
          const b = bySlot(whole);
          for (const slot of ["pods", "nodes"] as const) {
            expect(a[slot]?.length).toBe(b[slot]?.length);
            for (const [i, o] of (a[slot] ?? []).entries()) expect(o).toBe(b[slot]?.[i]);
          }
          expect(kept.notes).toEqual(whole.notes);
          expect(kept.incomplete).toEqual(whole.incomplete);
          store.sync(kept);
          store.flush();
          expect(canonical(store.topology())).toEqual(canonical(buildTopology(whole)));
        }
      }),
      { numRuns: 200, seed: 2610 },
    );
  });

  it("one pod's change is handed over as that change: the store checks no other pod", () => {
    const picture = new PartsPicture();
    const fake = new FakeInformer((i, raw, gone) => picture.note(informerOf(i), raw, gone));
    const part: Part = {
      resource: resource("pods"),
      informer: informerOf(fake),
      state: { kind: "synced" },
      everSynced: true,
      attempt: 0,
      starting: false,
    };
    const pod = (i: number, rv: string) =>
      ({ metadata: { namespace: "a", name: `p${i}`, resourceVersion: rv }, spec: { nodeName: "n1" } }) as never;
    for (let i = 0; i < 1000; i++) fake.put(pod(i, "1"));
    const stamps = new WeakMap<KubernetesObject, KubeObject | null>();
    const store = new TopologyStore();
    const first = picture.snapshot([part], stamps);
    store.sync(first);
    store.flush();
    fake.put(pod(500, "2"));
    const next = picture.snapshot([part], stamps);
    expect(listChangeOf(next.pods)?.base).toBe(first.pods);
    takeWork();
    store.sync(next);
    store.flush();
    expect(takeWork()).toMatchObject({ checked: 0, judged: 1, shardsBuilt: 1 });
    expect(canonical(store.topology())).toEqual(canonical(buildTopology(partsSnapshot([part], stamps))));
  });
});
