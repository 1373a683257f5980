import { describe, expect, it } from "vitest";
import { nad, nns, node, pod } from "@/testing/fixtures/objects";
import type { KubeObject } from "../k8s/objects";
import { snapshotFromObjects } from "../k8s/snapshot";
import { buildTopology } from "./build";

// One test per finding of lib/findings/ovn-findings.ts, on objects shaped as OVN-Kubernetes renders and reports them
// (go-controller/pkg/clustermanager/userdefinednetwork/template: name, ownerReference, label; status conditions).
const NS = "tenant";
const owner = (kind: string, name: string) => ({
  ownerReferences: [{ apiVersion: "k8s.ovn.org/v1", kind, name, uid: "u1", controller: true }],
  labels: { "k8s.ovn.org/user-defined-network": "" },
});
const rendered = (name: string, config: object, kind = "UserDefinedNetwork") =>
  nad(
    name,
    {
      cniVersion: "1.0.0",
      type: "ovn-k8s-cni-overlay",
      name: `${NS}.${name}`,
      netAttachDefName: `${NS}/${name}`,
      ...config,
    },
    { namespace: NS, metadata: owner(kind, name) },
  );
const udn = (name: string, spec: object, conditions: object[] = []): KubeObject => ({
  apiVersion: "k8s.ovn.org/v1",
  kind: "UserDefinedNetwork",
  metadata: { name, namespace: NS },
  spec,
  status: { conditions },
});
const ns = (name: string, labels: Record<string, string> = {}) => ({
  apiVersion: "v1",
  kind: "Namespace",
  metadata: { name, labels: { "kubernetes.io/metadata.name": name, ...labels } },
});
const codes = (objects: unknown[]) => {
  const t = buildTopology(snapshotFromObjects(objects));
  return {
    t,
    found: t.findings.map((f) => `${f.severity} ${f.code}`).sort(),
    of: (code: string) => t.findings.filter((f) => f.code === code),
  };
};

