import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { buildTopology } from "@/lib/topology/build";
import {
  applyObjects,
  demoDir,
  grantNamespaceReader,
  readYamlObjects,
  startTestCluster,
  type TestCluster,
} from "@/testing/testbed/cluster";
import { testKubeConfig } from "../../../testing/live-source";
import { LiveSource } from "./live-source";

// A plain Kubernetes cluster with Multus only: no nmstate, no whereabouts, not OpenShift.
let cluster: TestCluster;
const sources: LiveSource[] = [];

const OTHER_TEAM = [
  { apiVersion: "v1", kind: "Namespace", metadata: { name: "other-team" } },
  {
    apiVersion: "k8s.cni.cncf.io/v1",
    kind: "NetworkAttachmentDefinition",
    metadata: { name: "secret-net", namespace: "other-team" },
    spec: { config: JSON.stringify({ cniVersion: "0.3.1", type: "macvlan", master: "ens9", ipam: { type: "dhcp" } }) },
  },
  {
    apiVersion: "v1",
    kind: "Pod",
    metadata: { name: "hidden", namespace: "other-team", annotations: { "k8s.v1.cni.cncf.io/networks": "secret-net" } },
    spec: { nodeName: "worker1.ocp46rt.priv.local", containers: [{ name: "app", image: "busybox" }] },
  },
];

beforeAll(async () => {
  cluster = await startTestCluster({ crds: ["network-attachment-definitions.k8s.cni.cncf.io.yaml"], seed: false });
  const plain = ["00-namespaces.yaml", "01-nodes.yaml", "03-network-attachment-definitions.yaml", "04-pods.yaml"]
    .flatMap((f) => readYamlObjects(`${demoDir}/${f}`))
    // Not OpenShift here: nothing owns the NADs.
    .map((o) => ({
      ...(o as object),
      metadata: { ...(o as { metadata: object }).metadata, ownerReferences: undefined },
    }));
  await applyObjects(cluster, [...plain, ...OTHER_TEAM]);
  await grantNamespaceReader(cluster, "restricted", "multus-test");
});

afterAll(async () => {
  await Promise.all(sources.map((s) => s.close()));
  await cluster?.stop();
});

async function open(context: "admin" | "restricted", namespaces: string[] = []): Promise<LiveSource> {
  const s = new LiveSource(testKubeConfig(cluster.kubeconfigPath, context), {
    label: context,
    namespaces,
    recheckMs: 60_000,
  });
  sources.push(s);
  await s.ready();
  return s;
}

describe("a cluster without the optional CRDs", () => {
  it("says once per missing feature that it is absent, and is live, not failed", async () => {
    const s = await open("admin");
    expect(s.status().state).toBe("live");
    const t = buildTopology(s.snapshot());
    const absent = t.findings.filter((f) => f.code === "feature-absent").map((f) => f.message);
    expect(absent).toEqual([
      "node links are inferred: NodeNetworkState is not installed",
      "IP range use is not shown: the whereabouts IPPool CRD is not installed",
      "not OpenShift: no Cluster Network Operator, so every NAD is edited directly",
    ]);
    expect(t.findings.some((f) => f.severity === "error" && f.code === "source-degraded")).toBe(false);
    // Links are drawn all the same, marked inferred.
    const bridge = t.elements.find((e) => e.id === "host/worker1.ocp46rt.priv.local/bridge/mybr0");
    expect(bridge?.provenance).toBe("inferred");
    expect(t.elements.find((e) => e.id === "host/worker1.ocp46rt.priv.local")).toMatchObject({ linksObserved: false });
    // And the node says why: the API server has no NodeNetworkState API at all (issue 10).
    const why = t.findings.find(
      (f) => f.code === "node-links-inferred" && f.elements.includes("host/worker1.ocp46rt.priv.local"),
    );
    expect(why?.message).toMatch(/kubernetes-nmstate is not installed \(the cluster has no NodeNetworkState API\)/);
  });
});

describe("a user whose RBAC allows one namespace", () => {
  it("sees that namespace, is told exactly what it may not list, and never sees other namespaces", async () => {
    const s = await open("restricted", ["multus-test"]);
    const t = buildTopology(s.snapshot());
    expect(s.status().state).toBe("live");

    const degraded = t.findings.filter((f) => f.code === "source-degraded").map((f) => f.message);
    expect(degraded).toContainEqual(
      expect.stringMatching(/^list nodes: .*forbidden.*User "restricted" cannot list resource "nodes"/),
    );
    expect(degraded).toContainEqual(
      expect.stringMatching(/^list pods in all namespaces: .*forbidden.*; showing namespace multus-test only$/),
    );

    const pods = t.elements.filter((e) => e.kind === "pod").map((e) => e.id);
    expect(pods).toContain("pod/multus-test/pod-a-5bb7694d4-j8g6b");
    expect(t.elements.some((e) => e.id.includes("other-team"))).toBe(false);
    expect(
      t.elements
        .filter((e) => e.kind === "network")
        .map((e) => e.name)
        .sort(),
    ).toEqual(["bridge-main", "host-device-main", "macvlan-main"]);
    // Without Node objects, hosts are known from the pods that run on them.
    expect(t.elements.find((e) => e.id === "host/worker1.ocp46rt.priv.local")).toMatchObject({
      provenance: "inferred",
    });
  });

  // Session 7's landing CI failed here once: ready() resolved when the refused cluster-wide part settled, before the
  // namespaced parts standing in for it were added, so the first status was "connecting". Opening many at once
  // varies which part settles last.
  it("is live when ready() resolves, the namespaces standing in already read, however the reads interleave", async () => {
    const many = await Promise.all(Array.from({ length: 12 }, () => open("restricted", ["multus-test"])));
    expect(many.map((s) => s.status().state)).toEqual(many.map(() => "live"));
    for (const s of many) {
      const pods = buildTopology(s.snapshot()).elements.filter((e) => e.kind === "pod");
      expect(pods.length).toBeGreaterThan(0);
    }
  });

  it("without a namespace to fall back to, leaves the forbidden kinds out instead of failing", async () => {
    const s = await open("restricted");
    const t = buildTopology(s.snapshot());
    expect(s.status().state).toBe("live");
    expect(t.elements).toEqual([]);
    expect(t.findings.map((f) => f.message)).toContainEqual(
      expect.stringMatching(/^list pods in all namespaces: .*; pods are left out$/),
    );
  });
});
