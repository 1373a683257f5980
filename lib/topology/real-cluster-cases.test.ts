import { describe, expect, it } from "vitest";
import { nad as nadObject, nns, node, pod as podObject } from "@/testing/fixtures/objects";
import type { Topology } from "../contract/schema";
import { type ClusterSnapshot, snapshotFromObjects } from "../k8s/snapshot";
import { buildTopology } from "./build";

/** The cases issue 10 found on a real-looking cluster, each reduced to the objects that show it. */

const build = (objects: unknown[], extra: Partial<ClusterSnapshot> = {}): Topology =>
  buildTopology({ ...snapshotFromObjects(objects), ...extra });
const codes = (t: Topology): string[] => t.findings.map((f) => `${f.severity} ${f.code}`).sort();

const nad = (name: string, config: object, namespace = "multus-test") => nadObject(name, config, { namespace });
/** A running pod with these annotations, as Multus left them. */
const pod = (name: string, annotations: Record<string, string>, nodeName = "worker-0") =>
  podObject(name, { namespace: "multus-test", annotations, node: nodeName });
const MACVLAN = { cniVersion: "0.3.1", name: "macvlan-bridge", type: "macvlan", master: "ens8", ipam: {} };
const status = (entries: object[]) => JSON.stringify(entries);
const ovn = { name: "ovn-kubernetes", interface: "eth0", ips: ["10.128.2.14"], default: true };

describe("issue 10: a bare network-status name is the pod's namespace", () => {
  it("pairs the Multus 3.x entry with the request: one attached net1, wired to its macvlan parent, no false findings", () => {
    const t = build([
      nad("macvlan-bridge", MACVLAN),
      pod("pod-a", {
        "k8s.v1.cni.cncf.io/networks": "macvlan-bridge",
        "k8s.v1.cni.cncf.io/network-status": status([
          ovn,
          { name: "macvlan-bridge", interface: "net1", ips: ["192.168.12.14"], mac: "22:2f:60:a5:f8:00" },
        ]),
      }),
    ]);
    const ifaces = t.elements.filter((e) => e.kind === "interface" && !e.isDefault);
    expect(ifaces).toHaveLength(1);
    expect(ifaces[0]).toMatchObject({ network: "multus-test/macvlan-bridge", attached: true, requested: true });
    expect(t.links).toContainEqual(
      expect.objectContaining({ kind: "attachment", target: "host/worker-0/macvlan-parent/ens8" }),
    );
    expect(codes(t)).not.toContain("warning network-not-attached");
    expect(codes(t)).not.toContain("info attached-not-requested");
  });
});

describe("issue 10: a node without NodeNetworkState says why its links are inferred", () => {
  const objects = [node("worker-0"), node("worker-1"), nns("worker-1", [{ name: "ens3", type: "ethernet" }])];
  const messageFor = (t: Topology, host: string) =>
    t.findings.find((f) => f.code === "node-links-inferred" && f.elements.includes(`host/${host}`))?.message;

  it("one info finding on the node that has no state yet, none on the node that has one", () => {
    const t = build(objects);
    expect(t.findings.filter((f) => f.code === "node-links-inferred")).toHaveLength(1);
    expect(messageFor(t, "worker-0")).toMatch(/this node has no NodeNetworkState yet/);
    expect(messageFor(t, "worker-1")).toBeUndefined();
  });

  it("says nmstate is not installed when the cluster has no NodeNetworkState API", () => {
    const t = build([node("worker-0")], { absent: ["nodenetworkstates"] });
    expect(messageFor(t, "worker-0")).toMatch(
      /kubernetes-nmstate is not installed \(the cluster has no NodeNetworkState API\)/,
    );
  });

  it("says the states could not be read when the source could not list them", () => {
    const t = build([node("worker-0")], { incomplete: ["nodenetworkstates"] });
    expect(messageFor(t, "worker-0")).toMatch(/could not all be read/);
  });

  it("says a dump holds none at all when the input has no NodeNetworkState", () => {
    expect(messageFor(build([node("worker-0")]), "worker-0")).toMatch(/no NodeNetworkState at all/);
  });
});

describe("issue 10: a bridge NodeNetworkState reports but no network uses is no island", () => {
  it("cni0 without ports and without a network: island false; the used bridge without uplink: island true", () => {
    const t = build([
      node("worker-0"),
      nns("worker-0", [
        { name: "cni0", type: "linux-bridge", bridge: { port: [] } },
        { name: "mybr0", type: "linux-bridge", bridge: { port: [] } },
      ]),
      nad("bridge-main", { cniVersion: "0.3.1", name: "bridge-main", type: "bridge", bridge: "mybr0", ipam: {} }),
    ]);
    const bridge = (d: string) => t.elements.find((e) => e.id === `host/worker-0/bridge/${d}`);
    expect(bridge("cni0")).toMatchObject({ island: false });
    expect(bridge("mybr0")).toMatchObject({ island: true });
  });
});

