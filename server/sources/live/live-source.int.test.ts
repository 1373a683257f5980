import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Topology } from "@/lib/contract/schema";
import { NETWORK_STATUS_ANNOTATION } from "@/lib/pod/annotations";
import { buildTopology } from "@/lib/topology/build";
import { kubeRequest, startTestCluster, type TestCluster } from "@/testing/testbed/cluster";
import { testKubeConfig, waitFor } from "../../../testing/live-source";
import { TopologyFeed } from "../../topology-feed";
import { DEMO_DIR } from "../demo";
import { readSnapshot } from "../read-snapshot";
import { LiveSource } from "./live-source";

const POD_A = "pod-a-5bb7694d4-j8g6b";
const podPath = (name: string) => `/api/v1/namespaces/multus-test/pods/${name}`;

let cluster: TestCluster;
let source: LiveSource;

beforeAll(async () => {
  cluster = await startTestCluster();
  source = new LiveSource(testKubeConfig(cluster.kubeconfigPath), {
    label: "test",
    backoff: { min: 100, max: 1000 },
    streamBuild: true,
  });
  await source.ready();
});

afterAll(async () => {
  await source?.close();
  await cluster?.stop();
});

const topo = () => buildTopology(source.snapshot());
const ipsOf = (id: string) => {
  const el = topo().elements.find((e) => e.id === id);
  return el?.kind === "interface" ? el.ips : undefined;
};

describe("live source against a real kube-apiserver", () => {
  it("draws the same topology as the snapshot source for the same objects", async () => {
    expect(source.status().state).toBe("live");
    expect(topo()).toEqual(buildTopology(await readSnapshot(DEMO_DIR)));
  });

  it("hands its feed the store its first round's pods were built into as they streamed: the full build's topology", async () => {
    const feed = new TopologyFeed(source);
    await feed.current();
    const canonical = (t: Topology) => ({ ...t, findings: t.findings.map((f) => JSON.stringify(f)).sort() });
    expect(canonical(feed.store.topology())).toEqual(canonical(topo()));
    expect(source.takeFirstStore()).toBeUndefined();
  });

  it("sees a changed network-status annotation", async () => {
    const id = `pod/multus-test/${POD_A}/if/net1`;
    expect(ipsOf(id)).toEqual(["192.168.12.14"]);
    const status = [
      { name: "ovn-kubernetes", interface: "eth0", ips: ["10.128.2.20"], default: true },
      { name: "multus-test/bridge-main", interface: "net1", ips: ["192.168.12.99"], mac: "ce:4e:8a:13:5c:21" },
    ];
    const res = await kubeRequest(cluster, "PATCH", podPath(POD_A), {
      contentType: "application/merge-patch+json",
      body: { metadata: { annotations: { [NETWORK_STATUS_ANNOTATION]: JSON.stringify(status) } } },
    });
    expect(res.status).toBe(200);
    await waitFor(source, () => ipsOf(id)?.[0] === "192.168.12.99", 10_000, "the new address");
  });

  it("drops a deleted NAD, and the pods that use it report the missing network", async () => {
    const res = await kubeRequest(
      cluster,
      "DELETE",
      "/apis/k8s.cni.cncf.io/v1/namespaces/multus-test/network-attachment-definitions/macvlan-main",
    );
    expect(res.status).toBe(200);
    await waitFor(
      source,
      () => !topo().elements.some((e) => e.id === "network/multus-test/macvlan-main"),
      10_000,
      "the NAD to go",
    );
    const missing = topo().findings.filter((f) => f.code === "network-not-found" && f.message.includes("macvlan-main"));
    expect(missing.map((f) => f.elements[1]).sort()).toEqual([
      "pod/multus-test/pod-c-6d8f7b9c4-m2n5q",
      "pod/multus-test/pod-d-7f9c8d6b5-x7k2p",
      "pod/multus-test/pod-e-5c7d9f8b6-q4w8z",
    ]);
  });

  it("survives a kube-apiserver restart mid-watch: stale while down, then live with no duplicate or stale elements", async () => {
    const before = topo();
    await cluster.stopApiserver();
    await waitFor(source, () => source.status().state === "stale", 20_000, "stale");
    const stale = source.status();
    expect(stale.state === "stale" && stale.reason).toMatch(/watch|list/);
    // The last good picture stays.
    expect(topo().elements.map((e) => e.id)).toEqual(before.elements.map((e) => e.id));

    await cluster.startApiserver();
    await waitFor(source, () => source.status().state === "live", 40_000, "live again");

    // Changes made after the restart arrive, and nothing is doubled or left behind.
    // Bound pods wait for a kubelet to confirm a graceful delete; there is none here.
    const del = await kubeRequest(cluster, "DELETE", `${podPath("pod-b-85ffcd4c7c-xpp2z")}?gracePeriodSeconds=0`);
    expect(del.status).toBe(200);
    await waitFor(
      source,
      () => !topo().elements.some((e) => e.id === "pod/multus-test/pod-b-85ffcd4c7c-xpp2z"),
      20_000,
      "pod-b to go",
    );
    const ids = topo().elements.map((e) => e.id);
    expect(new Set(ids).size).toBe(ids.length);
    expect(ids.filter((id) => id.includes("pod-b-85ffcd4c7c-xpp2z"))).toEqual([]);
    expect(ids).toContain(`pod/multus-test/${POD_A}`);
  });
});
