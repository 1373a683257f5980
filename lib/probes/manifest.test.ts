import { describe, expect, it } from "vitest";
import { ownerJob, probePodManifest, RUN_LABEL, type RunMeta } from "./manifest";

const run: RunMeta = {
  id: "ab12cd34",
  namespace: "multus-test",
  purpose: "reachability",
  ttlSeconds: 180,
  now: 1_700_000_000_000,
};
const owner = { name: "plumbline-probe-ab12cd34", uid: "u-1" };
const base = { key: "n0a", node: "node-a", image: "busybox:1", command: ["sh", "-c", "true"] };
type Spec = { securityContext: Record<string, unknown>; name: string };
const containers = (p: ReturnType<typeof probePodManifest>): Spec[] => {
  const spec = p.spec;
  return spec && typeof spec === "object" && "containers" in spec && Array.isArray(spec.containers)
    ? spec.containers
    : [];
};

describe("probe pods", () => {
  it("have least privilege by default: non-root, no capabilities, no token, read-only root, bounded by the TTL", () => {
    const p = probePodManifest(run, owner, base);
    expect(p.metadata.labels?.[RUN_LABEL]).toBe("ab12cd34");
    expect(p.metadata.ownerReferences).toEqual([{ apiVersion: "batch/v1", kind: "Job", name: owner.name, uid: "u-1" }]);
    expect(p.spec).toMatchObject({
      restartPolicy: "Never",
      activeDeadlineSeconds: 180,
      automountServiceAccountToken: false,
      hostNetwork: false,
      tolerations: [{ operator: "Exists" }],
    });
    expect(containers(p)[0]?.securityContext).toEqual({
      allowPrivilegeEscalation: false,
      readOnlyRootFilesystem: true,
      runAsNonRoot: true,
      runAsUser: 65534,
      capabilities: { drop: ["ALL"] },
    });
  });
  it("get exactly what a caller asks: NET_RAW as root for ping, the host network for node links", () => {
    const ping = probePodManifest(run, owner, {
      ...base,
      extras: { netRaw: true },
      hold: true,
      inputs: ["plumbline.io/targets"],
    });
    const [probe, hold] = containers(ping);
    expect(probe?.securityContext).toMatchObject({ runAsUser: 0, capabilities: { drop: ["ALL"], add: ["NET_RAW"] } });
    expect(hold?.securityContext).toMatchObject({ runAsNonRoot: true, capabilities: { drop: ["ALL"] } });
    expect(ping.spec).toMatchObject({
      volumes: [
        {
          name: "inputs",
          downwardAPI: {
            items: [
              { path: "plumbline.io_targets", fieldRef: { fieldPath: "metadata.annotations['plumbline.io/targets']" } },
            ],
          },
        },
      ],
    });
    const links = probePodManifest(run, owner, { ...base, extras: { hostNetwork: true }, tolerations: "none" });
    expect(links.spec).toMatchObject({ hostNetwork: true, tolerations: [] });
    expect(containers(links)[0]?.securityContext).toMatchObject({
      runAsNonRoot: true,
      capabilities: { drop: ["ALL"] },
    });
  });
  it("ask for a device plugin's resource (an SR-IOV VF) on the probe container only", () => {
    const p = probePodManifest(run, owner, { ...base, devices: { "openshift.io/sriov_nic": "1" } });
    expect(p.spec).toMatchObject({
      containers: [
        { resources: { requests: { "openshift.io/sriov_nic": "1" }, limits: { "openshift.io/sriov_nic": "1" } } },
      ],
    });
  });
  it("refuse a key or input that is not a plain name", () => {
    expect(() => probePodManifest(run, owner, { ...base, key: "A;b" })).toThrow();
    expect(() => probePodManifest(run, owner, { ...base, inputs: ["x']"] })).toThrow();
  });
  it("are owned by a Job that runs nothing, ends at the TTL and is removed by the cluster as soon as it has", () => {
    const job = ownerJob(run, "busybox:1");
    expect(job).toMatchObject({ apiVersion: "batch/v1", kind: "Job", metadata: { name: owner.name } });
    expect(job.metadata.annotations?.["plumbline.io/probe-expires"]).toBe(String(1_700_000_000 + 180));
    expect(job.metadata.labels?.[RUN_LABEL]).toBe("ab12cd34");
    expect(job.spec).toMatchObject({
      parallelism: 0,
      backoffLimit: 0,
      activeDeadlineSeconds: 180,
      ttlSecondsAfterFinished: 0,
      template: { spec: { restartPolicy: "Never", automountServiceAccountToken: false } },
    });
  });
});
