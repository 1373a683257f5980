import { beforeAll, describe, expect, it } from "vitest";
import { demoObjects, demoSnapshot, W1, W2 } from "@/testing/fixtures/demo";
import { nad, nns, node, pod } from "@/testing/fixtures/objects";
import {
  type BridgeElement,
  type Finding,
  type HostDeviceElement,
  type HostElement,
  type InterfaceElement,
  type NetworkElement,
  type ParentElement,
  type Topology,
  type TopologyElement,
  topologySchema,
} from "../contract/schema";
import { type ClusterSnapshot, snapshotFromObjects } from "../k8s/snapshot";
import { buildTopology } from "./build";

// ---- lookups -------------------------------------------------------------------------------------------------

function el<K extends TopologyElement["kind"]>(
  t: Topology,
  id: string,
  kind: K,
): Extract<TopologyElement, { kind: K }> {
  const found = t.elements.find((e) => e.id === id);
  if (!found) throw new Error(`no element ${id}; have:\n${t.elements.map((e) => e.id).join("\n")}`);
  if (found.kind !== kind) throw new Error(`${id} is a ${found.kind}, not a ${kind}`);
  return found as Extract<TopologyElement, { kind: K }>;
}
const iface = (t: Topology, id: string): InterfaceElement => el(t, id, "interface");
const net = (t: Topology, id: string): NetworkElement => el(t, id, "network");
const findings = (t: Topology, code: Finding["code"]): Finding[] => t.findings.filter((f) => f.code === code);
const interfacesOf = (t: Topology, podId: string): InterfaceElement[] =>
  t.elements.filter((e): e is InterfaceElement => e.kind === "interface" && e.parent === podId);

// ---- hand-made objects ---------------------------------------------------------------------------------------

const NS = "demo";

const defaultStatus = (ip: string) => ({ name: "ovn-kubernetes", interface: "eth0", ips: [ip], default: true });
const eth = (name: string) => ({ name, type: "ethernet", state: "up", mtu: 1500 });

const BRIDGE = {
  cniVersion: "0.3.1",
  type: "bridge",
  bridge: "br1",
  ipam: { type: "whereabouts", range: "10.1.0.0/24" },
};
const HOSTDEV = { cniVersion: "0.3.1", type: "host-device", device: "ens8", ipam: { type: "dhcp" } };

function build(objects: unknown[], extra: Partial<ClusterSnapshot> = {}): Topology {
  const t = buildTopology({ ...snapshotFromObjects(objects, "test"), ...extra });
  // Whatever the input, the output keeps the contract.
  topologySchema.parse(t);
  return t;
}

// ---- the demo cluster ----------------------------------------------------------------------------------------

/** Deterministic Fisher–Yates with a small LCG, so a failure can be reproduced. */
function shuffled<T>(list: readonly T[], seed: number): T[] {
  const out = [...list];
  let s = seed;
  for (let i = out.length - 1; i > 0; i--) {
    s = (s * 1103515245 + 12345) % 2147483648;
    const j = s % (i + 1);
    [out[i], out[j]] = [out[j] as T, out[i] as T];
  }
  return out;
}

