import fc from "fast-check";
import { describe, expect, it } from "vitest";

import { demoObjects } from "@/testing/fixtures/demo";
import { withFaults } from "@/testing/fixtures/faults";
import { syntheticCluster } from "@/testing/fixtures/synthetic-cluster";
import type { KubeObject } from "../k8s/objects";
import { snapshotFromObjects } from "../k8s/snapshot";
import { searchTopology } from "../match/search";
import { NETWORK_STATUS_ANNOTATION } from "../pod/annotations";
import { SearchFill } from "./search-fill";
import { TopologyStore } from "./store";

// The generated cluster (with its faults) beside the demo's: every kind of element the search finds.
const cluster = (): KubeObject[] => [
  ...withFaults(syntheticCluster({ nodes: 6, pods: 180, nads: 10, seed: 5 })),
  ...(demoObjects() as KubeObject[]),
];

/**
 * The cluster changed as a watch would change it, by `seed`: some pods gone, some moved to new addresses, a network and
 * a node gone, a new pod on a new address.
 */
function changed(objects: readonly KubeObject[], seed: number): KubeObject[] {
  const next = objects.flatMap((o, i): KubeObject[] => {
    if (o.kind === "Pod" && i % 9 === seed % 9) return [];
    if (o.kind === "NetworkAttachmentDefinition" && i % 13 === seed % 13) return [];
    if (o.kind === "Node" && i % 17 === seed % 17) return [];
    const status = o.metadata.annotations?.[NETWORK_STATUS_ANNOTATION];
    if (o.kind !== "Pod" || i % 5 !== seed % 5 || !status) return [o];
    const moved = status.replace(
      /(\d+)\.(\d+)\.(\d+)\.(\d+)/g,
      (_, a, b, c, d) => `${a}.${b}.${c}.${(+d + seed) % 250}`,
    );
    return [
      {
        ...o,
        metadata: { ...o.metadata, annotations: { ...o.metadata.annotations, [NETWORK_STATUS_ANNOTATION]: moved } },
      },
    ];
  });
  next.push({
    apiVersion: "v1",
    kind: "Pod",
    metadata: {
      name: `new-${seed}`,
      namespace: "team-1",
      annotations: {
        [NETWORK_STATUS_ANNOTATION]: JSON.stringify([
          { name: "team-1/bridge-net-1", interface: "net1", ips: [`10.99.${seed % 250}.7`], mac: "0a:58:0a:63:00:07" },
        ]),
      },
    },
    spec: { nodeName: "node-001" },
  });
  return next;
}

/** Texts to search for: names and parts of names, addresses, ranges, MACs, and the new pods'. */
function queriesOf(store: TopologyStore, seeds: readonly number[]): string[] {
  const out = new Set(["node-00", "bridge", "no-such-thing", "10.0.0.0/8", "0.0.0.0/0", "::/0", "pod-"]);
  for (const s of seeds) out.add(`new-${s}`).add(`10.99.${s % 250}.7`);
  for (const [i, el] of store.topology().elements.entries()) {
    if (i % 7 !== 0) continue; // a sample: the reference is a scan of the whole topology per query
    out.add(el.name);
    if (el.kind === "interface") {
      for (const ip of el.ips) out.add(ip.split("/")[0] ?? ip);
      if (el.mac) out.add(el.mac.toUpperCase());
    }
    if (el.kind === "pod") for (const ip of el.podIPs) out.add(`${ip.split(".").slice(0, 3).join(".")}.0/24`);
  }
  return [...out];
}

/** A search as the server answers it (server/topology-search.ts): the rest of the fill first, then the index. */
function search(fill: SearchFill, q: string, limit: number) {
  while (fill.step(3)) {}
  return fill.index.search(q, limit);
}

type Op = { step: number } | { change: number; during: number } | { search: true };
const op: fc.Arbitrary<Op> = fc.oneof(
  fc.record({ step: fc.integer({ min: 1, max: 6 }) }),
  // `during`: fill steps taken while the store is half-way through building the change (a search in the middle of
  // a run), 0 for none
  fc.record({ change: fc.integer({ min: 0, max: 1000 }), during: fc.integer({ min: 0, max: 4 }) }),
  fc.constant({ search: true as const }),
);

describe("the search index filled ahead, a few shards at a time", () => {
  it("answers exactly as a scan of the whole topology before, during and after the fill, across changes", () => {
    const base = cluster();
    fc.assert(
      fc.property(fc.array(op, { minLength: 1, maxLength: 10 }), (ops) => {
        const store = new TopologyStore();
        store.sync(snapshotFromObjects(base));
        store.flush();
        const fill = new SearchFill(store);
        const seeds: number[] = [];
        // A search finishes the fill where it stands (before it started, half-way, or done) and answers from it.
        const check = () => {
          const whole = store.topology();
          for (const q of queriesOf(store, seeds)) expect(search(fill, q, 50), q).toEqual(searchTopology(whole, q, 50));
          expect(fill.ready).toBe(true);
        };
        for (const o of ops) {
          if ("step" in o) fill.step(o.step);
          else if ("change" in o) {
            seeds.push(o.change);
            store.sync(snapshotFromObjects(changed(base, o.change)));
            if (o.during > 0) {
              store.step(1);
              fill.step(o.during);
            }
            while (store.step(2)) {}
            const commit = store.commit();
            if (commit) fill.commit(commit);
          } else check();
        }
        check();
      }),
      { numRuns: 15, seed: 2617 },
    );
    // a wait, not a speed check: ~5 s idle, several times that on a busy 2-core machine
  }, 180_000);
});
