import { describe, expect, it } from "vitest";
import { probeStage, unschedulableCause } from "./pod-state";

const pod = (status: unknown) => ({ status });

describe("probeStage", () => {
  it("says why the scheduler keeps a probe off its node (the scheduler's own messages, kube-scheduler 1.3x)", () => {
    const unsched = (message: string) =>
      probeStage(
        pod({
          phase: "Pending",
          conditions: [{ type: "PodScheduled", status: "False", reason: "Unschedulable", message }],
        }),
      );
    expect(
      unsched(
        "0/2 nodes are available: 1 node(s) had untolerated taint {dedicated: infra}, 1 node(s) didn't match Pod's node affinity/selector. preemption: 0/2 nodes are available: 2 Preemption is not helpful for scheduling.",
      ),
    ).toMatchObject({ stage: "unschedulable", cause: "taints" });
    expect(
      unsched(
        "0/1 nodes are available: 1 Insufficient cpu. preemption: 0/1 nodes are available: 1 No preemption victims found for incoming pod.",
      ),
    ).toMatchObject({ cause: "full" });
    expect(unsched("0/1 nodes are available: 1 Too many pods.")).toMatchObject({ cause: "full" });
    expect(unsched("0/1 nodes are available: 1 node(s) were unschedulable.")).toMatchObject({ cause: "cordoned" });
    expect(
      unschedulableCause(
        "0/2 nodes are available: 1 node(s) had untolerated taint {node.kubernetes.io/unschedulable: }, 1 node(s) didn't match Pod's node affinity/selector.",
      ),
    ).toBe("cordoned");
    expect(unschedulableCause("something new")).toBe("other");
  });
  it("tells an image that cannot be pulled from a container still being created", () => {
    const waiting = (reason: string, message?: string) =>
      probeStage(
        pod({
          phase: "Pending",
          conditions: [{ type: "PodScheduled", status: "True" }],
          containerStatuses: [{ name: "probe", state: { waiting: { reason, ...(message ? { message } : {}) } } }],
        }),
      );
    expect(waiting("ErrImageNeverPull", 'Container image "x:1" is not present with pull policy of Never')).toEqual({
      stage: "image",
      reason:
        'the image cannot be pulled (ErrImageNeverPull: Container image "x:1" is not present with pull policy of Never)',
    });
    expect(waiting("ImagePullBackOff").stage).toBe("image");
    expect(waiting("ContainerCreating")).toEqual({ stage: "starting", reason: "ContainerCreating" });
    expect(waiting("CreateContainerConfigError", "bad").stage).toBe("failed");
  });
  it("reads the probe's report from its termination message, and the pod's own failure", () => {
    const done = pod({
      phase: "Running",
      containerStatuses: [
        { name: "hold", state: { running: {} } },
        { name: "probe", state: { terminated: { exitCode: 0, message: "@@ n0a 10.0.0.1 0\n" } } },
      ],
    });
    expect(probeStage(done)).toEqual({ stage: "done", exitCode: 0, message: "@@ n0a 10.0.0.1 0\n" });
    expect(probeStage(done, "hold")).toEqual({ stage: "running" });
    expect(
      probeStage(
        pod({
          phase: "Failed",
          reason: "DeadlineExceeded",
          message: "Pod was active on the node longer than the specified deadline",
        }),
      ),
    ).toEqual({
      stage: "failed",
      reason: "DeadlineExceeded: Pod was active on the node longer than the specified deadline",
    });
  });
  it("never throws on anything", () => {
    for (const junk of [null, 1, "x", [], { status: 3 }, { status: { containerStatuses: [null, 2, { state: 1 }] } }])
      expect(() => probeStage(junk)).not.toThrow();
    expect(probeStage({})).toEqual({ stage: "pending", reason: "waiting for the scheduler" });
  });
});
