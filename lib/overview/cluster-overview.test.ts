import { describe, expect, it } from "vitest";
import { demoTopology } from "@/testing/fixtures/demo";
import { syntheticCluster } from "@/testing/fixtures/synthetic-cluster";
import { hostId, networkId, podId, pointId } from "../contract/ids";
import { type Topology, topologySchema } from "../contract/schema";
import { snapshotFromObjects } from "../k8s/snapshot";
import { buildTopology } from "../topology/build";
import { clusterOverview } from "./cluster-overview";
import { clusterOverviewSchema } from "./schema";

const base = { provenance: "observed" as const };
const host = (name: string, linksObserved = true) => ({
  ...base,
  id: hostId(name),
  kind: "host" as const,
  name,
  parent: null,
  linksObserved,
});
const pod = (ns: string, name: string, node: string | null) => ({
  ...base,
  id: podId(ns, name),
  kind: "pod" as const,
  name,
  namespace: ns,
  node,
  parent: node ? hostId(node) : null,
});
const iface = (pod: string, ifname: string, network: string, isDefault = false) => ({
  ...base,
  id: `${pod}/if/${ifname}`,
  kind: "interface" as const,
  name: ifname,
  interface: ifname,
  network,
  isDefault,
  requested: !isDefault,
  attached: true,
  parent: pod,
});
const nad = (ns: string, name: string, mainType: "bridge" | "macvlan" | "other" | null, cniType: string | null) => ({
  ...base,
  id: networkId(ns, name),
  kind: "network" as const,
  name,
  namespace: ns,
  cniType,
  mainType,
  ipam: null,
  rawConfig: "{}",
  managedBy: null,
  parent: null,
});
const bridge = (node: string, device: string) => ({
  ...base,
  id: pointId(node, "bridge", device),
  kind: "bridge" as const,
  name: device,
  host: node,
  device,
  segment: `island:${node}:${device}`,
  parent: hostId(node),
});

/** Two hosts, two networks: a on w1 has two pods on net-a (one also on net-b); w2 has one pod on net-b. */
function small(): Topology {
  const a1 = "pod/ns/a1";
  const a2 = "pod/ns/a2";
  const b1 = "pod/ns/b1";
  return topologySchema.parse({
    elements: [
      host("w2", false),
      host("w1"),
      bridge("w1", "br0"),
      pod("ns", "a1", "w1"),
      pod("ns", "a2", "w1"),
      pod("ns", "b1", "w2"),
      pod("ns", "pending", null),
      iface(a1, "eth0", "ovn-kubernetes", true),
      iface(a1, "net1", "ns/net-a"),
      iface(a1, "net2", "ns/net-b"),
      iface(a2, "net1", "ns/net-a"),
      iface(b1, "net1", "ns/net-b"),
      nad("ns", "net-b", "other", "ovn-k8s-cni-overlay"),
      nad("ns", "net-a", "bridge", "bridge"),
      nad("ns", "unused", null, null),
    ],
    links: [
      { id: "l1", kind: "network", source: `${a1}/if/net1`, target: "network/ns/net-a" },
      { id: "l2", kind: "network", source: `${a1}/if/net2`, target: "network/ns/net-b" },
      { id: "l3", kind: "network", source: `${a2}/if/net1`, target: "network/ns/net-a" },
      { id: "l4", kind: "network", source: `${b1}/if/net1`, target: "network/ns/net-b" },
      { id: "l5", kind: "attachment", source: `${a1}/if/net1`, target: "host/w1/bridge/br0" },
      { id: "l6", kind: "attachment", source: `${a2}/if/net1`, target: "host/w1/bridge/br0" },
    ],
    findings: [
      // one finding on two interfaces of the same cell counts once
      { severity: "error", code: "duplicate-ip", message: "dup", elements: [`${a1}/if/net1`, `${a2}/if/net1`] },
      // on the bridge: counts for w1 and for the net-a cell through the attachment
      { severity: "warning", code: "device-missing-on-host", message: "m", elements: ["host/w1/bridge/br0"] },
      // on the network only: no host, no cell
      { severity: "info", code: "nad-invalid-config", message: "c", elements: ["network/ns/unused"] },
      // on a pod without a node
      { severity: "error", code: "network-not-found", message: "n", elements: ["pod/ns/pending"] },
    ],
  });
}

