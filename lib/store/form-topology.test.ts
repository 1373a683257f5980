import { describe, expect, it } from "vitest";
import { demoSnapshot } from "@/testing/fixtures/demo";
import { syntheticCluster } from "@/testing/fixtures/synthetic-cluster";
import type { TopologyElement } from "../contract/schema";
import { snapshotFromObjects } from "../k8s/snapshot";
import { buildTopology } from "../topology/build";
import { formTopology } from "./form-topology";
import { TopologyStore } from "./store";

const FORM_KINDS: TopologyElement["kind"][] = ["host", "bridge", "network"];

function stored(snap: ReturnType<typeof demoSnapshot>): TopologyStore {
  const store = new TopologyStore();
  store.sync(snap);
  store.flush();
  return store;
}

describe("the forms' part of the topology", () => {
  for (const [name, snap] of [
    ["the demo", demoSnapshot()],
    ["a generated cluster", snapshotFromObjects(syntheticCluster({ nodes: 8, pods: 300, nads: 12, seed: 7 }))],
  ] as const) {
    it(`is the full build's hosts, bridges and networks, and its namespaces (${name})`, () => {
      const full = buildTopology(snap);
      const { topology, namespaces } = formTopology(stored(snap));
      expect(topology.elements).toEqual(full.elements.filter((e) => FORM_KINDS.includes(e.kind)));
      expect(topology.links).toEqual([]);
      const expected = new Set(
        full.elements.flatMap((e) => (e.kind === "pod" || e.kind === "network" ? [e.namespace] : [])),
      );
      expect(namespaces).toEqual([...expected].sort());
      // What it spares: a form no longer receives a single pod or interface.
      expect(full.elements.some((e) => e.kind === "pod")).toBe(true);
    });
  }

  it("follows the store: a new revision gets a fresh answer, the same revision the same object", () => {
    const store = stored(snapshotFromObjects(syntheticCluster({ nodes: 2, pods: 10, nads: 3, seed: 1 })));
    const first = formTopology(store);
    expect(formTopology(store)).toBe(first);
    store.sync(snapshotFromObjects(syntheticCluster({ nodes: 3, pods: 10, nads: 3, seed: 1 })));
    store.flush();
    const next = formTopology(store);
    expect(next).not.toBe(first);
    expect(next.topology.elements.filter((e) => e.kind === "host")).toHaveLength(3);
  });
});
