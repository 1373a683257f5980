import { describe, expect, it } from "vitest";
import { nad as nadObject, nns, node, pod as podObject } from "@/testing/fixtures/objects";
import { type Finding, topologySchema } from "../contract/schema";
import { snapshotFromObjects } from "../k8s/snapshot";
import { buildTopology } from "./build";

// Real-looking inputs: NAD configs as the Multus and whereabouts docs write them, network-status as Multus writes it.
const NS = "cnf";
const W1 = "worker-1";
const W2 = "worker-2";

/** A NAD the way the docs write one: cniVersion and name in the config. */
const nad = (name: string, config: object, annotations: Record<string, string> = {}) =>
  nadObject(name, { cniVersion: "0.3.1", name, ...config }, { namespace: NS, annotations });

/** A pod asking for one network; with addresses, Multus attached it (Running), without, it is stuck (Pending). */
const pod = (name: string, net: string, o: { node?: string; ips?: string[]; phase?: string; spec?: object } = {}) =>
  podObject(name, {
    namespace: NS,
    node: o.node ?? W1,
    networks: net,
    ...(o.ips ? { status: [{ name: `${NS}/${net}`, interface: "net1", ips: o.ips }] } : {}),
    spec: { containers: [{ name: "app", image: "ubi9" }], ...o.spec },
    phase: o.phase ?? (o.ips ? "Running" : "Pending"),
  });

function pool(range: string, used: number) {
  const allocations = Object.fromEntries(
    Array.from({ length: used }, (_, i) => [String(i + 1), { id: `c${i}`, podref: `${NS}/p${i}`, ifname: "net1" }]),
  );
  return {
    apiVersion: "whereabouts.cni.cncf.io/v1alpha1",
    kind: "IPPool",
    metadata: { name: range.replace("/", "-"), namespace: "kube-system" },
    spec: { range, allocations },
  };
}

const codes = (objects: unknown[], code: Finding["code"]): Finding[] =>
  topologySchema.parse(buildTopology(snapshotFromObjects(objects, "test"))).findings.filter((f) => f.code === code);

const WHEREABOUTS = (range: string, extra: object = {}) => ({
  type: "macvlan",
  master: "ens9",
  ipam: { type: "whereabouts", range, ...extra },
});

describe("address checks", () => {
  it("ip-outside-range: an address no range of the network declares", () => {
    const net = nad(
      "data",
      WHEREABOUTS("192.168.30.0/24", { range_start: "192.168.30.10", range_end: "192.168.30.100" }),
    );
    expect(codes([net, pod("a", "data", { ips: ["192.168.30.200"] })], "ip-outside-range")).toHaveLength(1);
    expect(codes([net, pod("a", "data", { ips: ["192.168.30.50"] })], "ip-outside-range")).toHaveLength(0);
  });

  it("ip-in-excluded-range: an address inside an exclude", () => {
    const net = nad("data", WHEREABOUTS("192.168.12.0/24", { exclude: ["192.168.12.0/28"] }));
    expect(codes([net, pod("a", "data", { ips: ["192.168.12.5"] })], "ip-in-excluded-range")[0]?.message).toContain(
      "192.168.12.0/28",
    );
    expect(codes([net, pod("a", "data", { ips: ["192.168.12.40"] })], "ip-in-excluded-range")).toHaveLength(0);
  });
});

describe("whereabouts pool use", () => {
  const net = nad("data", WHEREABOUTS("10.10.0.0/28"));
  it("ippool-exhausted when every address of the range is taken, with its free count", () => {
    const f = codes([net, pool("10.10.0.0/28", 14)], "ippool-exhausted");
    expect(f[0]?.message).toContain("0 of 14 addresses free");
    expect(codes([net, pool("10.10.0.0/28", 13)], "ippool-exhausted")).toHaveLength(0);
  });

  it("ippool-nearly-full at 90 % and more, not below", () => {
    expect(codes([net, pool("10.10.0.0/28", 13)], "ippool-nearly-full")[0]?.message).toContain("1 of 14");
    expect(codes([net, pool("10.10.0.0/28", 12)], "ippool-nearly-full")).toHaveLength(0);
  });
});

describe("whereabouts reservations", () => {
  const orip = (name: string, namespace: string, podref: string) => ({
    apiVersion: "whereabouts.cni.cncf.io/v1alpha1",
    kind: "OverlappingRangeIPReservation",
    metadata: { name, namespace },
    spec: { containerid: "4e5a8ac872e8", ifname: "net1", podref },
  });

  it("ip-reserved-twice: one address held for two pods, across namespaces or against its IPPool", () => {
    const two = [orip("10.10.0.1", "kube-system", `${NS}/p0`), orip("10.10.0.1", "openshift-multus", `${NS}/other`)];
    expect(codes(two, "ip-reserved-twice")[0]?.message).toContain(`${NS}/p0`);
    const v6 = [orip("fd00--a", "kube-system", `${NS}/x`), orip("fd00--a", "whereabouts", `${NS}/y`)];
    expect(codes(v6, "ip-reserved-twice")[0]?.message).toMatch(/^fd00::a is reserved/);
    // Colons are no part of a Kubernetes name: such a reservation is refused, like any object the API server refuses.
    const colons = [orip("fd00::a", "whereabouts", `${NS}/y`), orip("fd00--a", "kube-system", `${NS}/x`)];
    expect(codes(colons, "object-invalid")).toHaveLength(1);
    expect(codes(colons, "ip-reserved-twice")).toHaveLength(0);
    expect(
      codes([pool("10.10.0.0/28", 1), orip("10.10.0.1", "kube-system", `${NS}/other`)], "ip-reserved-twice"),
    ).toHaveLength(1);
  });

  it("not when the reservation and the IPPool agree", () => {
    expect(
      codes([pool("10.10.0.0/28", 1), orip("10.10.0.1", "kube-system", `${NS}/p0`)], "ip-reserved-twice"),
    ).toHaveLength(0);
  });
});

