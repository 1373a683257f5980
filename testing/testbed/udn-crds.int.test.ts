import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type KubeObject, kubeRequest, startTestCluster, type TestCluster } from "./cluster";

// The vendored OVN-Kubernetes UserDefinedNetwork CRDs (testing/testbed/crds/README.md names their version) are served
// by the test bed's kube-apiserver, and their x-kubernetes-validations (CEL) rules are enforced by it: what a form's
// dry run relies on to refuse what only the CRD's rules catch.

let c: TestCluster;
beforeAll(async () => {
  c = await startTestCluster({
    crds: ["userdefinednetworks.k8s.ovn.org.yaml", "clusteruserdefinednetworks.k8s.ovn.org.yaml"],
    seed: false,
  });
  const ns = { apiVersion: "v1", kind: "Namespace", metadata: { name: "udn-crds" } };
  expect((await kubeRequest(c, "POST", "/api/v1/namespaces", { body: ns })).status).toBe(201);
});
afterAll(async () => {
  await c?.stop();
});

const UDNS = "/apis/k8s.ovn.org/v1/namespaces/udn-crds/userdefinednetworks";
const CUDNS = "/apis/k8s.ovn.org/v1/clusteruserdefinednetworks";
const udn = (name: string, spec: unknown) => ({
  apiVersion: "k8s.ovn.org/v1",
  kind: "UserDefinedNetwork",
  metadata: { name, namespace: "udn-crds" },
  spec,
});
const cudn = (name: string, network: unknown) => ({
  apiVersion: "k8s.ovn.org/v1",
  kind: "ClusterUserDefinedNetwork",
  metadata: { name },
  spec: { namespaceSelector: { matchLabels: { "kubernetes.io/metadata.name": "udn-crds" } }, network },
});
/** The API server's causes of a refusal (field + message), as a form would map them. */
const causes = (body: unknown): { field?: string; message: string }[] =>
  (body as { details?: { causes?: { field?: string; message: string }[] } }).details?.causes ?? [];

describe("vendored UDN/CUDN CRDs on the test bed", () => {
  it("serves k8s.ovn.org/v1 UserDefinedNetwork (namespaced) and ClusterUserDefinedNetwork (cluster)", async () => {
    const res = await kubeRequest(c, "GET", "/apis/k8s.ovn.org/v1");
    expect(res.status).toBe(200);
    const resources = (res.body as { resources: { name: string; kind: string; namespaced: boolean }[] }).resources;
    expect(resources).toContainEqual(
      expect.objectContaining({ name: "userdefinednetworks", kind: "UserDefinedNetwork", namespaced: true }),
    );
    expect(resources).toContainEqual(
      expect.objectContaining({
        name: "clusteruserdefinednetworks",
        kind: "ClusterUserDefinedNetwork",
        namespaced: false,
      }),
    );
  });

  it("accepts a valid Layer2 UDN and a Localnet CUDN with VLAN and excluded subnets", async () => {
    const l2 = udn("udn-l2", { topology: "Layer2", layer2: { role: "Primary", subnets: ["10.100.0.0/16"] } });
    const made = await kubeRequest(c, "POST", UDNS, { body: l2 });
    expect(made.status, made.text).toBe(201);
    expect((made.body as KubeObject).spec).toEqual(l2.spec);
    const ln = cudn("localnet-cudn", {
      topology: "Localnet",
      localnet: {
        role: "Secondary",
        physicalNetworkName: "physnet1",
        subnets: ["192.168.100.0/24"],
        excludeSubnets: ["192.168.100.1/32"],
        vlan: { mode: "Access", access: { id: 100 } },
      },
    });
    const made2 = await kubeRequest(c, "POST", CUDNS, { body: ln });
    expect(made2.status, made2.text).toBe(201);
  });

  it("refuses by CEL: a Layer3 hostSubnet not smaller than its CIDR, with the rule's message on the field", async () => {
    const bad = udn("udn-l3-bad", {
      topology: "Layer3",
      layer3: { role: "Secondary", subnets: [{ cidr: "10.200.0.0/24", hostSubnet: 24 }] },
    });
    const res = await kubeRequest(c, "POST", `${UDNS}?dryRun=All`, { body: bad });
    expect(res.status).toBe(422);
    expect(causes(res.body)).toContainEqual(
      expect.objectContaining({
        field: "spec.layer3.subnets[0]",
        message: expect.stringContaining("HostSubnet must be smaller than CIDR subnet"),
      }),
    );
  });

  it("refuses by CEL: joinSubnets on a Secondary network, and a physicalNetworkName with ':'", async () => {
    const join = udn("udn-join", {
      topology: "Layer2",
      layer2: { role: "Secondary", subnets: ["10.1.0.0/16"], joinSubnets: ["100.65.0.0/16"] },
    });
    const r1 = await kubeRequest(c, "POST", `${UDNS}?dryRun=All`, { body: join });
    expect(r1.status).toBe(422);
    expect(
      causes(r1.body)
        .map((x) => x.message)
        .join("\n"),
    ).toContain("JoinSubnets is only supported for Primary network");
    const colon = cudn("ln-colon", {
      topology: "Localnet",
      localnet: { role: "Secondary", physicalNetworkName: "a:b" },
    });
    const r2 = await kubeRequest(c, "POST", `${CUDNS}?dryRun=All`, { body: colon });
    expect(r2.status).toBe(422);
    expect(causes(r2.body)).toContainEqual(
      expect.objectContaining({
        field: "spec.network.localnet.physicalNetworkName",
        message: expect.stringContaining("physicalNetworkName cannot contain `,` or `:` characters"),
      }),
    );
  });

  it("keeps the spec immutable (transition rule self == oldSelf)", async () => {
    const got = await kubeRequest(c, "GET", `${UDNS}/udn-l2`);
    const obj = got.body as KubeObject & { spec: { layer2: { mtu?: number } } };
    obj.spec.layer2.mtu = 1300;
    const res = await kubeRequest(c, "PUT", `${UDNS}/udn-l2`, { body: obj });
    expect(res.status).toBe(422);
    expect(res.text).toContain("Spec is immutable");
  });
});
