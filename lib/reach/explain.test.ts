import { describe, expect, it } from "vitest";
import { snapshotFromObjects } from "../k8s/snapshot";
import { explainStuck } from "./explain";

// A whereabouts exhaustion as the kubelet reported it on the test bed's node (testing/testbed/recorded/events.json,
// pod-x2 on bridge-exhausted), its namespace and pod renamed to a probe's.
const failed = {
  apiVersion: "v1",
  kind: "Event",
  metadata: { name: "e1", namespace: "t" },
  involvedObject: { kind: "Pod", name: "plumbline-probe-ab12cd34-n0a", namespace: "t" },
  reason: "FailedCreatePodSandBox",
  type: "Warning",
  count: 3,
  lastTimestamp: "2026-12-06T15:00:00Z",
  message:
    'Failed to create pod sandbox: rpc error: code = Unknown desc = failed to setup network for sandbox "ec8d03d0bc9e819289caca5a36ee640c334d24189f5bafb721df5380abad1d06": plugin type="multus" name="multus-cni-network" failed (add): [t/plumbline-probe-ab12cd34-n0a/189c3059-ffd2-4edd-9e8a-3a188a17e373:bridge-exhausted]: error adding container to network "bridge-exhausted": error at storage engine: Could not allocate IP in range: ip: 192.168.14.10 / - 192.168.14.10 / range: 192.168.14.0/24 / excludeRanges: []',
};

describe("explainStuck", () => {
  it("names the cause of a probe's sandbox failure", () => {
    const { events } = snapshotFromObjects([failed]);
    expect(explainStuck(events, "t", "plumbline-probe-ab12cd34-n0a")).toMatch(/IP range exhausted/);
    expect(explainStuck(events, "t", "someone-else")).toBeUndefined();
  });
});