describe("buildTopology on the demo cluster", () => {
  let t: Topology;
  beforeAll(async () => {
    t = buildTopology(demoSnapshot());
  });

  const POD_A = "pod/multus-test/pod-a-5bb7694d4-j8g6b";
  const MYBR0 = `host/${W1}/bridge/mybr0`;

  it("gives pod-a net1 on bridge-main with 192.168.12.14, attached to mybr0 on worker1", () => {
    const net1 = iface(t, `${POD_A}/if/net1`);
    expect(net1).toMatchObject({
      interface: "net1",
      ips: ["192.168.12.14"],
      mac: "ce:4e:8a:13:5c:21",
      network: "multus-test/bridge-main",
      requested: true,
      attached: true,
      isDefault: false,
      provenance: "observed",
    });
    expect(t.links).toContainEqual(
      expect.objectContaining({ kind: "attachment", source: net1.id, target: MYBR0, label: "net1 192.168.12.14" }),
    );
    expect(t.links).toContainEqual(
      expect.objectContaining({ kind: "network", source: net1.id, target: "network/multus-test/bridge-main" }),
    );
    expect(iface(t, `${POD_A}/if/eth0`)).toMatchObject({
      isDefault: true,
      network: "ovn-kubernetes",
      ips: ["10.128.2.20"],
    });
    expect(el(t, POD_A, "pod")).toMatchObject({
      parent: `host/${W1}`,
      node: W1,
      phase: "Running",
      podIPs: ["10.128.2.20"],
    });
  });

  it("draws mybr0 as an island: no uplinks, its segment is its own id", () => {
    const br = el(t, MYBR0, "bridge") as BridgeElement;
    expect(br).toMatchObject({ uplinks: [], ports: [], provenance: "observed", host: W1, parent: `host/${W1}` });
    expect(br.segment).toBe(br.id);
    // pod-b on the same host shares the bridge
    expect(
      t.links
        .filter((l) => l.kind === "attachment" && l.target === MYBR0)
        .map((l) => l.source)
        .sort(),
    ).toEqual([`${POD_A}/if/net1`, "pod/multus-test/pod-b-85ffcd4c7c-xpp2z/if/net1"]);
  });

  it("shows ens8 on each worker moved into the pod that holds it, and gone from the host", () => {
    const ens8w1 = el(t, `host/${W1}/host-device/ens8`, "host-device") as HostDeviceElement;
    const ens8w2 = el(t, `host/${W2}/host-device/ens8`, "host-device") as HostDeviceElement;
    expect(ens8w1.movedTo).toBe("pod/multus-test/pod-a-66b77fb7f6-wbx5f/if/net1");
    expect(ens8w2.movedTo).toBe("pod/multus-test/pod-b-cc754dd7-pq9km/if/net1");
    expect(ens8w1.presentOnHost).toBe(false);
    expect(ens8w2.presentOnHost).toBe(false);
    expect(iface(t, ens8w1.movedTo ?? "")).toMatchObject({ mac: "00:1a:4a:16:06:76", ips: ["192.168.12.20"] });
    expect(iface(t, ens8w2.movedTo ?? "")).toMatchObject({ mac: "00:1a:4a:16:06:81", ips: ["192.168.12.21"] });
    // moved into a pod is expected, not a missing device
    expect(findings(t, "device-missing-on-host")).toEqual([]);
    expect(findings(t, "host-device-conflict")).toEqual([]);
  });

  it("puts the macvlan parent ens9 of both workers on one segment", () => {
    const a = el(t, `host/${W1}/macvlan-parent/ens9`, "macvlan-parent") as ParentElement;
    const b = el(t, `host/${W2}/macvlan-parent/ens9`, "macvlan-parent") as ParentElement;
    expect(a.segment).toBe(b.segment);
    expect(a).toMatchObject({ provenance: "observed", mac: "52:54:00:4a:16:09", state: "up" });
    expect(b.mac).toBe("52:54:00:4a:17:09");
    // and not on the bridge's island
    expect(a.segment).not.toBe((el(t, MYBR0, "bridge") as BridgeElement).segment);
  });

  it("reports pod-e: sriov-net not found, macvlan-main requested but not attached", () => {
    const POD_E = "pod/multus-test/pod-e-5c7d9f8b6-q4w8z";
    const notFound = findings(t, "network-not-found");
    expect(notFound).toHaveLength(1);
    expect(notFound[0]).toMatchObject({ severity: "error", elements: [`${POD_E}/if/net2`, POD_E] });
    expect(notFound[0]?.message).toContain("multus-test/sriov-net");
    const notAttached = findings(t, "network-not-attached");
    expect(notAttached).toHaveLength(1);
    expect(notAttached[0]).toMatchObject({ severity: "error", elements: [`${POD_E}/if/net1`, POD_E] });
    expect(notAttached[0]?.message).toContain("multus-test/macvlan-main");
    expect(iface(t, `${POD_E}/if/net1`)).toMatchObject({
      requested: true,
      attached: false,
      provenance: "inferred",
      network: "multus-test/macvlan-main",
    });
    expect(iface(t, `${POD_E}/if/net2`)).toMatchObject({
      requested: true,
      attached: false,
      network: "multus-test/sriov-net",
    });
    expect(el(t, POD_E, "pod").requested).toEqual([
      { network: "multus-test/macvlan-main", interface: "net1", ips: [] },
      { network: "multus-test/sriov-net", interface: "net2", ips: [] },
    ]);
    // an unattached interface hangs off no host-side point
    expect(t.links.filter((l) => l.kind === "attachment" && l.source.startsWith(POD_E))).toEqual([]);
  });

  it("has no other findings on the demo", () => {
    expect(t.findings.map((f) => f.code).sort()).toEqual([
      "network-not-attached",
      "network-not-found",
      "workload-rollout-pending",
      "workload-rollout-pending",
    ]);
  });

  it("draws the walk-through's Deployments: the template asks for host-device-main, the bridge-phase pod still has bridge-main", () => {
    const w = t.elements.find((e) => e.id === "workload/multus-test/Deployment/pod-a");
    expect(w).toEqual({
      id: "workload/multus-test/Deployment/pod-a",
      kind: "workload",
      name: "pod-a",
      parent: null,
      provenance: "observed",
      namespace: "multus-test",
      workloadKind: "Deployment",
      replicas: 1,
      template: [{ network: "multus-test/host-device-main" }],
      pods: [
        { id: "pod/multus-test/pod-a-5bb7694d4-j8g6b", networks: ["multus-test/bridge-main"], current: false },
        { id: "pod/multus-test/pod-a-66b77fb7f6-wbx5f", networks: ["multus-test/host-device-main"], current: true },
      ],
    });
    const pending = t.findings.find((f) => f.code === "workload-rollout-pending" && f.elements.includes(w?.id ?? ""));
    expect(pending?.message).toBe(
      "Deployment multus-test/pod-a: 1 of 2 pods run with other networks than the template's (multus-test/host-device-main); they take them when the rollout replaces them",
    );
  });

  it("marks the operator's networks as managed by it, the hand-made NAD not", () => {
    expect(net(t, "network/multus-test/bridge-main").managedBy).toBe("cluster-network-operator");
    expect(net(t, "network/multus-test/host-device-main").managedBy).toBe("cluster-network-operator");
    expect(net(t, "network/multus-test/macvlan-main").managedBy).toBeNull();
  });

  it("ties bridge-main to its whereabouts pool: 2 allocated of 191 usable", () => {
    const n = net(t, "network/multus-test/bridge-main");
    expect(n).toMatchObject({ cniType: "bridge", mainType: "bridge", bridge: "mybr0", plugins: ["bridge"] });
    expect(n.ipam?.pool).toEqual({ name: "192.168.12.0-24", allocated: 2, size: 191, stale: 0 });
    expect(net(t, "network/multus-test/macvlan-main")).toMatchObject({
      plugins: ["macvlan", "tuning"],
      master: "ens9",
      mtu: 1500,
      mode: "bridge",
      ipam: { pool: { name: "192.168.30.0-24", allocated: 2, size: 91 } },
    });
  });

  it("reads the hosts from Node and NodeNetworkState", () => {
    const h = el(t, `host/${W1}`, "host") as HostElement;
    expect(h).toMatchObject({
      provenance: "observed",
      linksObserved: true,
      addresses: ["10.0.0.21"],
      reportedAt: "2026-11-27T09:00:00Z",
    });
    expect(h.interfaces.map((i) => i.name)).toEqual(["lo", "ens3", "ens9", "mybr0", "br-ex"]);
  });

  it("passes the topology schema unchanged", () => {
    expect(topologySchema.parse(t)).toEqual(t);
  });

  it("lists every element after its parent, and every parent exists", () => {
    const index = new Map(t.elements.map((e, i) => [e.id, i]));
    expect(index.size).toBe(t.elements.length); // ids are unique
    for (const [i, e] of t.elements.entries()) {
      if (e.parent === null) continue;
      const p = index.get(e.parent);
      expect(p, `${e.id}'s parent ${e.parent}`).toBeDefined();
      expect(p, `${e.id} comes before its parent`).toBeLessThan(i);
    }
  });

  it("links only elements that exist", () => {
    const ids = new Set(t.elements.map((e) => e.id));
    for (const l of t.links) {
      expect(ids.has(l.source), l.id).toBe(true);
      expect(ids.has(l.target), l.id).toBe(true);
    }
    for (const f of t.findings) for (const id of f.elements) expect(ids.has(id), `${f.code} → ${id}`).toBe(true);
  });

  it("gives the same topology whatever order the objects come in", async () => {
    const objects = demoObjects();
    const reference = buildTopology(snapshotFromObjects(objects));
    expect(reference).toEqual(t);
    for (const seed of [1, 2, 3, 42, 1234]) {
      const again = buildTopology(snapshotFromObjects(shuffled(objects, seed)));
      expect(again, `seed ${seed}`).toEqual(reference);
    }
    expect(buildTopology(snapshotFromObjects([...objects].reverse()))).toEqual(reference);
  });

  it("does not change the snapshot it is given", async () => {
    const snap = demoSnapshot();
    const before = structuredClone(snap);
    buildTopology(snap);
    buildTopology(snap);
    expect(snap).toEqual(before);
  });
});

