import { describe, expect, it } from "vitest";
import { mergeNetworksAnnotation } from "../attach/attach";
import type { WorkloadElement } from "../contract/schema";
import type { KubeObject } from "../k8s/objects";
import { snapshotFromObjects } from "../k8s/snapshot";
import { NETWORKS_ANNOTATION } from "../pod/annotations";
import { buildTopology } from "./build";

const workload = (kind: string, name: string, networks: string | undefined, selector = true): KubeObject => ({
  apiVersion: "apps/v1",
  kind,
  metadata: { name, namespace: "ns" },
  spec: {
    replicas: kind === "DaemonSet" ? undefined : 2,
    ...(selector ? { selector: { matchLabels: { app: name } } } : {}),
    template: { metadata: { annotations: networks === undefined ? {} : { [NETWORKS_ANNOTATION]: networks } } },
  },
});

const pod = (name: string, networks: string | undefined, meta: Partial<KubeObject["metadata"]> = {}): KubeObject => ({
  apiVersion: "v1",
  kind: "Pod",
  metadata: {
    name,
    namespace: "ns",
    annotations: networks === undefined ? {} : { [NETWORKS_ANNOTATION]: networks },
    ...meta,
  },
  spec: { nodeName: "n1" },
  status: { phase: "Running" },
});

// A Deployment's pod as its controllers leave it: owned by the ReplicaSet `<deployment>-<pod-template-hash>`.
const replicaSetPod = (name: string, deployment: string, hash: string, networks: string | undefined) =>
  pod(name, networks, {
    labels: { app: deployment, "pod-template-hash": hash },
    ownerReferences: [
      { apiVersion: "apps/v1", kind: "ReplicaSet", name: `${deployment}-${hash}`, uid: "u1", controller: true },
    ],
  });

function workloads(objects: KubeObject[]) {
  const t = buildTopology(snapshotFromObjects(objects));
  return {
    byId: (id: string) => t.elements.find((e): e is WorkloadElement => e.id === id && e.kind === "workload"),
    findings: t.findings.filter((f) => f.code.startsWith("workload-")),
  };
}

describe("workloads in the topology", () => {
  it("after an attach, the old pods wait for the rollout and the new ones have the network", () => {
    const t = workloads([
      workload("Deployment", "app", "bridge-main,macvlan-main"),
      replicaSetPod("app-6f7d8-aaaaa", "app", "6f7d8", "bridge-main"),
      replicaSetPod("app-9c9c9-bbbbb", "app", "9c9c9", "macvlan-main, ns/bridge-main"),
    ]);
    expect(t.byId("workload/ns/Deployment/app")).toMatchObject({
      workloadKind: "Deployment",
      replicas: 2,
      template: [{ network: "ns/bridge-main" }, { network: "ns/macvlan-main" }],
      pods: [
        { id: "pod/ns/app-6f7d8-aaaaa", networks: ["ns/bridge-main"], current: false },
        { id: "pod/ns/app-9c9c9-bbbbb", networks: ["ns/macvlan-main", "ns/bridge-main"], current: true },
      ],
    });
    expect(t.findings.map((f) => [f.severity, f.code])).toEqual([["info", "workload-rollout-pending"]]);
  });

  it("a StatefulSet's and a DaemonSet's pods are theirs by controller reference; another owner's pod is no one's", () => {
    const owned = (kind: string, name: string) => ({
      ownerReferences: [{ apiVersion: "apps/v1", kind, name, uid: "u", controller: true }],
      labels: { app: "db" },
    });
    const t = workloads([
      workload("StatefulSet", "db", "bridge-main@data"),
      workload("DaemonSet", "db", undefined),
      pod("db-0", "bridge-main@data", owned("StatefulSet", "db")),
      pod("db-agent-x", undefined, owned("DaemonSet", "db")),
      pod("db-backup-1", "bridge-main@data", owned("Job", "db-backup")),
    ]);
    expect(t.byId("workload/ns/StatefulSet/db")?.pods).toEqual([
      { id: "pod/ns/db-0", networks: ["ns/bridge-main@data"], current: true },
    ]);
    expect(t.byId("workload/ns/StatefulSet/db")?.template).toEqual([{ network: "ns/bridge-main", interface: "data" }]);
    expect(t.byId("workload/ns/DaemonSet/db")).toMatchObject({
      replicas: null,
      template: [],
      pods: [{ id: "pod/ns/db-agent-x", networks: [], current: true }],
    });
    expect(t.findings).toEqual([]);
  });

  it("a pod without owners (a file that dropped them) is matched by the selector; an empty selector matches none", () => {
    const t = workloads([
      workload("Deployment", "web", "bridge-main"),
      workload("Deployment", "all", "bridge-main", false),
      pod("web-1", undefined, { labels: { app: "web" } }),
      pod("stray", "bridge-main", { labels: { app: "other" } }),
    ]);
    expect(t.byId("workload/ns/Deployment/web")?.pods).toEqual([{ id: "pod/ns/web-1", networks: [], current: false }]);
    expect(t.byId("workload/ns/Deployment/all")?.pods).toEqual([]);
  });

  it("an unreadable template annotation is an error on the workload, and its pods are not judged against it", () => {
    const t = workloads([workload("Deployment", "web", "[{ nope"), pod("web-1", "x", { labels: { app: "web" } })]);
    expect(t.byId("workload/ns/Deployment/web")).toMatchObject({
      template: [],
      templateError: expect.any(String),
      pods: [{ current: true }],
    });
    expect(t.findings.map((f) => [f.code, f.elements])).toEqual([
      ["workload-networks-invalid", ["workload/ns/Deployment/web"]],
    ]);
  });

  it("a Deployment and a StatefulSet of one name are two workloads", () => {
    const t = workloads([workload("Deployment", "x", "a"), workload("StatefulSet", "x", "b")]);
    expect(t.byId("workload/ns/Deployment/x")?.template).toEqual([{ network: "ns/a" }]);
    expect(t.byId("workload/ns/StatefulSet/x")?.template).toEqual([{ network: "ns/b" }]);
  });
});

