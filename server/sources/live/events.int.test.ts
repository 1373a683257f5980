import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { InterfaceElement } from "@/lib/contract/schema";
import { buildTopology } from "@/lib/topology/build";
import { grantNamespaceReader, kubeRequest, startTestCluster, type TestCluster } from "@/testing/testbed/cluster";
import { testKubeConfig, waitFor } from "../../../testing/live-source";
import { LiveSource } from "./live-source";

const NS = "multus-test";
const POD_E = "pod-e-5c7d9f8b6-q4w8z";

let cluster: TestCluster;
const sources: LiveSource[] = [];

async function open(context: "admin" | "restricted", namespaces: string[] = []): Promise<LiveSource> {
  const s = new LiveSource(testKubeConfig(cluster.kubeconfigPath, context), {
    label: context,
    namespaces,
    backoff: { min: 100, max: 1000 },
    recheckMs: 60_000,
  });
  sources.push(s);
  await s.ready();
  return s;
}

beforeAll(async () => {
  cluster = await startTestCluster();
  await grantNamespaceReader(cluster, "restricted", NS);
});

afterAll(async () => {
  await Promise.all(sources.map((s) => s.close()));
  await cluster?.stop();
});

const iface = (s: LiveSource, id: string): InterfaceElement | undefined => {
  const el = buildTopology(s.snapshot()).elements.find((e) => e.id === id);
  return el?.kind === "interface" ? el : undefined;
};

/** events.k8s.io/v1 as the kubelet writes it (validation wants eventTime, the reporter and an action) */
function kubeletEvent(name: string, pod: string, reason: string, note: string) {
  return {
    apiVersion: "events.k8s.io/v1",
    kind: "Event",
    metadata: { name, namespace: NS },
    eventTime: new Date().toISOString().replace("Z", "000Z"),
    reportingController: "kubelet",
    reportingInstance: "kubelet-worker2",
    action: "CreatePodSandbox",
    reason,
    regarding: { apiVersion: "v1", kind: "Pod", namespace: NS, name: pod },
    note,
    type: "Warning",
  };
}

describe("Events as a live source", () => {
  it("reads the seeded events and explains the stuck pod on its interface", async () => {
    const s = await open("admin");
    const net2 = iface(s, `pod/${NS}/${POD_E}/if/net2`);
    expect(net2?.failure).toMatchObject({ cause: "nad-not-found", network: `${NS}/sriov-net` });
    expect(net2?.events?.map((e) => e.reason).sort()).toEqual(["FailedCreatePodSandBox", "NoNetworkFound"]);
  });

  it("an Event created for a pod appears on that pod's interface, with its cause", async () => {
    const s = await open("admin");
    const id = `pod/${NS}/${POD_E}/if/net1`;
    const note =
      'Failed to create pod sandbox: rpc error: code = Unknown desc = failed to setup network for sandbox "4f1e": plugin type="multus" name="multus-cni-network" failed (add): [multus-test/pod-e-5c7d9f8b6-q4w8z/6f1c2b9e-3d4a-4c8b-9e1f-2a7b5c9d0e14:macvlan-main]: error adding container to network "macvlan-main": failed to allocate for range 0: no IP addresses available in range set: 192.168.30.10-192.168.30.13';
    const r = await kubeRequest(cluster, "POST", `/apis/events.k8s.io/v1/namespaces/${NS}/events`, {
      body: kubeletEvent("pod-e.exhausted", POD_E, "FailedCreatePodSandBox", note),
    });
    expect(r.status, r.text).toBe(201);
    await waitFor(s, () => iface(s, id)?.failure?.cause === "ip-range-exhausted", 10_000, "the event on net1");
    expect(iface(s, id)?.failure?.summary).toBe("IP range exhausted: 0 of 4 free in 192.168.30.10–13");
    expect(iface(s, id)?.events?.[0]?.message).toBe(note);
  });

  it("keeps reasons that do not matter out of the cache", async () => {
    const s = await open("admin");
    const r = await kubeRequest(cluster, "POST", `/apis/events.k8s.io/v1/namespaces/${NS}/events`, {
      body: { ...kubeletEvent("pod-e.pulled", POD_E, "Pulled", "Successfully pulled image"), type: "Normal" },
    });
    expect(r.status, r.text).toBe(201);
    // Another kind's change proves the watch went round since the Pulled event was written.
    const nad = await kubeRequest(
      cluster,
      "GET",
      `/apis/k8s.cni.cncf.io/v1/namespaces/${NS}/network-attachment-definitions/macvlan-main`,
    );
    const rv = s.revision();
    await kubeRequest(
      cluster,
      "PATCH",
      `/apis/k8s.cni.cncf.io/v1/namespaces/${NS}/network-attachment-definitions/macvlan-main`,
      {
        contentType: "application/merge-patch+json",
        body: { metadata: { labels: { touched: "yes" } } },
      },
    );
    expect(nad.status).toBe(200);
    await waitFor(s, () => s.revision() > rv, 10_000, "the NAD change");
    expect(s.snapshot().events.map((e) => (e.spec as { reason: string }).reason)).not.toContain("Pulled");
  });

  it("a user who may not read events loses only the events, with one note saying so", async () => {
    const s = await open("restricted", [NS]);
    const t = buildTopology(s.snapshot());
    expect(t.elements.some((e) => e.id === `pod/${NS}/${POD_E}`)).toBe(true);
    expect(t.elements.find((e) => e.id === `pod/${NS}/${POD_E}/if/net2`)).not.toHaveProperty("failure");
    const notes = t.findings.filter((f) => f.code === "source-degraded" && f.message.includes("events"));
    expect(notes.length).toBeGreaterThanOrEqual(1);
    expect(new Set(notes.map((n) => n.message)).size).toBe(notes.length);
    expect(notes[0]?.message).toMatch(/list events/);
  });
});
