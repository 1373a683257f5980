import { readFileSync } from "node:fs";
import path from "node:path";
import fc from "fast-check";
import { describe, expect, it } from "vitest";

import { demoObjects } from "@/testing/fixtures/demo";
import { withFaults } from "@/testing/fixtures/faults";
import { syntheticCluster } from "@/testing/fixtures/synthetic-cluster";
import type { KubeObject } from "../k8s/objects";
import { parseObjects } from "../k8s/read-objects";
import { snapshotFromObjects } from "../k8s/snapshot";
import { searchTopology } from "../match/search";
import { NETWORK_STATUS_ANNOTATION } from "../pod/annotations";
import { SearchIndex } from "./search-index";
import { TopologyStore } from "./store";

/** A store and its index, the index fed by every commit as the server feeds it. */
function indexed(objects: readonly unknown[]) {
  const store = new TopologyStore();
  const index = new SearchIndex((id) => store.element(id));
  const apply = (objs: readonly unknown[]) => {
    store.sync(snapshotFromObjects(objs));
    const commit = store.flush();
    if (commit) index.update(commit.upserted, commit.removed);
  };
  apply(objects);
  return { store, index, apply };
}

// SR-IOV device-info with PCI addresses, from multi-net-spec v1.3 (the corpus says where from).
const SPEC_POD = path.resolve(import.meta.dirname, "../__corpus__/multi-net-spec/v1.3-device-info.yaml");
const specPod = (): KubeObject[] => parseObjects(readFileSync(SPEC_POD, "utf8"), SPEC_POD) as KubeObject[];

// The generated cluster (with its faults) beside the demo's and the spec's pod with PCI addresses.
const cluster = (): KubeObject[] => [
  ...withFaults(syntheticCluster({ nodes: 6, pods: 240, nads: 12, seed: 3 })),
  ...(demoObjects() as KubeObject[]),
  ...specPod(),
];

/** Every text a user might search for in this topology: names and their parts, addresses, ranges, MACs, PCI. */
function queriesOf(store: TopologyStore): string[] {
  const out = new Set(["app", "node-00", "bridge", "-net-1", "no-such-thing", "10.0.0.0/8", "100.64.0.0/10"]);
  // Kept whatever the sampling below drops: the PCI addresses are few, and the check above needs one.
  const pci = new Set<string>();
  out.add("fd00::/8").add("0.0.0.0/0").add("::/0").add("AA-BB-CC-DD-EE-FF").add("0000:00:00.0");
  for (const el of store.topology().elements) {
    out.add(el.name);
    out.add(el.name.slice(0, 4).toUpperCase());
    if (el.kind === "interface") {
      for (const ip of el.ips) out.add(ip).add(`${ip.split("/")[0]}`);
      if (el.mac) out.add(el.mac.toUpperCase());
      if (el.deviceInfo?.pciAddress) pci.add(el.deviceInfo.pciAddress.replace(/^0000:/, ""));
      if (el.deviceInfo?.pfPciAddress) pci.add(el.deviceInfo.pfPciAddress);
    }
    if (el.kind === "pod") for (const ip of el.podIPs) out.add(`${ip.split(".").slice(0, 3).join(".")}.0/24`);
    if (el.kind === "host") for (const a of el.addresses) out.add(a);
  }
  // Every 5th, so the reference scan stays quick; the first ones (chosen above) always.
  return [...[...out].filter((_, i) => i < 12 || i % 5 === 0), ...pci];
}

const expectSame = (store: TopologyStore, index: SearchIndex, queries: readonly string[]) => {
  const whole = store.topology();
  for (const q of queries) {
    for (const limit of [12, 500])
      expect(index.search(q, limit), `${q} (limit ${limit})`).toEqual(searchTopology(whole, q, limit));
  }
};

describe("the server's search index", () => {
  it("answers every query exactly as a scan of the whole topology, in its order", () => {
    const { store, index } = indexed(cluster());
    const queries = queriesOf(store);
    expect(queries.length).toBeGreaterThan(100);
    expect(queries.some((q) => index.search(q).some((h) => h.reason.startsWith("PCI")))).toBe(true);
    // The generated cluster's secondary ranges are carved from 100.64.0.0/10.
    expect(index.search("100.64.0.0/10", 500).length).toBeGreaterThan(100);
    expectSame(store, index, queries);
  });

  it("follows commits: addresses changed, pods and networks deleted and created", () => {
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 2 ** 30 }), (seed) => {
        const objects = cluster();
        const { store, index, apply } = indexed(objects);
        const before = queriesOf(store);
        // Every 7th pod moves to a new address, every 11th goes, one network goes, a new pod comes.
        const next = objects.flatMap((o, i): KubeObject[] => {
          if (o.kind === "Pod" && i % 11 === seed % 11) return [];
          if (o.kind === "NetworkAttachmentDefinition" && i % 13 === seed % 13) return [];
          const status = o.metadata.annotations?.[NETWORK_STATUS_ANNOTATION];
          if (o.kind !== "Pod" || i % 7 !== seed % 7 || !status) return [o];
          const moved = status.replace(
            /172\.(\d+)\.(\d+)\.(\d+)/g,
            (_, a, b, c) => `10.${a}.${b}.${(Number(c) + seed) % 250}`,
          );
          return [
            {
              ...o,
              metadata: {
                ...o.metadata,
                annotations: { ...o.metadata.annotations, [NETWORK_STATUS_ANNOTATION]: moved },
              },
            },
          ];
        });
        next.push({
          apiVersion: "v1",
          kind: "Pod",
          metadata: { name: `new-${seed}`, namespace: "team-1" },
          spec: { nodeName: "node-001" },
        });
        apply(next);
        expectSame(store, index, [...before, ...queriesOf(store), "10.0.0.0/8", `new-${seed}`]);
      }),
      { numRuns: 2, seed: 1313 },
    );
  });
});