// ---- malformed and edge-case snapshots -----------------------------------------------------------------------

describe("buildTopology on malformed input", () => {
  it("turns a NAD with invalid JSON into one error finding on its network, without throwing", () => {
    const bad = '{ "cniVersion": "0.3.1", "type": "bridge", ';
    const t = build([nad("broken", bad), pod("p", { node: "n1", networks: "broken" })]);
    const n = net(t, `network/${NS}/broken`);
    expect(n).toMatchObject({ cniType: null, mainType: null, ipam: null, plugins: [], rawConfig: bad });
    const fs = findings(t, "nad-invalid-config");
    expect(fs).toHaveLength(1);
    expect(fs[0]).toMatchObject({ severity: "error", elements: [n.id] });
    expect(fs[0]?.message).toMatch(/not valid JSON/);
    // the network exists, so this is not "not found"
    expect(findings(t, "network-not-found")).toEqual([]);
  });

  it("turns config problems into warnings on the network, still drawing it", () => {
    const t = build([
      nad("v", { type: "bridge", bridge: "br9", vlan: 4095 }),
      nad("hd", { type: "host-device" }),
      nad("chain", { plugins: [{ type: "tuning" }] }),
    ]);
    const fs = findings(t, "nad-invalid-config");
    expect(fs.map((f) => [f.severity, f.elements[0]])).toEqual([
      ["warning", `network/${NS}/chain`],
      ["warning", `network/${NS}/hd`],
      ["warning", `network/${NS}/v`],
    ]);
    expect(net(t, `network/${NS}/v`)).toMatchObject({ mainType: "bridge", bridge: "br9" });
    expect(net(t, `network/${NS}/v`).vlan).toBeUndefined();
  });

  it("turns a NAD without spec.config into an error finding", () => {
    const t = build([
      {
        apiVersion: "k8s.cni.cncf.io/v1",
        kind: "NetworkAttachmentDefinition",
        metadata: { name: "empty", namespace: NS },
      },
    ]);
    expect(findings(t, "nad-invalid-config")).toMatchObject([{ severity: "error", elements: [`network/${NS}/empty`] }]);
  });

  it.each([["[{"], ["a/b/c"], ["UPPER"], ['{"name":"x"}'], ['[{"namespace":"demo"}]']])(
    "reports the garbage networks annotation %j on the pod",
    (garbage) => {
      const t = build([nad("x", BRIDGE), pod("p", { node: "n1", networks: garbage })]);
      const fs = findings(t, "pod-annotation-invalid");
      expect(fs).toHaveLength(1);
      expect(fs[0]).toMatchObject({ severity: "error", elements: [`pod/${NS}/p`] });
      expect(fs[0]?.message).toContain("k8s.v1.cni.cncf.io/networks");
      expect(el(t, `pod/${NS}/p`, "pod").requested).toEqual([]);
    },
  );

  it("reports a garbage network-status annotation on the pod and keeps the requests", () => {
    const p = pod("p", { node: "n1", networks: "x" });
    p.metadata.annotations["k8s.v1.cni.cncf.io/network-status"] = "not json";
    const t = build([nad("x", BRIDGE), p]);
    expect(findings(t, "pod-annotation-invalid")).toMatchObject([{ elements: [`pod/${NS}/p`] }]);
    expect(findings(t, "pod-annotation-invalid")[0]?.message).toContain("network-status");
    expect(iface(t, `pod/${NS}/p/if/net1`)).toMatchObject({ requested: true, attached: false });
  });

  it("reports a pod requesting a NAD that does not exist", () => {
    const t = build([pod("p", { node: "n1", networks: "other-ns/missing@data0" })]);
    const fs = findings(t, "network-not-found");
    expect(fs).toHaveLength(1);
    expect(fs[0]).toMatchObject({ severity: "error", elements: [`pod/${NS}/p/if/data0`, `pod/${NS}/p`] });
    expect(fs[0]?.message).toContain("other-ns/missing");
    expect(iface(t, `pod/${NS}/p/if/data0`).network).toBe("other-ns/missing");
    // not-found already says it all
    expect(findings(t, "network-not-attached")).toEqual([]);
  });

  it("reports two pods with the same address on one network", () => {
    const t = build([
      nad("x", BRIDGE),
      pod("p1", { node: "n1", networks: "x", status: [{ name: `${NS}/x`, interface: "net1", ips: ["10.1.0.5"] }] }),
      pod("p2", { node: "n2", networks: "x", status: [{ name: `${NS}/x`, interface: "net1", ips: ["10.1.0.5/24"] }] }),
    ]);
    const fs = findings(t, "duplicate-ip");
    expect(fs).toHaveLength(1);
    expect(fs[0]).toMatchObject({ severity: "error", elements: [`pod/${NS}/p1/if/net1`, `pod/${NS}/p2/if/net1`] });
    expect(fs[0]?.message).toContain("10.1.0.5 on demo/x");
  });

  it("reports one address on five pods once, naming all five (not four findings)", () => {
    const pods = [1, 2, 3, 4, 5].map((i) =>
      pod(`p${i}`, { node: "n1", networks: "x", status: [{ name: `${NS}/x`, interface: "net1", ips: ["10.1.0.5"] }] }),
    );
    const fs = findings(build([nad("x", BRIDGE), ...pods]), "duplicate-ip");
    expect(fs).toHaveLength(1);
    expect(fs[0]?.elements).toEqual([1, 2, 3, 4, 5].map((i) => `pod/${NS}/p${i}/if/net1`));
    expect(fs[0]?.message).toBe(
      `10.1.0.5 on ${NS}/x is used by 5 interfaces: pod/${NS}/p1 net1, pod/${NS}/p2 net1, pod/${NS}/p3 net1 and 2 more`,
    );
  });

  it("reports a duplicate IPv6 address written differently, but not the same address on different networks", () => {
    const t = build([
      nad("x", BRIDGE),
      nad("y", { ...BRIDGE, bridge: "br2" }),
      pod("p1", {
        node: "n1",
        networks: "x,y",
        status: [
          { name: `${NS}/x`, interface: "net1", ips: ["10.1.0.5", "fd00::5"] },
          { name: `${NS}/y`, interface: "net2", ips: ["10.9.0.1"] },
        ],
      }),
      pod("p2", {
        node: "n1",
        networks: "x,y",
        status: [
          { name: `${NS}/x`, interface: "net1", ips: ["10.1.0.6", "fd00:0:0::5/64"] },
          { name: `${NS}/y`, interface: "net2", ips: ["10.1.0.5"] },
        ],
      }),
    ]);
    const fs = findings(t, "duplicate-ip");
    expect(fs).toHaveLength(1);
    expect(fs[0]?.message).toContain("fd00");
  });

  it.each([
    ["the holder's name sorts first", "a-holder", "z-waiting"],
    ["the waiting pod's name sorts first", "z-holder", "a-waiting"],
  ])("reports a pending pod whose host device another pod holds (%s)", (_, holder, waiting) => {
    const t = build([
      nad("hd", HOSTDEV),
      node("n1"),
      nns("n1", [eth("ens3")]),
      pod(holder, {
        node: "n1",
        networks: "hd",
        status: [defaultStatus("10.128.0.5"), { name: `${NS}/hd`, interface: "net1", ips: ["192.168.12.20"] }],
      }),
      pod(waiting, { node: "n1", phase: "Pending", networks: "hd" }),
    ]);
    const point = el(t, "host/n1/host-device/ens8", "host-device") as HostDeviceElement;
    expect(point.movedTo).toBe(`pod/${NS}/${holder}/if/net1`);
    expect(point.presentOnHost).toBe(false);
    const fs = findings(t, "host-device-conflict");
    expect(fs).toHaveLength(1);
    expect(fs[0]?.severity).toBe("error");
    expect(fs[0]?.elements).toEqual(
      expect.arrayContaining([`pod/${NS}/${waiting}/if/net1`, point.id, `pod/${NS}/${waiting}`]),
    );
    expect(fs[0]?.message).toContain(`${NS}/${holder}`);
    // the waiting pod is not reported as missing the device: it is held, not absent
    expect(findings(t, "device-missing-on-host")).toEqual([]);
  });

  it("reports two running pods claiming one host device", () => {
    const t = build([
      nad("hd", HOSTDEV),
      pod("p1", {
        node: "n1",
        networks: "hd",
        status: [{ name: `${NS}/hd`, interface: "net1", ips: ["192.168.12.20"] }],
      }),
      pod("p2", {
        node: "n1",
        networks: "hd",
        status: [{ name: `${NS}/hd`, interface: "net1", ips: ["192.168.12.21"] }],
      }),
    ]);
    expect(findings(t, "host-device-conflict")).toHaveLength(1);
  });

  it("does not report a host device as held by a pod on another node", () => {
    const t = build([
      nad("hd", HOSTDEV),
      pod("p1", {
        node: "n1",
        networks: "hd",
        status: [{ name: `${NS}/hd`, interface: "net1", ips: ["192.168.12.20"] }],
      }),
      pod("p2", { node: "n2", phase: "Pending", networks: "hd" }),
    ]);
    expect(findings(t, "host-device-conflict")).toEqual([]);
    expect((el(t, "host/n2/host-device/ens8", "host-device") as HostDeviceElement).movedTo).toBeNull();
  });

  it("reports a NodeNetworkState without currentState and infers that host's links", () => {
    const t = build([node("n1"), { ...nns("n1", []), status: { lastSuccessfulUpdateTime: "2026-01-01T00:00:00Z" } }]);
    const h = el(t, "host/n1", "host") as HostElement;
    expect(h).toMatchObject({ linksObserved: false, interfaces: [], provenance: "observed" });
    const fs = findings(t, "nns-invalid");
    expect(fs).toHaveLength(1);
    expect(fs[0]).toMatchObject({ severity: "warning", elements: ["host/n1"] });
    expect(fs[0]?.message).toContain("currentState");
  });

  it("reports an IPPool allocation whose pod does not exist", () => {
    const pool = {
      apiVersion: "whereabouts.cni.cncf.io/v1alpha1",
      kind: "IPPool",
      metadata: { name: "10.1.0.0-24", namespace: "kube-system" },
      spec: {
        range: "10.1.0.0/24",
        allocations: {
          "5": { id: "c1", podref: `${NS}/p1`, ifname: "net1" },
          "6": { id: "c2", podref: `${NS}/gone`, ifname: "net1" },
        },
      },
    };
    const objects = [
      nad("x", BRIDGE),
      pod("p1", { node: "n1", networks: "x", status: [{ name: `${NS}/x`, interface: "net1", ips: ["10.1.0.5"] }] }),
      pool,
    ];
    const t = build(objects);
    const fs = findings(t, "ippool-stale-allocation");
    expect(fs).toHaveLength(1);
    expect(fs[0]).toMatchObject({ severity: "warning", elements: [`network/${NS}/x`] });
    expect(fs[0]?.message).toContain(`10.1.0.6 for ${NS}/gone`);
    expect(fs[0]?.message).not.toContain(`${NS}/p1`);
    // Issue 10: the stale reservation is counted apart from those in use.
    expect(net(t, `network/${NS}/x`).ipam?.pool).toEqual({ name: "10.1.0.0-24", allocated: 2, size: 254, stale: 1 });
    // when the source could not read all pods, absence proves nothing
    const partial = build(objects, { incomplete: ["pods"] });
    expect(findings(partial, "ippool-stale-allocation")).toEqual([]);
    expect(net(partial, `network/${NS}/x`).ipam?.pool?.stale).toBeUndefined();
  });

  it("reports an IPPool that does not parse", () => {
    const t = build([
      {
        apiVersion: "whereabouts.cni.cncf.io/v1alpha1",
        kind: "IPPool",
        metadata: { name: "p", namespace: "kube-system" },
        spec: { range: "nope" },
      },
    ]);
    expect(findings(t, "ippool-invalid")).toHaveLength(1);
  });

  it("gives a pod on a node without a Node object an inferred host", () => {
    const t = build([
      nad("x", BRIDGE),
      pod("p", { node: "ghost", networks: "x", status: [{ name: `${NS}/x`, interface: "net1", ips: ["10.1.0.5"] }] }),
    ]);
    expect(el(t, "host/ghost", "host")).toMatchObject({ provenance: "inferred", linksObserved: false, parent: null });
    expect(el(t, `pod/${NS}/p`, "pod").parent).toBe("host/ghost");
    expect(el(t, "host/ghost/bridge/br1", "bridge")).toMatchObject({ provenance: "inferred", parent: "host/ghost" });
  });

  it("keeps an unscheduled pod without a host, its missing attachment only informational", () => {
    const t = build([nad("x", BRIDGE), pod("p", { phase: "Pending", networks: "x" })]);
    expect(el(t, `pod/${NS}/p`, "pod")).toMatchObject({ parent: null, node: null });
    expect(findings(t, "network-not-attached")).toMatchObject([{ severity: "info" }]);
    expect(t.elements.filter((e) => e.kind === "host")).toEqual([]);
  });

  it("reports an object without metadata.name inside a List and still reads the others", () => {
    const t = buildTopology(
      snapshotFromObjects(
        [
          {
            apiVersion: "v1",
            kind: "List",
            items: [
              nad("x", BRIDGE),
              { apiVersion: "v1", kind: "Pod", metadata: { namespace: NS } },
              pod("p", { node: "n1", networks: "x" }),
            ],
          },
        ],
        "dump.json",
      ),
    );
    expect(findings(t, "object-invalid")).toEqual([
      {
        severity: "warning",
        code: "object-invalid",
        message: "dump.json item 1: Pod without metadata.name; skipped",
        elements: [],
      },
    ]);
    expect(net(t, `network/${NS}/x`).name).toBe("x");
    expect(el(t, `pod/${NS}/p`, "pod").requested).toHaveLength(1);
  });

  it("survives objects with missing or wrongly typed spec, status and annotations", () => {
    const t = build([
      {
        apiVersion: "v1",
        kind: "Pod",
        metadata: { name: "a", namespace: NS, annotations: "junk" },
        spec: "x",
        status: 5,
      },
      { apiVersion: "v1", kind: "Pod", metadata: { name: "b" } },
      { apiVersion: "v1", kind: "Node", metadata: { name: "n" }, status: { addresses: "x" } },
      {
        apiVersion: "k8s.cni.cncf.io/v1",
        kind: "NetworkAttachmentDefinition",
        metadata: { name: "z", namespace: NS },
        spec: { config: 42 },
      },
      {
        apiVersion: "operator.openshift.io/v1",
        kind: "Network",
        metadata: { name: "cluster" },
        spec: { additionalNetworks: "x" },
      },
    ]);
    expect(el(t, "pod/default/b", "pod").namespace).toBe("default");
    expect(findings(t, "nad-invalid-config")).toHaveLength(1);
  });
});

