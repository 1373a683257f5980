import { describe, expect, it } from "vitest";
import { demoTopology } from "@/testing/fixtures/demo";
import { hostsAndPods, MATRIX_OVER_HOSTS, MATRIX_OVER_PODS, pastMatrixThresholds } from "./thresholds";

describe("when a cluster view is the matrix", () => {
  it("is past the hosts or the pods threshold, not at it", () => {
    expect(pastMatrixThresholds({ hosts: MATRIX_OVER_HOSTS, pods: MATRIX_OVER_PODS })).toBe(false);
    expect(pastMatrixThresholds({ hosts: MATRIX_OVER_HOSTS + 1, pods: 0 })).toBe(true);
    expect(pastMatrixThresholds({ hosts: 1, pods: MATRIX_OVER_PODS + 1 })).toBe(true);
  });
  it("counts a topology's hosts and pods (the demo: two workers, a graph)", () => {
    const n = hostsAndPods(demoTopology());
    expect(n.hosts).toBe(2);
    expect(n.pods).toBeGreaterThan(0);
    expect(pastMatrixThresholds(n)).toBe(false);
  });
});