describe("findings on OVN-Kubernetes networks, policies and VMs", () => {
  it("udn-not-ready: a condition that is False, with its reason and message", () => {
    const { of } = codes([
      udn("blue", { topology: "Layer2", layer2: { role: "Secondary", subnets: ["10.1.0.0/24"] } }, [
        {
          type: "NetworkCreated",
          status: "False",
          reason: "SyncError",
          message: "foreign NetworkAttachmentDefinition with the desired name already exist",
        },
      ]),
    ]);
    expect(of("udn-not-ready").map((f) => [f.severity, f.message])).toEqual([
      [
        "error",
        "UserDefinedNetwork tenant/blue is not ready: NetworkCreated is False (SyncError): foreign NetworkAttachmentDefinition with the desired name already exist",
      ],
    ]);
  });

  it("udn-nad-overwritten: the NAD says other subnets than its UDN", () => {
    const { of } = codes([
      udn("blue", { topology: "Layer2", layer2: { role: "Secondary", subnets: ["10.1.0.0/24"] } }),
      rendered("blue", { topology: "layer2", role: "secondary", subnets: "10.9.0.0/24" }),
    ]);
    expect(of("udn-nad-overwritten")[0]?.message).toBe(
      "NAD tenant/blue differs from its UserDefinedNetwork tenant/blue in subnets (10.9.0.0/24, the owner says 10.1.0.0/24): OVN-Kubernetes renders it again from the owner, so edit that instead",
    );
  });

  it("localnet-no-bridge-mapping: a pod on a node whose NodeNetworkState maps no bridge for the physical network", () => {
    const status = (n: string) => [
      { name: "ovn-kubernetes", interface: "eth0", ips: ["10.128.0.5"], default: true },
      { name: `${NS}/${n}`, interface: "net1", ips: ["192.0.2.5"] },
    ];
    const { t, of } = codes([
      rendered("phys", { topology: "localnet", physicalNetworkName: "physnet" }),
      node("w1"),
      nns("w1", [{ name: "ens3", type: "ethernet", state: "up" }]),
      pod("p1", { namespace: NS, node: "w1", networks: "phys", status: status("phys"), phase: "Running" }),
    ]);
    expect(of("localnet-no-bridge-mapping").map((f) => f.message)).toEqual([
      "w1 has no bridge mapping for physnet (NodeNetworkState ovn.bridge-mappings), which tenant/phys needs for tenant/p1 net1: its traffic has no OVS bridge to leave the node by",
    ]);
    // and no point is drawn for it: the pod's traffic leaves by nothing that is known
    expect(t.links.filter((l) => l.kind === "attachment")).toEqual([]);
  });

  it("cudn-no-namespace: the namespaces were read and the selector matches none", () => {
    const cudn = {
      apiVersion: "k8s.ovn.org/v1",
      kind: "ClusterUserDefinedNetwork",
      metadata: { name: "wide" },
      spec: {
        namespaceSelector: { matchLabels: { team: "x" } },
        network: { topology: "Layer2", layer2: { role: "Secondary", subnets: ["10.2.0.0/16"] } },
      },
    };
    expect(codes([cudn, ns("a"), ns("b")]).of("cudn-no-namespace")[0]?.message).toBe(
      "ClusterUserDefinedNetwork wide selects no namespace (namespaceSelector: team=x), so no pod can use it",
    );
    // without Namespaces read nothing is claimed; with one that matches, nothing either
    expect(codes([cudn]).of("cudn-no-namespace")).toEqual([]);
    expect(codes([cudn, ns("a", { team: "x" })]).of("cudn-no-namespace")).toEqual([]);
  });

  it("udn-namespace-unlabelled: a primary UDN in a namespace without the label", () => {
    const primary = udn("prim", { topology: "Layer2", layer2: { role: "Primary", subnets: ["10.3.0.0/16"] } });
    expect(codes([primary, ns(NS)]).of("udn-namespace-unlabelled")[0]?.message).toMatch(
      /^UserDefinedNetwork tenant\/prim is a primary network, but tenant lacks the label k8s.ovn.org\/primary-user-defined-network/,
    );
    expect(
      codes([primary, ns(NS, { "k8s.ovn.org/primary-user-defined-network": "" })]).of("udn-namespace-unlabelled"),
    ).toEqual([]);
  });

  it("udn-subnet-overlap: a UDN's subnet overlaps another network's range in its namespace", () => {
    const { of } = codes([
      rendered("blue", { topology: "layer2", subnets: "192.168.0.0/16" }),
      nad(
        "legacy",
        {
          cniVersion: "0.3.1",
          name: "legacy",
          type: "macvlan",
          master: "eth1",
          ipam: { type: "whereabouts", range: "192.168.10.0/24" },
        },
        { namespace: NS },
      ),
    ]);
    expect(of("udn-subnet-overlap").map((f) => f.message)).toEqual([
      "tenant/blue (192.168.0.0/16) overlaps tenant/legacy (192.168.10.0/24): a pod on both has two routes to the same addresses",
    ]);
  });

  it("policy-isolates: a deny-all ingress on the network, none for one with a rule", () => {
    const mnp = (name: string, ingress: object[]) => ({
      apiVersion: "k8s.cni.cncf.io/v1beta1",
      kind: "MultiNetworkPolicy",
      metadata: { name, namespace: NS, annotations: { "k8s.v1.cni.cncf.io/policy-for": "blue" } },
      spec: { podSelector: {}, policyTypes: ["Ingress"], ingress },
    });
    const net = rendered("blue", { topology: "layer2", subnets: "10.1.0.0/24" });
    expect(codes([net, mnp("deny", [])]).of("policy-isolates")).toHaveLength(1);
    expect(codes([net, mnp("allow", [{ from: [{ podSelector: {} }] }])]).of("policy-isolates")).toEqual([]);
  });

  it("udn-invalid and object-invalid: a malformed UDN and MultiNetworkPolicy are findings, never a crash", () => {
    const { found } = codes([
      udn("bad", { topology: 7 }),
      {
        apiVersion: "k8s.cni.cncf.io/v1beta1",
        kind: "MultiNetworkPolicy",
        metadata: { name: "p", namespace: NS },
        spec: "x",
      },
    ]);
    expect(found).toEqual(["warning object-invalid", "warning udn-invalid"]);
  });

  it("a pod of a namespace with a primary UDN: its default route is that network's, eth0 the cluster network's", () => {
    // network-status as kubevirt/community's dynamic-primary-pod-nic-name.md shows it for a primary network
    const status = [
      { name: "ovn-kubernetes", interface: "ovn-udn1", ips: ["10.3.0.5"], mac: "0a:58:0a:03:00:05", default: true },
      { name: "ovn-kubernetes", interface: "eth0", ips: ["10.128.0.5"], mac: "0a:58:0a:80:00:05" },
    ];
    const { t, found } = codes([
      rendered("prim", { topology: "layer2", role: "primary", subnets: "10.3.0.0/16" }),
      node("w1"),
      pod("p1", { namespace: NS, node: "w1", status, phase: "Running" }),
    ]);
    const ifaces = t.elements.filter((e) => e.kind === "interface");
    expect(ifaces.map((i) => (i.kind === "interface" ? [i.interface, i.network, i.isDefault] : []))).toEqual([
      ["eth0", "ovn-kubernetes", true],
      ["ovn-udn1", "tenant/prim", true],
    ]);
    expect(t.links.find((l) => l.kind === "attachment")?.target).toBe("host/w1/ovn-switch/tenant.prim");
    expect(found).toEqual(["info node-links-inferred"]);
  });
});