// ---- requests versus attachments ------------------------------------------------------------------------------

describe("buildTopology: requested versus attached", () => {
  it("gives the same NAD requested twice two interfaces net1 and net2, both attached", () => {
    const t = build([
      nad("x", BRIDGE),
      node("n1"),
      pod("p", {
        node: "n1",
        networks: "x,x",
        status: [
          defaultStatus("10.128.0.9"),
          { name: `${NS}/x`, interface: "net1", ips: ["10.1.0.5"] },
          { name: `${NS}/x`, interface: "net2", ips: ["10.1.0.6"] },
        ],
      }),
    ]);
    const ifs = interfacesOf(t, `pod/${NS}/p`).filter((i) => !i.isDefault);
    expect(ifs.map((i) => [i.interface, i.ips, i.attached, i.requested])).toEqual([
      ["net1", ["10.1.0.5"], true, true],
      ["net2", ["10.1.0.6"], true, true],
    ]);
    expect(el(t, `pod/${NS}/p`, "pod").requested.map((r) => r.interface)).toEqual(["net1", "net2"]);
    expect(t.links.filter((l) => l.kind === "attachment").map((l) => l.target)).toEqual([
      "host/n1/bridge/br1",
      "host/n1/bridge/br1",
    ]);
    expect(t.findings.map((f) => f.code)).toEqual(["node-links-inferred"]);
  });

  it("pairs the second request of a NAD as net2 when only the first attached", () => {
    const t = build([
      nad("x", BRIDGE),
      pod("p", { node: "n1", networks: "x,x", status: [{ name: `${NS}/x`, interface: "net1", ips: ["10.1.0.5"] }] }),
    ]);
    expect(iface(t, `pod/${NS}/p/if/net1`).attached).toBe(true);
    expect(iface(t, `pod/${NS}/p/if/net2`).attached).toBe(false);
    expect(findings(t, "network-not-attached")).toMatchObject([
      { severity: "warning", elements: [`pod/${NS}/p/if/net2`, `pod/${NS}/p`] },
    ]);
  });

  it("reads the comma form with a namespace and @ifname", () => {
    const other = { ...nad("x", BRIDGE), metadata: { name: "x", namespace: "infra" } };
    const t = build([
      other,
      pod("p", {
        node: "n1",
        networks: "infra/x@data0",
        status: [{ name: "infra/x", interface: "data0", ips: ["10.1.0.5"] }],
      }),
    ]);
    expect(iface(t, `pod/${NS}/p/if/data0`)).toMatchObject({ network: "infra/x", attached: true, requested: true });
    expect(t.links).toContainEqual(expect.objectContaining({ kind: "network", target: "network/infra/x" }));
    expect(t.findings.map((f) => f.code)).toEqual(["node-links-inferred"]);
  });

  it("takes the requested IPs and MAC from the JSON form until the pod is attached", () => {
    const t = build([
      nad("x", BRIDGE),
      pod("p", {
        node: "n1",
        phase: "Pending",
        networks: JSON.stringify([{ name: "x", interface: "net5", ips: ["10.1.0.50/24"], mac: "02:00:00:00:00:01" }]),
      }),
    ]);
    expect(iface(t, `pod/${NS}/p/if/net5`)).toMatchObject({
      ips: ["10.1.0.50/24"],
      mac: "02:00:00:00:00:01",
      attached: false,
      provenance: "inferred",
    });
    expect(el(t, `pod/${NS}/p`, "pod").requested).toEqual([
      { network: `${NS}/x`, interface: "net5", ips: ["10.1.0.50/24"], mac: "02:00:00:00:00:01" },
    ]);
  });

  it("shows an attachment the annotation does not request", () => {
    const t = build([
      nad("x", BRIDGE),
      pod("p", {
        node: "n1",
        status: [defaultStatus("10.128.0.9"), { name: `${NS}/x`, interface: "net1", ips: ["10.1.0.5"] }],
      }),
    ]);
    expect(iface(t, `pod/${NS}/p/if/net1`)).toMatchObject({ requested: false, attached: true });
    expect(findings(t, "attached-not-requested")).toMatchObject([
      { severity: "info", elements: [`pod/${NS}/p/if/net1`] },
    ]);
  });

  it("reads the deprecated networks-status only when network-status is absent", () => {
    const old = [{ name: `${NS}/x`, interface: "net1", ips: ["10.1.0.77"] }];
    const fresh = [{ name: `${NS}/x`, interface: "net1", ips: ["10.1.0.5"] }];
    const t = build([
      nad("x", BRIDGE),
      pod("only-old", { node: "n1", networks: "x", deprecatedStatus: old }),
      pod("both", { node: "n1", networks: "x", status: fresh, deprecatedStatus: [{ ...old[0], ips: ["10.1.0.99"] }] }),
    ]);
    expect(iface(t, `pod/${NS}/only-old/if/net1`)).toMatchObject({ attached: true, ips: ["10.1.0.77"] });
    expect(iface(t, `pod/${NS}/both/if/net1`)).toMatchObject({ attached: true, ips: ["10.1.0.5"] });
  });

  it("keeps IPv4 and IPv6 of a dual-stack attachment, the gateway from gateway or default-route, and PCI device-info", () => {
    const t = build([
      nad("dual", {
        type: "macvlan",
        master: "ens9",
        ipam: { type: "host-local", ranges: [[{ subnet: "10.2.0.0/24" }], [{ subnet: "fd00:2::/64" }]] },
      }),
      nad("legacy", { type: "ipvlan", master: "ens9", ipam: { type: "static" } }),
      nad(
        "vf",
        { type: "sriov", ipam: {} },
        { annotations: { "k8s.v1.cni.cncf.io/resourceName": "intel.com/intel_sriov_netdevice" } },
      ),
      pod("p", {
        node: "n1",
        networks: "dual,legacy,vf",
        status: [
          { name: `${NS}/dual`, interface: "net1", ips: ["10.2.0.5", "fd00:2::5"], gateway: ["10.2.0.1"] },
          { name: `${NS}/legacy`, interface: "net2", ips: ["10.3.0.5/24"], "default-route": ["10.3.0.1"] },
          {
            name: `${NS}/vf`,
            interface: "net3",
            ips: ["10.56.217.9"],
            "device-info": {
              type: "pci",
              version: "1.1.0",
              pci: { "pci-address": "0000:18:02.5", "pf-pci-address": "0000:18:00.0" },
            },
          },
        ],
      }),
    ]);
    expect(iface(t, `pod/${NS}/p/if/net1`)).toMatchObject({ ips: ["10.2.0.5", "fd00:2::5"], gateway: ["10.2.0.1"] });
    expect(iface(t, `pod/${NS}/p/if/net2`)).toMatchObject({ ips: ["10.3.0.5/24"], gateway: ["10.3.0.1"] });
    expect(iface(t, `pod/${NS}/p/if/net3`).deviceInfo).toEqual({
      type: "pci",
      pciAddress: "0000:18:02.5",
      pfPciAddress: "0000:18:00.0",
    });
    expect(net(t, `network/${NS}/dual`).ipam?.ranges.map((r) => r.subnet)).toEqual(["10.2.0.0/24", "fd00:2::/64"]);
    expect(net(t, `network/${NS}/vf`).resourceName).toBe("intel.com/intel_sriov_netdevice");
    // the VF hangs off its PF, named by PCI address
    expect(t.links).toContainEqual(
      expect.objectContaining({
        kind: "attachment",
        source: `pod/${NS}/p/if/net3`,
        target: "host/n1/sriov-pf/0000:18:00.0",
      }),
    );
    expect(t.links).toContainEqual(
      expect.objectContaining({
        kind: "attachment",
        source: `pod/${NS}/p/if/net2`,
        target: "host/n1/ipvlan-parent/ens9",
      }),
    );
  });
});