describe("removing networks from a template's annotation", () => {
  it("takes out the walk-through's bridge-main and keeps the rest, in the short form", () => {
    const r = mergeNetworksAnnotation("bridge-main,macvlan-main@net2", "ns", [], ["ns/bridge-main"]);
    expect(r).toEqual({ ok: true, value: "macvlan-main@net2" });
  });

  it("replaces one network by another, as `oc patch deploy/pod-a` did from bridge-main to host-device-main", () => {
    const r = mergeNetworksAnnotation("bridge-main", "ns", [{ network: "host-device-main" }], ["ns/bridge-main"]);
    expect(r).toEqual({ ok: true, value: "host-device-main" });
  });

  it("keeps the other JSON entries verbatim (their cni-args) and drops only the removed one", () => {
    const existing = JSON.stringify([
      { name: "a", namespace: "ns", "cni-args": { mtu: 9000 } },
      { name: "b", namespace: "ns", interface: "net9" },
    ]);
    const r = mergeNetworksAnnotation(existing, "ns", [], ["ns/b@net9"]);
    expect(r).toEqual({ ok: true, value: JSON.stringify([{ name: "a", namespace: "ns", "cni-args": { mtu: 9000 } }]) });
  });

  it("removing the last one leaves nothing (the writers take the key out)", () => {
    expect(mergeNetworksAnnotation("bridge-main", "ns", [], ["ns/bridge-main"])).toEqual({ ok: true, value: "" });
    expect(mergeNetworksAnnotation('[{"name":"x"}]', "ns", [], ["ns/x"])).toEqual({ ok: true, value: "" });
  });

  it("refuses to remove an entry that is no longer there (someone changed the workload meanwhile)", () => {
    const r = mergeNetworksAnnotation("bridge-main", "ns", [], ["ns/macvlan-main"]);
    expect(r.ok).toBe(false);
  });
});

describe("what the explorer shows of workloads", () => {
  it("summarises the rollout and marks the pods that wait for it", async () => {
    const { summarizeWorkload, pendingRollout } = await import("../graph/workload-summary");
    const objects = [
      workload("Deployment", "app", "bridge-main,macvlan-main"),
      replicaSetPod("app-6f7d8-aaaaa", "app", "6f7d8", "bridge-main"),
      replicaSetPod("app-9c9c9-bbbbb", "app", "9c9c9", "bridge-main,macvlan-main"),
    ];
    const t = buildTopology(snapshotFromObjects(objects));
    const w = t.elements.find((e): e is WorkloadElement => e.kind === "workload");
    if (!w) throw new Error("no workload");
    expect(summarizeWorkload(w)).toEqual({
      total: 2,
      current: 1,
      pending: 1,
      networks: [
        { network: "ns/bridge-main", ref: "ns/bridge-main", inTemplate: true, pods: 2 },
        { network: "ns/macvlan-main", ref: "ns/macvlan-main", inTemplate: true, pods: 1 },
      ],
      line: "1 of 2 pods run with the template's networks; 1 pending rollout",
    });
    expect([...pendingRollout(t)]).toEqual(["pod/ns/app-6f7d8-aaaaa"]);
  });
});
