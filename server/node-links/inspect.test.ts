import { describe, expect, it } from "vitest";
import { probePodManifest } from "@/lib/probes/manifest";
import { nodeLinksPod } from "./inspect";

describe("the node-links probe pod", () => {
  it("gets the node's network namespace and nothing else: no capability, non-root, read-only, no token, all taints tolerated", () => {
    const run = { id: "abcd1234", namespace: "default", purpose: "node-links", ttlSeconds: 180, now: 0 };
    const pod = probePodManifest(
      run,
      { name: "plumbline-probe-abcd1234", uid: "u" },
      nodeLinksPod("links-0", "n1", "busybox:1"),
    );
    expect(pod.spec).toMatchObject({
      hostNetwork: true,
      activeDeadlineSeconds: 180,
      automountServiceAccountToken: false,
      restartPolicy: "Never",
      tolerations: [{ operator: "Exists" }],
    });
    const spec = pod.spec as Record<string, unknown>;
    for (const k of ["hostPID", "hostIPC", "volumes"]) expect(spec[k]).toBeUndefined();
    const [c] = (spec.containers as { securityContext: unknown; command: string[] }[]) ?? [];
    expect(c?.securityContext).toEqual({
      allowPrivilegeEscalation: false,
      readOnlyRootFilesystem: true,
      runAsNonRoot: true,
      runAsUser: 65534,
      capabilities: { drop: ["ALL"] },
    });
    expect(c?.command.slice(0, 2)).toEqual(["sh", "-c"]);
    expect(pod.metadata.ownerReferences).toEqual([
      { apiVersion: "batch/v1", kind: "Job", name: "plumbline-probe-abcd1234", uid: "u" },
    ]);
  });
});
