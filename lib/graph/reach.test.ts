import { beforeAll, describe, expect, it } from "vitest";
import { demoTopology, DEMO_NS as NS, W1 } from "@/testing/fixtures/demo";
import { nad as nadObject, nns, node, pod as podObject } from "@/testing/fixtures/objects";
import type { NetworkElement, Topology } from "../contract/schema";
import { snapshotFromObjects } from "../k8s/snapshot";
import type { NodeLink } from "../node-links/link";
import { probedNodeNetworkState } from "../node-links/to-nns";
import { buildTopology } from "../topology/build";
import { networkReach } from "./reach";

let demo: Topology;
beforeAll(async () => {
  demo = demoTopology();
});

function network(t: Topology, key: string): NetworkElement {
  const n = t.elements.find((e) => e.id === `network/${key}`);
  if (n?.kind !== "network") throw new Error(`no network ${key}`);
  return n;
}

// ---- hand-made clusters ---------------------------------------------------------------------------------------

const nad = (name: string, config: Record<string, unknown>) =>
  nadObject(name, { cniVersion: "0.3.1", name, ipam: { type: "static" }, ...config }, { namespace: "t" });
/** A running pod on `nodeName` with one interface on `net`, at `ip`. */
const pod = (name: string, nodeName: string, net: string, ip: string) =>
  podObject(name, {
    namespace: "t",
    node: nodeName,
    networks: net,
    status: [{ name: `t/${net}`, interface: "net1", ips: [ip] }],
  });
const bridgeNns = (host: string, uplinked: boolean) =>
  nns(host, [
    { name: "ens9", type: "ethernet", state: "up" },
    { name: "br1", type: "linux-bridge", state: "up", bridge: { port: uplinked ? [{ name: "ens9" }] : [] } },
  ]);

describe("networkReach on the demo cluster", () => {
  it("bridge-main: mybr0 has no uplink, an island on worker1", () => {
    expect(networkReach(network(demo, `${NS}/bridge-main`), demo)).toBe(
      `mybr0 has no uplink: pods reach each other through it only on the same host (an island on ${W1}).`,
    );
  });

  it("macvlan-main: pods share ens9's segment across hosts", () => {
    expect(networkReach(network(demo, `${NS}/macvlan-main`), demo)).toBe(
      "Pods share the L2 segment of ens9 across hosts.",
    );
  });

  it("host-device-main: one pod per host takes ens8", () => {
    expect(networkReach(network(demo, `${NS}/host-device-main`), demo)).toBe(
      "Each pod takes ens8 out of its host: one pod per host, on that NIC's L2 segment.",
    );
  });

  it("reads the topology it is given: the full one, not only what a view shows", () => {
    const net = network(demo, `${NS}/bridge-main`);
    const noPods: Topology = { ...demo, elements: demo.elements.filter((e) => e.kind !== "interface"), links: [] };
    expect(networkReach(net, noPods)).toBeNull();
  });
});

