import { readFileSync } from "node:fs";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { parseObjects } from "@/lib/k8s/read-objects";
import { isObject } from "@/lib/result";
import { buildTopology } from "@/lib/topology/build";
import { kubeRequest, startTestCluster, type TestCluster } from "@/testing/testbed/cluster";
import { freshList, testKubeConfig, waitFor } from "../../../testing/live-source";
import { LiveSource } from "./live-source";

// The recorded OpenShift Virtualization cluster's objects (testing/fixtures/openshift-virt/cluster.yaml) created on the
// real kube-apiserver, which serves the vendored UDN, CUDN, MultiNetworkPolicy, VMI and VM CRDs: the live source reads
// them as a file of the same objects is read, follows a change, and degrades alone when a kind may not be listed.
const FIXTURE = path.join(process.cwd(), "testing/fixtures/openshift-virt/cluster.yaml");
const objects = parseObjects(readFileSync(FIXTURE, "utf8"), FIXTURE).filter(isObject);

let cluster: TestCluster;
let source: LiveSource;

const plural: Record<string, string> = {
  Node: "nodes",
  Namespace: "namespaces",
  Pod: "pods",
  NodeNetworkState: "nodenetworkstates",
  NetworkAttachmentDefinition: "network-attachment-definitions",
  UserDefinedNetwork: "userdefinednetworks",
  ClusterUserDefinedNetwork: "clusteruserdefinednetworks",
  MultiNetworkPolicy: "multi-networkpolicies",
  VirtualMachine: "virtualmachines",
  VirtualMachineInstance: "virtualmachineinstances",
};

function pathOf(o: Record<string, unknown>): string {
  const apiVersion = String(o.apiVersion);
  const base = apiVersion.includes("/") ? `/apis/${apiVersion}` : `/api/${apiVersion}`;
  const md = isObject(o.metadata) ? o.metadata : {};
  const ns = typeof md.namespace === "string" ? `/namespaces/${md.namespace}` : "";
  return `${base}${ns}/${plural[String(o.kind)]}`;
}

/** Creates an object and, where the API keeps status apart (a status subresource), writes its status too. */
async function create(o: Record<string, unknown>): Promise<void> {
  const { ownerReferences: _drop, ...metadata } = isObject(o.metadata) ? o.metadata : {};
  const res = await kubeRequest(cluster, "POST", pathOf(o), { body: { ...o, metadata } });
  expect(res.status, `create ${o.kind} ${JSON.stringify(metadata.name)}: ${JSON.stringify(res.body)}`).toBe(201);
  const md = isObject(res.body) && isObject(res.body.metadata) ? res.body.metadata : {};
  // owner references as the controllers write them, to the owners' real uids
  const owners = isObject(o.metadata) && Array.isArray(o.metadata.ownerReferences) ? o.metadata.ownerReferences : [];
  if (owners.length) {
    const refs = [];
    for (const r of owners.filter(isObject)) {
      const owner = objects.find((x) => x.kind === r.kind && isObject(x.metadata) && x.metadata.name === r.name);
      const got = owner ? await kubeRequest(cluster, "GET", `${pathOf(owner)}/${String(r.name)}`) : null;
      const uid = got && isObject(got.body) && isObject(got.body.metadata) ? got.body.metadata.uid : "missing";
      refs.push({ ...r, uid });
    }
    const patched = await kubeRequest(cluster, "PATCH", `${pathOf(o)}/${String(md.name)}`, {
      contentType: "application/merge-patch+json",
      body: { metadata: { ownerReferences: refs } },
    });
    expect(patched.status).toBe(200);
  }
  if (
    o.status &&
    ["Pod", "NodeNetworkState", "Node", "UserDefinedNetwork", "ClusterUserDefinedNetwork"].includes(String(o.kind))
  ) {
    const st = await kubeRequest(cluster, "PATCH", `${pathOf(o)}/${String(md.name)}/status`, {
      contentType: "application/merge-patch+json",
      body: { status: o.status },
    });
    expect(st.status, `status of ${o.kind} ${String(md.name)}: ${JSON.stringify(st.body)}`).toBe(200);
  }
}

