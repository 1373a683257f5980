import { describe, expect, it } from "vitest";
import {
  parseWorkloadKey,
  templateNetworks,
  templateNetworksPatch,
  withTemplateNetworks,
  workloadEntry,
  workloadKey,
} from "./workloads";

const deployment = {
  apiVersion: "apps/v1",
  kind: "Deployment",
  metadata: { name: "pod-a" },
  spec: {
    replicas: 2,
    template: {
      metadata: { labels: { app: "a" }, annotations: { keep: "me", "k8s.v1.cni.cncf.io/networks": "bridge-main" } },
      spec: { containers: [] },
    },
  },
};

describe("pod-template networks annotation", () => {
  it("reads it, and nothing from a workload without one or with garbage", () => {
    expect(templateNetworks(deployment)).toBe("bridge-main");
    expect(templateNetworks({ spec: { template: {} } })).toBeUndefined();
    expect(templateNetworks({ spec: "nonsense" })).toBeUndefined();
  });

  it("sets it and keeps everything else", () => {
    const next = withTemplateNetworks(deployment, "bridge-main,macvlan-main");
    expect(templateNetworks(next)).toBe("bridge-main,macvlan-main");
    expect(next.spec).toMatchObject({
      replicas: 2,
      template: { metadata: { labels: { app: "a" }, annotations: { keep: "me" } }, spec: { containers: [] } },
    });
    expect(templateNetworks(deployment)).toBe("bridge-main"); // the input is not changed
  });

  it("the merge patch sets the annotation and nothing else; an empty list takes the key out", () => {
    const identity = { kind: "Deployment", metadata: { name: "a" } };
    expect(templateNetworksPatch(identity, "x")).toEqual({
      kind: "Deployment",
      metadata: { name: "a" },
      spec: { template: { metadata: { annotations: { "k8s.v1.cni.cncf.io/networks": "x" } } } },
    });
    expect(templateNetworksPatch(identity, "").spec.template.metadata.annotations).toEqual({
      "k8s.v1.cni.cncf.io/networks": null,
    });
  });

  it("lists a workload with its networks, or without the key when it has none", () => {
    expect(workloadEntry("Deployment", "multus-test", deployment)).toEqual({
      kind: "Deployment",
      namespace: "multus-test",
      name: "pod-a",
      networks: "bridge-main",
    });
    expect(workloadEntry("DaemonSet", "ns", { metadata: { name: "d" } })).toEqual({
      kind: "DaemonSet",
      namespace: "ns",
      name: "d",
    });
  });
});

describe("workload keys (links and the attach form's picker)", () => {
  it("round-trip every kind, names with dots and dashes included", () => {
    for (const kind of ["Deployment", "StatefulSet", "DaemonSet"] as const)
      expect(parseWorkloadKey(workloadKey({ kind, name: "web-1.v2" }))).toEqual({ kind, name: "web-1.v2" });
  });
  it("refuse what names no workload: an unknown kind, no name, no slash, the empty choice", () => {
    for (const key of ["Pod/x", "deployment/x", "Deployment/", "/x", "Deployment", ""])
      expect(parseWorkloadKey(key)).toBeNull();
  });
});