describe("clusterOverview", () => {
  it("counts pods, interfaces and problems per host, network and cell", () => {
    const o = clusterOverview(small());
    expect(clusterOverviewSchema.parse(o)).toEqual(o);
    expect(o.hosts).toEqual([
      {
        id: "host/w1",
        name: "w1",
        pods: 2,
        interfaces: 3,
        problems: { error: 1, warning: 1, info: 0 },
        linksObserved: true,
      },
      {
        id: "host/w2",
        name: "w2",
        pods: 1,
        interfaces: 1,
        problems: { error: 0, warning: 0, info: 0 },
        linksObserved: false,
      },
    ]);
    expect(o.networks.map((n) => [n.id, n.type, n.pods, n.problems])).toEqual([
      ["network/ns/net-a", "bridge", 2, { error: 1, warning: 1, info: 0 }],
      ["network/ns/net-b", "ovn-k8s-cni-overlay", 2, { error: 0, warning: 0, info: 0 }],
      ["network/ns/unused", "unknown", 0, { error: 0, warning: 0, info: 1 }],
    ]);
    expect(o.cells).toEqual([
      { host: "host/w1", network: "network/ns/net-a", pods: 2, problems: { error: 1, warning: 1, info: 0 } },
      { host: "host/w1", network: "network/ns/net-b", pods: 1, problems: { error: 0, warning: 0, info: 0 } },
      { host: "host/w2", network: "network/ns/net-b", pods: 1, problems: { error: 0, warning: 0, info: 0 } },
    ]);
    expect(o.totals).toEqual({ hosts: 2, pods: 4, networks: 3, findings: 4 });
  });

  it("is empty for an empty topology", () => {
    expect(clusterOverview({ elements: [], links: [], findings: [] })).toEqual({
      hosts: [],
      networks: [],
      cells: [],
      totals: { hosts: 0, pods: 0, networks: 0, findings: 0 },
    });
  });

  it("agrees with the demo cluster's topology", async () => {
    const t = demoTopology();
    const o = clusterOverview(t);
    expect(clusterOverviewSchema.parse(o)).toEqual(o);
    expect(o.hosts.map((h) => h.name)).toEqual(["worker1.ocp46rt.priv.local", "worker2.ocp46rt.priv.local"]);
    const bridgeMain = o.cells.filter((c) => c.network === "network/multus-test/bridge-main");
    expect(bridgeMain.length).toBeGreaterThan(0);
    expect(o.totals.findings).toBe(t.findings.length);
  });

  it("on a generated cluster: cells add up to the networks' pods and every id exists", () => {
    const t = buildTopology(
      snapshotFromObjects(syntheticCluster({ nodes: 30, pods: 600, nads: 12, seed: 4 }), "synthetic"),
    );
    const o = clusterOverview(t);
    const ids = new Set(t.elements.map((e) => e.id));
    expect(o.totals).toMatchObject({ hosts: 30, pods: 600, networks: 12 });
    for (const c of o.cells) expect(ids.has(c.host) && ids.has(c.network)).toBe(true);
    // a pod lives on one host, so per network the cells partition its pods
    for (const n of o.networks) {
      const sum = o.cells.filter((c) => c.network === n.id).reduce((s, c) => s + c.pods, 0);
      expect(sum).toBe(n.pods);
    }
    const podsOnHosts = o.hosts.reduce((s, h) => s + h.pods, 0);
    expect(podsOnHosts).toBe(t.elements.filter((e) => e.kind === "pod" && e.parent !== null).length);
  });
});
