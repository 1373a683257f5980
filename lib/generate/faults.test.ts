import { describe, expect, it } from "vitest";
import { snapshotFromObjects } from "../k8s/snapshot";
import { buildTopology } from "../topology/build";
import { withFaults } from "./faults";
import { syntheticCluster } from "./synthetic-cluster";

describe("withFaults", () => {
  it("puts the promised problems into a generated cluster, deterministically", () => {
    const clean = syntheticCluster({ nodes: 46, pods: 500, nads: 8, seed: 2 });
    const faulty = withFaults(clean);
    expect(withFaults(clean)).toEqual(faulty);
    const t = buildTopology(snapshotFromObjects(faulty, "faulty"));
    const codes = (code: string) => t.findings.filter((f) => f.code === code).length;
    // a pod with two secondary networks loses both
    expect(codes("network-not-attached")).toBeGreaterThanOrEqual(Math.floor(500 / 97));
    expect(codes("network-not-found")).toBe(Math.floor(500 / 211));
    const inferred = t.elements.filter((e) => e.kind === "host" && !e.linksObserved);
    expect(inferred).toHaveLength(2);
    expect(buildTopology(snapshotFromObjects(clean, "clean")).findings.filter((f) => f.severity === "error")).toEqual(
      [],
    );
  });
});