// ---- host side -----------------------------------------------------------------------------------------------

describe("buildTopology: host-side points", () => {
  it("puts bridges with a NIC uplink on one segment across hosts", () => {
    const withUplink = (name: string) =>
      nns(name, [
        eth("ens4"),
        { name: "br1", type: "linux-bridge", state: "up", bridge: { port: [{ name: "ens4" }] } },
      ]);
    const t = build([nad("x", BRIDGE), node("n1"), node("n2"), withUplink("n1"), withUplink("n2")]);
    const a = el(t, "host/n1/bridge/br1", "bridge") as BridgeElement;
    const b = el(t, "host/n2/bridge/br1", "bridge") as BridgeElement;
    expect(a.uplinks).toEqual(["ens4"]);
    expect(a.segment).toBe(b.segment);
    expect(a.segment).not.toBe(a.id);
  });

  it("draws every linux bridge a host reports, used or not, and infers bridges on hosts without a report", () => {
    const t = build([
      nad("x", BRIDGE),
      node("n1"),
      node("n2"),
      nns("n1", [{ name: "spare", type: "linux-bridge", bridge: { port: [{ name: "veth0" }] } }]),
      pod("p", { node: "n2", networks: "x", status: [{ name: `${NS}/x`, interface: "net1", ips: ["10.1.0.5"] }] }),
    ]);
    expect(el(t, "host/n1/bridge/spare", "bridge")).toMatchObject({
      provenance: "observed",
      ports: ["veth0"],
      uplinks: [],
    });
    expect(el(t, "host/n2/bridge/br1", "bridge").provenance).toBe("inferred");
    expect((el(t, "host/n2", "host") as HostElement).linksObserved).toBe(false);
  });

  it("reports a macvlan master the host does not have", () => {
    const t = build([
      nad("mv", { type: "macvlan", master: "ens99" }),
      node("n1"),
      nns("n1", [eth("ens3")]),
      pod("p", { node: "n1", phase: "Pending", networks: "mv" }),
    ]);
    const fs = findings(t, "device-missing-on-host");
    expect(fs).toHaveLength(1);
    expect(fs[0]).toMatchObject({
      severity: "error",
      elements: ["host/n1/macvlan-parent/ens99", `pod/${NS}/p/if/net1`],
    });
  });

  it("collects the VLAN ids used on a vlan parent", () => {
    const t = build([
      nad("v10", { type: "vlan", master: "ens9", vlanId: 10 }),
      nad("v20", { type: "vlan", master: "ens9", vlanId: 20 }),
      pod("p", {
        node: "n1",
        networks: "v10,v20",
        status: [
          { name: `${NS}/v10`, interface: "net1", ips: ["10.10.0.2"] },
          { name: `${NS}/v20`, interface: "net2", ips: ["10.20.0.2"] },
        ],
      }),
    ]);
    expect((el(t, "host/n1/vlan-parent/ens9", "vlan-parent") as ParentElement).vlans).toEqual([10, 20]);
  });

  it("leaves presentOnHost unknown without a NodeNetworkState", () => {
    const t = build([
      nad("hd", HOSTDEV),
      pod("p", { node: "n1", networks: "hd", status: [{ name: `${NS}/hd`, interface: "net1", ips: ["10.0.0.5"] }] }),
    ]);
    expect((el(t, "host/n1/host-device/ens8", "host-device") as HostDeviceElement).presentOnHost).toBeNull();
  });

  it("reports a host-device the host no longer has and no pod holds", () => {
    const t = build([
      nad("hd", HOSTDEV),
      node("n1"),
      nns("n1", [eth("ens3")]),
      pod("p", { node: "n1", phase: "Pending", networks: "hd" }),
    ]);
    expect(findings(t, "device-missing-on-host")).toMatchObject([{ severity: "error" }]);
    expect(findings(t, "host-device-conflict")).toEqual([]);
  });
});

