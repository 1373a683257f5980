import { describe, expect, it } from "vitest";
import { nad as nadObject, nns, node, pod as podObject } from "@/testing/fixtures/objects";
import { type Finding, topologySchema } from "../contract/schema";
import { snapshotFromObjects } from "../k8s/snapshot";
import { buildTopology } from "./build";

// Inputs as the field reported them. multus-cni#1339: an ipvlan L2 network on ens20, then the same segment as a
// macvlan on ens20 for a gateway pod: "device or resource busy". pipework#221: a macvlan on the "top interface" of a
// bridge (its NIC port): "RTNETLINK answers: Device or resource busy". containernetworking/cni#7: `ip link add link
// em1 type ipvlan` then `type macvlan` on em1: busy.
const NS = "phoenix";
const W1 = "worker-1";
const W2 = "worker-2";

const IPVLAN = {
  cniVersion: "0.3.1",
  type: "ipvlan",
  master: "ens20",
  mode: "l2",
  ipam: {
    type: "host-local",
    ranges: [[{ subnet: "192.168.15.0/24", rangeStart: "192.168.15.10", rangeEnd: "192.168.15.253" }]],
  },
};
const MACVLAN = { ...IPVLAN, type: "macvlan", mode: "bridge" };
const nad = (name: string, config: object) => nadObject(name, { ...config, name }, { namespace: NS });

/** A pod on one network: with an address, attached (Running); without, stuck in ContainerCreating (Pending). */
const pod = (name: string, net: string, o: { node?: string; ip?: string } = {}) =>
  podObject(name, {
    namespace: NS,
    node: o.node ?? W1,
    networks: net,
    ...(o.ip ? { status: [{ name: `${NS}/${net}`, interface: "net1", ips: [o.ip] }] } : {}),
    phase: o.ip ? "Running" : "Pending",
  });

const busy = (objects: unknown[]): Finding[] =>
  topologySchema
    .parse(buildTopology(snapshotFromObjects(objects, "test")))
    .findings.filter((f) => f.code === "parent-device-busy");

const ethernet = (name: string, extra: object = {}) => ({ name, type: "ethernet", state: "up", mtu: 1500, ...extra });

describe("parent-device-busy: macvlan and ipvlan on one master (multus-cni#1339, cni#7)", () => {
  const ipvlan = nad("br-n6", IPVLAN);
  const macvlan = nad("br-n6-gw", MACVLAN);

  it("the ipvlan pod attached, the macvlan pod on the same node stuck: an error naming both networks", () => {
    const found = busy([ipvlan, macvlan, pod("upf", "br-n6", { ip: "192.168.15.10" }), pod("gw", "br-n6-gw")]);
    expect(found).toHaveLength(1);
    expect(found[0]).toMatchObject({ severity: "error" });
    expect(found[0]?.message).toContain(
      `ens20 on ${W1} is the master of macvlan ${NS}/br-n6-gw and of ipvlan ${NS}/br-n6`,
    );
    expect(found[0]?.message).toContain("device or resource busy");
    // both host-side points and both pods' interfaces are its subjects: the graph marks them
    expect(found[0]?.elements.filter((e) => e.startsWith(`host/${W1}/`))).toEqual([
      `host/${W1}/macvlan-parent/ens20`,
      `host/${W1}/ipvlan-parent/ens20`,
    ]);
    expect(found[0]?.elements.filter((e) => e.includes("/if/"))).toHaveLength(2);
  });

  it("the same two networks on different nodes: each device has one kind, nothing to say", () => {
    expect(
      busy([ipvlan, macvlan, pod("upf", "br-n6", { ip: "192.168.15.10" }), pod("gw", "br-n6-gw", { node: W2 })]),
    ).toEqual([]);
  });

  it("two macvlan networks on one master share it: nothing to say", () => {
    const other = nad("br-n7", { ...MACVLAN, ipam: { type: "static" } });
    expect(busy([macvlan, other, pod("a", "br-n6-gw", { ip: "192.168.15.11" }), pod("b", "br-n7")])).toEqual([]);
  });

  it("both kinds attached on one device: a warning (the pods and the kernel's rule disagree; the next pod fails)", () => {
    const found = busy([
      ipvlan,
      macvlan,
      pod("upf", "br-n6", { ip: "192.168.15.10" }),
      pod("gw", "br-n6-gw", { ip: "192.168.15.12" }),
    ]);
    expect(found.map((f) => f.severity)).toEqual(["warning"]);
  });
});

describe("parent-device-busy: a master that is a bridge's or bond's port (pipework#221)", () => {
  const macvlan = nad("data", { ...MACVLAN, master: "eth1" });
  const stuck = pod("gw", "data");

  it("nmstate 1 lists the NIC among the bridge's ports: an error naming the bridge", () => {
    const state = nns(W1, [
      ethernet("eth1"),
      { name: "br0", type: "linux-bridge", state: "up", bridge: { port: [{ name: "eth1" }] } },
    ]);
    const found = busy([node(W1), state, macvlan, stuck]);
    expect(found.map((f) => f.severity)).toEqual(["error"]);
    expect(found[0]?.message).toContain(`eth1 on ${W1} is a port of linux-bridge br0`);
    expect(found[0]?.elements).toContain(`host/${W1}/bridge/br0`);
  });

  it("nmstate 2 and a probe name the port's controller: a bond's port is taken too", () => {
    const state = nns(W1, [
      ethernet("eth1", { controller: "bond0" }),
      { name: "bond0", type: "bond", state: "up", "link-aggregation": { mode: "active-backup", port: ["eth1"] } },
    ]);
    expect(busy([node(W1), state, macvlan, stuck])[0]?.message).toContain("is a port of bond bond0");
  });

  it("the bridge itself as the master works (the kernel gives the bridge device its own frames): nothing", () => {
    const state = nns(W1, [
      ethernet("eth1"),
      { name: "br0", type: "linux-bridge", state: "up", bridge: { port: [{ name: "eth1" }] } },
    ]);
    expect(busy([node(W1), state, nad("data", { ...MACVLAN, master: "br0" }), stuck])).toEqual([]);
  });

  it("a VLAN on a bridge's port takes no handler: nothing", () => {
    const state = nns(W1, [
      ethernet("eth1"),
      { name: "br0", type: "linux-bridge", state: "up", bridge: { port: [{ name: "eth1" }] } },
    ]);
    const vlan = nad("tagged", { cniVersion: "0.3.1", type: "vlan", master: "eth1", vlanId: 100, ipam: {} });
    expect(busy([node(W1), state, vlan, pod("v", "tagged")])).toEqual([]);
  });

  it("a VRF's port is not taken (l3mdev, no rx_handler): nothing", () => {
    const state = nns(W1, [ethernet("eth1", { controller: "vrf-blue" }), { name: "vrf-blue", type: "vrf" }]);
    expect(busy([node(W1), state, macvlan, stuck])).toEqual([]);
  });

  it("no report of the host's links: unknown, not free and not taken: nothing", () => {
    expect(busy([node(W1), macvlan, stuck])).toEqual([]);
  });
});