describe("issue 10: whereabouts stale reservations are told apart from those in use", () => {
  it("counts the reservation of a pod that no longer exists as stale", () => {
    const t = build([
      nad("wa", {
        cniVersion: "0.3.1",
        name: "wa",
        type: "macvlan",
        master: "ens8",
        ipam: { type: "whereabouts", range: "192.168.12.0/24" },
      }),
      pod("pod-a", { "k8s.v1.cni.cncf.io/networks": "wa" }),
      {
        apiVersion: "whereabouts.cni.cncf.io/v1alpha1",
        kind: "IPPool",
        metadata: { name: "192.168.12.0-24", namespace: "kube-system" },
        spec: {
          range: "192.168.12.0/24",
          allocations: {
            "14": { id: "a", podref: "multus-test/pod-a" },
            "15": { id: "b", podref: "multus-test/gone" },
          },
        },
      },
    ]);
    const net = t.elements.find((e) => e.id === "network/multus-test/wa");
    expect(net?.kind === "network" && net.ipam?.pool).toEqual({
      name: "192.168.12.0-24",
      allocated: 2,
      size: 254,
      stale: 1,
    });
  });
});

describe("issue 10: the deprecated networks-status annotation gets an info finding", () => {
  it("says so when only the plural annotation is there, and not when network-status is", () => {
    const plural = { name: "multus-test/macvlan-bridge", interface: "net1", ips: ["192.168.12.14"] };
    const old = build([
      nad("macvlan-bridge", MACVLAN),
      pod("pod-a", {
        "k8s.v1.cni.cncf.io/networks": "macvlan-bridge",
        "k8s.v1.cni.cncf.io/networks-status": status([ovn, plural]),
      }),
    ]);
    expect(old.findings.filter((f) => f.code === "deprecated-annotation")).toEqual([
      expect.objectContaining({ severity: "info", elements: ["pod/multus-test/pod-a"] }),
    ]);
    const both = build([
      nad("macvlan-bridge", MACVLAN),
      pod("pod-a", {
        "k8s.v1.cni.cncf.io/networks": "macvlan-bridge",
        "k8s.v1.cni.cncf.io/networks-status": status([ovn, plural]),
        "k8s.v1.cni.cncf.io/network-status": status([ovn, plural]),
      }),
    ]);
    expect(both.findings.filter((f) => f.code === "deprecated-annotation")).toEqual([]);
  });
});

describe("issue 10: impossible IPAM in a raw config is a finding on its network, whoever wrote it", () => {
  it("a range that is no CIDR and a start after its end are errors; a gateway off the subnet a warning", () => {
    const t = build([
      nad("bad-range", {
        cniVersion: "0.3.1",
        name: "bad-range",
        type: "bridge",
        bridge: "br1",
        ipam: { type: "whereabouts", range: "999.1.1.0/24" },
      }),
      nad("reversed", {
        cniVersion: "0.3.1",
        name: "reversed",
        type: "bridge",
        bridge: "br1",
        ipam: {
          type: "whereabouts",
          range: "192.168.12.0/24",
          range_start: "192.168.12.200",
          range_end: "192.168.12.10",
        },
      }),
      nad("gw", {
        cniVersion: "0.3.1",
        name: "gw",
        type: "bridge",
        bridge: "br1",
        ipam: { type: "host-local", ranges: [[{ subnet: "10.1.0.0/24", gateway: "10.2.0.1" }]] },
      }),
    ]);
    const on = (id: string) => t.findings.filter((f) => f.elements.includes(`network/multus-test/${id}`));
    expect(on("bad-range").map((f) => [f.severity, f.code])).toEqual([["error", "nad-invalid-config"]]);
    expect(on("bad-range")[0]?.message).toContain("999.1.1.0/24 is not a CIDR");
    expect(on("reversed").map((f) => f.message)).toEqual([
      "NAD multus-test/reversed: ipam: end 192.168.12.10 comes before start 192.168.12.200. Pods that request it will not start.",
    ]);
    expect(on("gw").map((f) => [f.severity, f.message])).toEqual([
      ["warning", "NAD multus-test/gw: ipam: gateway 10.2.0.1 is outside 10.1.0.0/24"],
    ]);
  });

  it("an IPAM type no known plugin provides is a warning", () => {
    const t = build([
      nad("x", { cniVersion: "0.3.1", name: "x", type: "macvlan", master: "ens8", ipam: { type: "whereabout" } }),
    ]);
    expect(t.findings.map((f) => [f.severity, f.code])).toEqual([["warning", "nad-invalid-config"]]);
    expect(t.findings[0]?.message).toContain('IPAM type "whereabout"');
  });
});

describe("issue 10: a CNI name that is not the NAD's name is a warning", () => {
  it("names both names", () => {
    const t = build([nad("macvlan-bridge", { ...MACVLAN, name: "macvlan-br" })]);
    expect(t.findings).toEqual([
      expect.objectContaining({
        severity: "warning",
        code: "nad-name-mismatch",
        elements: ["network/multus-test/macvlan-bridge"],
      }),
    ]);
    expect(t.findings[0]?.message).toContain('"macvlan-br" but the NAD is macvlan-bridge');
  });
});