describe("buildTopology: operator networks", () => {
  const operator = (additionalNetworks: unknown[]) => ({
    apiVersion: "operator.openshift.io/v1",
    kind: "Network",
    metadata: { name: "cluster" },
    spec: { additionalNetworks },
  });

  it("marks a NAD listed in additionalNetworks as operator-managed even without an ownerReference", () => {
    const t = build([
      nad("x", BRIDGE),
      operator([{ name: "x", namespace: NS, type: "Raw", rawCNIConfig: JSON.stringify(BRIDGE) }]),
    ]);
    expect(net(t, `network/${NS}/x`).managedBy).toBe("cluster-network-operator");
    expect(t.findings).toEqual([]);
  });

  it("reports an entry the operator has not rendered yet, and one whose config is invalid", () => {
    const t = build([
      nad("bad", "{"),
      operator([
        { name: "pending", namespace: NS, type: "Raw", rawCNIConfig: JSON.stringify(BRIDGE) },
        { name: "bad", namespace: NS, type: "Raw", rawCNIConfig: "{" },
      ]),
    ]);
    expect(findings(t, "operator-network-pending")).toHaveLength(1);
    expect(findings(t, "operator-network-pending")[0]?.message).toContain(`${NS}/pending`);
    expect(findings(t, "operator-network-invalid")).toMatchObject([
      { severity: "error", elements: [`network/${NS}/bad`] },
    ]);
  });
});