describe("networkReach on hand-made clusters", () => {
  it("an uplinked bridge: pods on different hosts share its segment", () => {
    const t = buildTopology(
      snapshotFromObjects([
        node("h1"),
        node("h2"),
        bridgeNns("h1", true),
        bridgeNns("h2", true),
        nad("br", { type: "bridge", bridge: "br1" }),
        pod("p1", "h1", "br", "10.9.0.1"),
        pod("p2", "h2", "br", "10.9.0.2"),
      ]),
    );
    expect(networkReach(network(t, "t/br"), t)).toBe("br1 is uplinked: pods on different hosts share its L2 segment.");
  });

  it("a bridge uplinked on one host and an island on another names the island's host", () => {
    const t = buildTopology(
      snapshotFromObjects([
        node("h1"),
        node("h2"),
        bridgeNns("h1", true),
        bridgeNns("h2", false),
        nad("br", { type: "bridge", bridge: "br1" }),
        pod("p1", "h1", "br", "10.9.0.1"),
        pod("p2", "h2", "br", "10.9.0.2"),
      ]),
    );
    expect(networkReach(network(t, "t/br"), t)).toBe(
      "br1 has no uplink: pods reach each other through it only on the same host (an island on h2).",
    );
  });

  it("islands on several hosts are all named", () => {
    const t = buildTopology(
      snapshotFromObjects([
        node("h1"),
        node("h2"),
        bridgeNns("h1", false),
        bridgeNns("h2", false),
        nad("br", { type: "bridge", bridge: "br1" }),
        pod("p1", "h1", "br", "10.9.0.1"),
        pod("p2", "h2", "br", "10.9.0.2"),
      ]),
    );
    expect(networkReach(network(t, "t/br"), t)).toContain("(an island on h1, h2)");
  });

  it("islands on many hosts: a few named, then how many more; every one on demand", () => {
    const hosts = Array.from({ length: 20 }, (_, i) => `h${String(i).padStart(2, "0")}`);
    const t = buildTopology(
      snapshotFromObjects([
        ...hosts.flatMap((h) => [node(h), bridgeNns(h, false)]),
        nad("br", { type: "bridge", bridge: "br1" }),
        ...hosts.map((h, i) => pod(`p${i}`, h, "br", `10.9.0.${i + 1}`)),
      ]),
    );
    expect(networkReach(network(t, "t/br"), t)).toContain(`(an island on ${hosts.slice(0, 8).join(", ")} and 12 more)`);
    expect(networkReach(network(t, "t/br"), t, Number.POSITIVE_INFINITY)).toContain(
      `(an island on ${hosts.join(", ")})`,
    );
    // the finding names a few hosts too; its subjects are every island's bridge
    const split = t.findings.filter((f) => f.code === "bridge-island-split");
    expect(split.map((f) => f.message)).toEqual([
      `t/br has pods on ${hosts.slice(0, 8).join(", ")} and 12 more, but br1 has no uplink there: they cannot reach each other`,
    ]);
    expect(split[0]?.elements.length).toBe(21);
  });

  it("a bridge network no pod uses says nothing", () => {
    const t = buildTopology(
      snapshotFromObjects([node("h1"), bridgeNns("h1", false), nad("br", { type: "bridge", bridge: "br1" })]),
    );
    expect(networkReach(network(t, "t/br"), t)).toBeNull();
  });

  it("a bridge NAD with no bridge name is cni0", () => {
    const t = buildTopology(
      snapshotFromObjects([node("h1"), nad("br", { type: "bridge" }), pod("p1", "h1", "br", "10.9.0.1")]),
    );
    expect(networkReach(network(t, "t/br"), t)).toMatch(/\bcni0 /);
  });

  it("a bridge on a host nothing observes is no island: its uplink is not known, and the text says so", () => {
    const t = buildTopology(
      snapshotFromObjects([
        node("h1"),
        node("h2"),
        bridgeNns("h1", false),
        nad("br", { type: "bridge", bridge: "br1" }),
        pod("p1", "h1", "br", "10.9.0.1"),
        pod("p2", "h2", "br", "10.9.0.2"),
      ]),
    );
    expect(networkReach(network(t, "t/br"), t)).toBe(
      "br1 has no uplink: pods reach each other through it only on the same host (an island on h1). " +
        "Whether br1 has an uplink on h2 is not known: nothing observes that node's ports (no NodeNetworkState, not inspected), so whether pods there reach other hosts is not known either.",
    );
    const onH2 = t.elements.find((e) => e.id === "host/h2/bridge/br1");
    expect(onH2).toMatchObject({ kind: "bridge", uplinksKnown: false, island: false, uplinks: [] });
    // No "cannot reach each other" finding built on a guess.
    expect(t.findings.filter((f) => f.code === "bridge-island-split")).toEqual([]);
  });

  it("a probed host: a bridge whose port is a veth leading out of the node is uplinked, a pod's veth is not", () => {
    const links: NodeLink[] = [
      { name: "ens10", type: "veth", state: "up", controller: "br1", peer: { index: 3, elsewhere: true } },
      { name: "veth0a1b2c3d", type: "veth", state: "up", controller: "br1", peer: { index: 4, elsewhere: true } },
      { name: "br1", type: "linux-bridge", state: "up", addresses: [] },
      { name: "mybr0", type: "linux-bridge", state: "up" },
      { name: "veth11111111", type: "veth", state: "up", controller: "mybr0", peer: { index: 5, elsewhere: true } },
    ];
    const probed = probedNodeNetworkState({
      node: "h1",
      links,
      at: "2026-12-06T14:00:00Z",
      by: "admin",
      method: "sysfs",
    });
    const t = buildTopology(
      snapshotFromObjects([
        node("h1"),
        probed,
        nad("br", { type: "bridge", bridge: "br1" }),
        nad("my", { type: "bridge", bridge: "mybr0" }),
        pod("p1", "h1", "br", "10.9.0.1"),
        pod("p2", "h1", "my", "10.9.1.1"),
      ]),
    );
    expect(networkReach(network(t, "t/br"), t)).toBe("br1 is uplinked: pods on different hosts share its L2 segment.");
    expect(networkReach(network(t, "t/my"), t)).toContain("mybr0 has no uplink");
    expect(t.elements.find((e) => e.id === "host/h1")).toMatchObject({
      linksObserved: true,
      linksSource: "probe",
      probedBy: "admin",
      reportedAt: "2026-12-06T14:00:00Z",
    });
  });

  it("vlan names its VLAN, ipvlan its master; no master is the default-route NIC", () => {
    const t = buildTopology(
      snapshotFromObjects([
        nad("v", { type: "vlan", master: "ens9", vlanId: 120 }),
        nad("i", { type: "ipvlan", master: "ens10" }),
        nad("m", { type: "macvlan" }),
      ]),
    );
    expect(networkReach(network(t, "t/v"), t)).toBe("Pods share the L2 segment of ens9 (VLAN 120) across hosts.");
    expect(networkReach(network(t, "t/i"), t)).toBe("Pods share the L2 segment of ens10 across hosts.");
    expect(networkReach(network(t, "t/m"), t)).toBe("Pods share the L2 segment of the default-route NIC across hosts.");
  });

  it("other plugins say nothing", () => {
    const t = buildTopology(snapshotFromObjects([nad("o", { type: "kube-ovn", provider: "x" })]));
    expect(networkReach(network(t, "t/o"), t)).toBeNull();
  });

  it("OVN-Kubernetes: layer2 is one switch across hosts, layer3 routed per node, localnet by its bridge mapping", () => {
    const t = buildTopology(
      snapshotFromObjects([
        nad("l2", { type: "ovn-k8s-cni-overlay", name: "l2", topology: "layer2" }),
        nad("l3", { type: "ovn-k8s-cni-overlay", name: "l3", topology: "layer3", subnets: "10.128.0.0/16/24" }),
        nad("ln", { type: "ovn-k8s-cni-overlay", name: "ln", topology: "localnet", vlanID: 7 }),
      ]),
    );
    expect(networkReach(network(t, "t/l2"), t)).toBe(
      "One OVN logical switch (l2) across every node: pods on it share L2 wherever they run.",
    );
    expect(networkReach(network(t, "t/l3"), t)).toMatch(
      /^A logical switch per node, each with its own slice of 10.128.0.0\/16/,
    );
    // no pod, no node seen: only what the NAD says
    expect(networkReach(network(t, "t/ln"), t)).toBe("A localnet network on the physical network ln on VLAN 7.");
  });
});
