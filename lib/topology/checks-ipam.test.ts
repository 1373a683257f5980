import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { nad } from "@/testing/fixtures/objects";
import { compareCodePoints } from "../compare";
import type { NetworkElement, Topology } from "../contract/schema";
import { snapshotFromObjects } from "../k8s/snapshot";
import { buildTopology } from "./build";
import { overlaps, rangeBounds } from "./range-bounds";

const onEns9 = (name: string, namespace: string, range: string) =>
  nad(
    name,
    { cniVersion: "0.3.1", name, type: "macvlan", master: "ens9", ipam: { type: "whereabouts", range } },
    { namespace },
  );

const overlapFindings = (t: Topology) => t.findings.filter((f) => f.code === "overlapping-ranges");

describe("overlapping-ranges, one finding per group", () => {
  it("one NAD copied into 1,000 namespaces: one finding naming all 1,000, with a short message (was 499,500)", () => {
    const nads = Array.from({ length: 1000 }, (_, i) => onEns9("shared", `ns${i}`, "192.168.30.0/24"));
    const found = overlapFindings(buildTopology(snapshotFromObjects(nads, "test")));
    expect(found).toHaveLength(1);
    expect(found[0]?.elements).toHaveLength(1000);
    expect(found[0]?.message).toBe(
      "ns0/shared, ns1/shared, ns10/shared and 997 more networks share ens9 and their IP ranges overlap",
    );
  });

  it("a chain a–b–c is one group, a disjoint d none; two networks read as before", () => {
    const t = buildTopology(
      snapshotFromObjects(
        [
          onEns9("a", "x", "10.0.0.0/30"),
          onEns9("b", "x", "10.0.0.2/31"),
          onEns9("c", "x", "10.0.0.0/24"),
          onEns9("d", "x", "10.0.1.0/24"),
        ],
        "test",
      ),
    );
    expect(overlapFindings(t).map((f) => f.message)).toEqual([
      "x/a, x/b and x/c share ens9 and their IP ranges overlap",
    ]);
    const two = buildTopology(snapshotFromObjects([onEns9("a", "x", "10.0.0.0/30"), onEns9("b", "y", "10.0.0.0/24")]));
    expect(overlapFindings(two).map((f) => f.message)).toEqual(["x/a and y/b share ens9 and their IP ranges overlap"]);
  });

  /** The groups by the definition: networks joined when any two of their ranges overlap, pair by pair. */
  function pairwiseGroups(t: Topology): string[][] {
    const nets = t.elements.filter(
      (e): e is NetworkElement => e.kind === "network" && (e.ipam?.ranges.length ?? 0) > 0,
    );
    const group = new Map(nets.map((n) => [n.id, new Set([n.id])]));
    const bounds = (n: NetworkElement) => (n.ipam?.ranges ?? []).flatMap((r) => rangeBounds(r) ?? []);
    for (const a of nets)
      for (const b of nets) {
        if (a === b || !bounds(a).some((x) => bounds(b).some((y) => overlaps(x, y)))) continue;
        const merged = new Set([...(group.get(a.id) ?? []), ...(group.get(b.id) ?? [])]);
        for (const id of merged) group.set(id, merged);
      }
    const distinct = new Set([...group.values()].filter((g) => g.size > 1));
    return [...distinct].map((g) => [...g].sort(compareCodePoints)).sort();
  }

  it("the sweep's groups are the pairwise definition's, for random ranges of both families", () => {
    const v4 = fc
      .tuple(fc.integer({ min: 0, max: 63 }), fc.integer({ min: 24, max: 30 }))
      .map(([i, p]) => `10.0.${i >> 4}.${(i & 15) * 16}/${p}`);
    const v6 = fc.integer({ min: 0, max: 15 }).map((i) => `fd00::${(i * 16).toString(16)}/${120 + (i % 8)}`);
    fc.assert(
      fc.property(
        fc.array(fc.array(fc.oneof(v4, v4, v6), { minLength: 1, maxLength: 2 }), { maxLength: 30 }),
        (sets) => {
          // host-local's range sets: a network with two ranges joins a group through either
          const config = (i: number, subnets: string[]) => ({
            cniVersion: "0.3.1",
            name: `n${i}`,
            type: "macvlan",
            master: "ens9",
            ipam: { type: "host-local", ranges: [subnets.map((subnet) => ({ subnet }))] },
          });
          const t = buildTopology(
            snapshotFromObjects(sets.map((r, i) => nad(`n${i}`, config(i, r), { namespace: "x" }))),
          );
          const found = overlapFindings(t)
            .map((f) => [...f.elements].sort(compareCodePoints))
            .sort();
          expect(found).toEqual(pairwiseGroups(t));
        },
      ),
      { numRuns: 200, seed: 25 },
    );
  });
});