beforeAll(async () => {
  cluster = await startTestCluster();
  const order = ["Namespace", "Node", "NodeNetworkState", "ClusterUserDefinedNetwork", "UserDefinedNetwork"];
  const rank = (o: Record<string, unknown>) => (order.includes(String(o.kind)) ? order.indexOf(String(o.kind)) : 9);
  for (const o of [...objects].sort((a, b) => rank(a) - rank(b))) await create(o);
  source = new LiveSource(testKubeConfig(cluster.kubeconfigPath), { label: "ovn", backoff: { min: 100, max: 1000 } });
  await source.ready();
}, 120_000);

afterAll(async () => {
  await source?.close();
  await cluster?.stop();
});

const topo = () => buildTopology(source.snapshot());
const el = (id: string) => topo().elements.find((e) => e.id === id);

describe("OVN-Kubernetes, MultiNetworkPolicy and KubeVirt kinds on a real kube-apiserver", () => {
  it("reads them live as a file of the same objects is read", async () => {
    expect(source.status().state).toBe("live");
    const ref = await freshList(cluster);
    expect(topo()).toEqual(ref);
    expect(el("pod/vm-demo/virt-launcher-ldap-9rq4d")).toMatchObject({ vm: { name: "ldap", migration: "source" } });
    expect(el("network/vm-demo/localnet-1924")).toMatchObject({
      managedBy: "ovn-kubernetes",
      udn: { kind: "ClusterUserDefinedNetwork", ready: true, namespaces: ["vm-demo"] },
    });
    const att = topo().links.find((l) => l.source === "pod/vm-demo/virt-launcher-nfs-x7k2p/if/poda3f5873eb72");
    expect(att?.target).toBe("host/worker-0/bridge/br-ex");
  });

  it("follows a deleted MultiNetworkPolicy: the isolation finding goes", async () => {
    const has = () => topo().findings.some((f) => f.code === "policy-isolates");
    expect(has()).toBe(true);
    const res = await kubeRequest(
      cluster,
      "DELETE",
      "/apis/k8s.cni.cncf.io/v1beta1/namespaces/vm-demo/multi-networkpolicies/deny-by-default",
    );
    expect(res.status).toBe(200);
    await waitFor(source, () => !has(), 10_000, "the policy to go");
    expect(el("pod/vm-demo/virt-launcher-nfs-x7k2p/if/poda3f5873eb72")).not.toHaveProperty("policies");
  });

  it("degrades one kind alone when its CRD goes: the VMs' names stay on the pods' labels", async () => {
    const res = await kubeRequest(
      cluster,
      "DELETE",
      "/apis/apiextensions.k8s.io/v1/customresourcedefinitions/virtualmachineinstances.kubevirt.io",
    );
    expect(res.status).toBe(200);
    const vmiRead = () => {
      const pod = el("pod/vm-demo/virt-launcher-nfs-x7k2p");
      return pod?.kind === "pod" ? pod.vm?.vmiRead : undefined;
    };
    await waitFor(source, () => vmiRead() === false, 30_000, "the VMIs to go");
    expect(el("pod/vm-demo/virt-launcher-nfs-x7k2p")).toMatchObject({ vm: { name: "nfs", vmiRead: false } });
    // the VM (still readable) names the interface, derived as KubeVirt derives it
    expect(el("pod/vm-demo/virt-launcher-nfs-x7k2p/if/poda3f5873eb72")).toMatchObject({
      vmInterface: "vlan-1924",
      vmInterfaceFrom: "derived",
    });
    expect(el("network/vm-demo/localnet-1924")).toMatchObject({ managedBy: "ovn-kubernetes" });
  });
});
