import { describe, expect, it } from "vitest";
import { nad as nadObject, pod as podObject } from "@/testing/fixtures/objects";
import { slotOf, snapshotFromObjects } from "./snapshot";

const nad = (name: string, namespace = "demo") => nadObject(name, "{}", { namespace });
const pod = (name: string, namespace = "demo") => podObject(name, { namespace });
const names = (list: { metadata: { name: string } }[]) => list.map((o) => o.metadata.name);

describe("slotOf", () => {
  it("sorts the kinds the topology uses by group and kind", () => {
    expect(slotOf("v1", "Pod")).toBe("pods");
    expect(slotOf("v1", "Node")).toBe("nodes");
    expect(slotOf("k8s.cni.cncf.io/v1", "NetworkAttachmentDefinition")).toBe("nads");
    expect(slotOf("nmstate.io/v1beta1", "NodeNetworkState")).toBe("nodeNetworkStates");
    expect(slotOf("whereabouts.cni.cncf.io/v1alpha1", "IPPool")).toBe("ipPools");
    expect(slotOf("operator.openshift.io/v1", "Network")).toBe("operatorNetwork");
  });

  it("does not mistake same-named kinds of other groups", () => {
    expect(slotOf("config.openshift.io/v1", "Network")).toBeNull();
    expect(slotOf("example.com/v1", "Pod")).toBeNull();
    expect(slotOf("v1", "ConfigMap")).toBeNull();
  });
});

describe("snapshotFromObjects", () => {
  it("sorts loose objects into slots and skips unknown kinds without a note", () => {
    const s = snapshotFromObjects([
      nad("bridge-main"),
      pod("pod-a"),
      { apiVersion: "v1", kind: "Node", metadata: { name: "worker1" } },
      { apiVersion: "nmstate.io/v1beta1", kind: "NodeNetworkState", metadata: { name: "worker1" } },
      {
        apiVersion: "whereabouts.cni.cncf.io/v1alpha1",
        kind: "IPPool",
        metadata: { name: "192.168.12.0-24", namespace: "kube-system" },
      },
      { apiVersion: "operator.openshift.io/v1", kind: "Network", metadata: { name: "cluster" }, spec: {} },
      { apiVersion: "v1", kind: "Namespace", metadata: { name: "demo" } },
      { apiVersion: "apps/v1", kind: "Deployment", metadata: { name: "d", namespace: "demo" } },
    ]);
    expect(names(s.nads)).toEqual(["bridge-main"]);
    expect(names(s.pods)).toEqual(["pod-a"]);
    expect(names(s.nodes)).toEqual(["worker1"]);
    expect(names(s.nodeNetworkStates)).toEqual(["worker1"]);
    expect(names(s.ipPools)).toEqual(["192.168.12.0-24"]);
    expect(s.operatorNetwork?.metadata.name).toBe("cluster");
    expect(s.notes).toEqual([]);
    expect(s.incomplete).toEqual([]);
  });

  it("flattens a kubectl List whose items carry their own kinds", () => {
    const s = snapshotFromObjects([{ apiVersion: "v1", kind: "List", items: [nad("a"), pod("p"), nad("b", "other")] }]);
    expect(names(s.nads)).toEqual(["a", "b"]);
    expect(names(s.pods)).toEqual(["p"]);
  });

  it("lends a typed list's kind and apiVersion to items that lack them", () => {
    const s = snapshotFromObjects([
      {
        apiVersion: "v1",
        kind: "PodList",
        metadata: { resourceVersion: "1" },
        items: [{ metadata: { name: "p1", namespace: "demo" } }, { metadata: { name: "p2", namespace: "demo" } }],
      },
    ]);
    expect(names(s.pods)).toEqual(["p1", "p2"]);
    expect(s.pods[0]?.kind).toBe("Pod");
    const nads = snapshotFromObjects([
      {
        apiVersion: "k8s.cni.cncf.io/v1",
        kind: "NetworkAttachmentDefinitionList",
        items: [{ metadata: { name: "n", namespace: "d" } }],
      },
    ]);
    expect(names(nads.nads)).toEqual(["n"]);
  });

  it("reads nested Lists", () => {
    const s = snapshotFromObjects([
      { kind: "List", items: [{ apiVersion: "v1", kind: "PodList", items: [{ metadata: { name: "p" } }] }] },
    ]);
    expect(names(s.pods)).toEqual(["p"]);
  });

  it("skips an object without metadata.name inside a List with an object-invalid note, and still reads the others", () => {
    const s = snapshotFromObjects(
      [
        {
          apiVersion: "v1",
          kind: "List",
          items: [pod("p1"), { apiVersion: "v1", kind: "Pod", metadata: { namespace: "demo" } }, pod("p2")],
        },
      ],
      "cluster.json",
    );
    expect(names(s.pods)).toEqual(["p1", "p2"]);
    expect(s.notes).toEqual([
      {
        severity: "warning",
        code: "object-invalid",
        message: "cluster.json item 1: Pod without metadata.name; skipped",
        elements: [],
      },
    ]);
  });

  it("names the document of an invalid object when there are several", () => {
    const s = snapshotFromObjects([pod("ok"), "garbage", { metadata: { name: "x" } }], "dump");
    expect(s.notes.map((n) => n.message)).toEqual([
      "dump document 2: not an object; skipped",
      "dump document 3: no kind; skipped",
    ]);
    expect(names(s.pods)).toEqual(["ok"]);
  });

  it("ignores empty documents", () => {
    const s = snapshotFromObjects([null, undefined, pod("p")]);
    expect(s.notes).toEqual([]);
    expect(names(s.pods)).toEqual(["p"]);
  });

  it("lets a later copy of an object replace an earlier one, keeping same names in other namespaces apart", () => {
    const later = { ...pod("p"), status: { phase: "Succeeded" } };
    const s = snapshotFromObjects([pod("p"), pod("p", "other"), later]);
    expect(s.pods.map((p) => `${p.metadata.namespace}/${p.metadata.name}`).sort()).toEqual(["demo/p", "other/p"]);
    expect(s.pods.find((p) => p.metadata.namespace === "demo")?.status).toEqual({ phase: "Succeeded" });
  });

  it("keeps only the operator Network named cluster", () => {
    const s = snapshotFromObjects([
      { apiVersion: "operator.openshift.io/v1", kind: "Network", metadata: { name: "other" } },
    ]);
    expect(s.operatorNetwork).toBeNull();
  });
});