describe("segments", () => {
  it("overlapping-ranges: two NADs on the same master with overlapping ranges, not on different masters", () => {
    const a = nad("a", WHEREABOUTS("192.168.30.0/24"));
    const b = nad("b", WHEREABOUTS("192.168.30.128/25"));
    const c = nad("c", { ...WHEREABOUTS("192.168.30.0/24"), master: "ens10" });
    expect(codes([a, b], "overlapping-ranges")[0]?.message).toContain("share ens9");
    expect(codes([a, c], "overlapping-ranges")).toHaveLength(0);
  });

  it("bridge-island-split: an uplink-less bridge network with pods on two hosts, not on one", () => {
    const br = nad("br", { type: "bridge", bridge: "mybr0", ipam: { type: "whereabouts", range: "192.168.12.0/24" } });
    const states = [
      nns(W1, [{ name: "mybr0", type: "linux-bridge", state: "up", bridge: { port: [] } }]),
      nns(W2, [{ name: "mybr0", type: "linux-bridge", state: "up", bridge: { port: [] } }]),
    ];
    const two = [
      br,
      node(W1),
      node(W2),
      ...states,
      pod("a", "br", { ips: ["192.168.12.11"] }),
      pod("b", "br", { node: W2, ips: ["192.168.12.12"] }),
    ];
    expect(codes(two, "bridge-island-split")[0]?.message).toContain(`${W1} and ${W2}`);
    const one = [
      br,
      node(W1),
      ...states.slice(0, 1),
      pod("a", "br", { ips: ["192.168.12.11"] }),
      pod("b", "br", { ips: ["192.168.12.12"] }),
    ];
    expect(codes(one, "bridge-island-split")).toHaveLength(0);
  });
});

describe("parents on the node (NodeNetworkState)", () => {
  const mac = nad("data", { ...WHEREABOUTS("192.168.30.0/24"), mtu: 9000 });
  const running = pod("a", "data", { ips: ["192.168.30.10"] });
  const ens9 = (state: string, mtu: number) => nns(W1, [{ name: "ens9", type: "ethernet", state, mtu }]);

  it("master-down when the parent of attached pods is down, not when it is up", () => {
    expect(codes([mac, node(W1), ens9("down", 9000), running], "master-down")[0]?.message).toContain(
      "ens9 on worker-1 is down",
    );
    expect(codes([mac, node(W1), ens9("up", 9000), running], "master-down")).toHaveLength(0);
  });

  it("mtu-exceeds-parent when the NAD's MTU is above the parent's, not when it fits", () => {
    expect(codes([mac, node(W1), ens9("up", 1500), running], "mtu-exceeds-parent")[0]?.message).toContain(
      "MTU 9000, but ens9 on worker-1 has 1500",
    );
    expect(codes([mac, node(W1), ens9("up", 9000), running], "mtu-exceeds-parent")).toHaveLength(0);
  });
});

describe("plugins", () => {
  const dhcp = nad("dhcp-net", { type: "macvlan", master: "ens9", ipam: { type: "dhcp" } });
  const daemon = {
    apiVersion: "v1",
    kind: "Pod",
    metadata: { name: "dhcp-daemon-x7k2p", namespace: "openshift-multus" },
    spec: { nodeName: W1 },
    status: { phase: "Running" },
  };

  const multus = { ...daemon, metadata: { name: "multus-4xk9q", namespace: "openshift-multus" } };

  it("dhcp-daemon-missing when the system pods are seen and no dhcp daemon runs, not when one does", () => {
    expect(codes([dhcp, pod("a", "dhcp-net"), multus], "dhcp-daemon-missing")).toHaveLength(1);
    expect(codes([dhcp, pod("a", "dhcp-net"), multus, daemon], "dhcp-daemon-missing")).toHaveLength(0);
    // only the NAD and its pod: no proof either way
    expect(codes([dhcp, pod("a", "dhcp-net")], "dhcp-daemon-missing")).toHaveLength(0);
  });

  const sriov = (annotations: Record<string, string>) =>
    nad("sriov-net", { type: "sriov", vlan: 100, ipam: { type: "whereabouts", range: "10.56.217.0/24" } }, annotations);
  const RES = "openshift.io/mlnxnics";

  it("sriov-resource-missing on an SR-IOV NAD without resourceName, not with it", () => {
    expect(codes([sriov({})], "sriov-resource-missing")).toHaveLength(1);
    expect(codes([sriov({ "k8s.v1.cni.cncf.io/resourceName": RES })], "sriov-resource-missing")).toHaveLength(0);
  });

  it("sriov-resource-not-requested when the pod's containers do not ask for the VF, not when they do", () => {
    const net = sriov({ "k8s.v1.cni.cncf.io/resourceName": RES });
    expect(codes([net, pod("a", "sriov-net")], "sriov-resource-not-requested")).toHaveLength(1);
    const asks = pod("a", "sriov-net", {
      spec: { containers: [{ name: "app", resources: { requests: { [RES]: "1" }, limits: { [RES]: "1" } } }] },
    });
    expect(codes([net, asks], "sriov-resource-not-requested")).toHaveLength(0);
  });
});
