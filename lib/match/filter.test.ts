import { beforeAll, describe, expect, it } from "vitest";
import { demoSnapshot, DEMO_NS as NS, W1, W2 } from "@/testing/fixtures/demo";
import { syntheticCluster } from "@/testing/fixtures/synthetic-cluster";
import { type InterfaceElement, type PodElement, type Topology, topologySchema } from "../contract/schema";
import { type ClusterSnapshot, snapshotFromObjects } from "../k8s/snapshot";
import { buildTopology } from "../topology/build";
import { type Criteria, filterTopology } from "./filter";

const pod = (name: string, ns = NS) => `pod/${ns}/${name}`;
const POD_A = pod("pod-a-5bb7694d4-j8g6b"); // bridge-main on worker1
const POD_A2 = pod("pod-a-66b77fb7f6-wbx5f"); // host-device-main on worker1
const POD_B = pod("pod-b-85ffcd4c7c-xpp2z"); // bridge-main on worker1
const POD_B2 = pod("pod-b-cc754dd7-pq9km"); // host-device-main on worker2
const POD_C = pod("pod-c-6d8f7b9c4-m2n5q"); // macvlan-main on worker1
const POD_D = pod("pod-d-7f9c8d6b5-x7k2p"); // macvlan-main on worker2
const POD_E = pod("pod-e-5c7d9f8b6-q4w8z"); // pending on worker2: macvlan-main and the missing sriov-net
// The Deployments whose templates now ask for host-device-main; their bridge-phase pods still wait for the rollout.
const DEPLOY_A = `workload/${NS}/Deployment/pod-a`;
const DEPLOY_B = `workload/${NS}/Deployment/pod-b`;

const ids = (t: Topology): string[] => t.elements.map((e) => e.id);
const idSet = (t: Topology): Set<string> => new Set(ids(t));

/** What every filtered topology must be, whatever the criteria. */
function expectWellFormed(full: Topology, cut: Topology): void {
  topologySchema.parse(cut);
  const kept = idSet(cut);
  const original = new Set(full.elements);
  for (const e of cut.elements) {
    expect(original.has(e), `${e.id} comes from the input`).toBe(true);
    if (e.parent !== null) expect(kept.has(e.parent), `parent of ${e.id}`).toBe(true);
  }
  for (const l of cut.links) {
    expect(kept.has(l.source), `source of ${l.id}`).toBe(true);
    expect(kept.has(l.target), `target of ${l.id}`).toBe(true);
  }
  // Nothing is lost that joins two kept elements.
  const keptLinks = new Set(cut.links.map((l) => l.id));
  for (const l of full.links) {
    if (kept.has(l.source) && kept.has(l.target)) expect(keptLinks.has(l.id), `link ${l.id}`).toBe(true);
  }
  // Input order is kept (parents before children).
  const order = new Map(full.elements.map((e, i) => [e.id, i]));
  const positions = cut.elements.map((e) => order.get(e.id) ?? -1);
  expect(positions).toEqual([...positions].sort((a, b) => a - b));
}

function extraObjects(): unknown[] {
  // A second namespace on the same hosts, with its own NAD and a pod on it.
  return [
    // A NAD nobody uses, with a config error: a finding about it concerns its own network only.
    {
      apiVersion: "k8s.cni.cncf.io/v1",
      kind: "NetworkAttachmentDefinition",
      metadata: { name: "broken", namespace: NS },
      spec: { config: "{not json" },
    },
    {
      apiVersion: "k8s.cni.cncf.io/v1",
      kind: "NetworkAttachmentDefinition",
      metadata: { name: "other-net", namespace: "other" },
      spec: {
        config: JSON.stringify({
          cniVersion: "0.3.1",
          name: "other-net",
          type: "macvlan",
          master: "ens9",
          ipam: { type: "static" },
        }),
      },
    },
    {
      apiVersion: "v1",
      kind: "Pod",
      metadata: {
        name: "other-pod",
        namespace: "other",
        annotations: {
          "k8s.v1.cni.cncf.io/networks": "other-net",
          "k8s.v1.cni.cncf.io/network-status": JSON.stringify([
            { name: "ovn-kubernetes", interface: "eth0", ips: ["10.128.2.99"], default: true },
            { name: "other/other-net", interface: "net1", ips: ["192.168.40.5"], mac: "02:00:00:00:40:05" },
          ]),
        },
      },
      spec: { nodeName: W1 },
      status: { phase: "Running", podIPs: [{ ip: "10.128.2.99" }] },
    },
  ];
}

let demo: Topology;
let mixed: Topology;

beforeAll(async () => {
  const snap = demoSnapshot();
  demo = buildTopology(snap);
  const extra = snapshotFromObjects(extraObjects(), "extra");
  const merged: ClusterSnapshot = {
    ...snap,
    pods: [...snap.pods, ...extra.pods],
    nads: [...snap.nads, ...extra.nads],
    notes: [
      ...snap.notes,
      { severity: "info", code: "feature-absent", message: "no IPPool CRD in this cluster", elements: [] },
    ],
  };
  mixed = buildTopology(merged);
});

describe("filterTopology on the demo cluster", () => {
  it("returns the very same topology when nothing is asked for", () => {
    expect(filterTopology(demo, {})).toBe(demo);
    expect(filterTopology(demo, { namespace: "", network: "", host: "", pod: "" })).toBe(demo);
  });

  it("network view of bridge-main: worker1, mybr0, pod-a and pod-b with their net1 only", () => {
    const cut = filterTopology(demo, { network: `${NS}/bridge-main` });
    expectWellFormed(demo, cut);
    expect(ids(cut).sort()).toEqual(
      [
        `host/${W1}`,
        `host/${W1}/bridge/mybr0`,
        POD_A,
        `${POD_A}/if/net1`,
        POD_B,
        `${POD_B}/if/net1`,
        `network/${NS}/bridge-main`,
        // their Deployments come along: the pods on bridge-main are the ones still waiting for the rollout
        DEPLOY_A,
        DEPLOY_B,
      ].sort(),
    );
    const kept = idSet(cut);
    expect(kept.has(`host/${W2}`)).toBe(false);
    expect(kept.has(`${POD_A}/if/eth0`)).toBe(false);
    expect(kept.has(`${POD_B}/if/eth0`)).toBe(false);
    // Other points on worker1 are not part of this network's picture.
    expect(kept.has(`host/${W1}/macvlan-parent/ens9`)).toBe(false);
    expect(kept.has(`host/${W1}/host-device/ens8`)).toBe(false);
    expect(cut.links.map((l) => l.id).sort()).toEqual(
      [
        `attachment:${POD_A}/if/net1->host/${W1}/bridge/mybr0`,
        `attachment:${POD_B}/if/net1->host/${W1}/bridge/mybr0`,
        `network:${POD_A}/if/net1->network/${NS}/bridge-main`,
        `network:${POD_B}/if/net1->network/${NS}/bridge-main`,
      ].sort(),
    );
  });

  it("network view of macvlan-main spans both hosts and keeps the pending pod's unattached interface", () => {
    const cut = filterTopology(demo, { network: `${NS}/macvlan-main` });
    expectWellFormed(demo, cut);
    const kept = idSet(cut);
    for (const id of [
      `host/${W1}`,
      `host/${W2}`,
      `host/${W1}/macvlan-parent/ens9`,
      `host/${W2}/macvlan-parent/ens9`,
      POD_C,
      POD_D,
      POD_E,
      `${POD_E}/if/net1`,
    ]) {
      expect(kept.has(id), id).toBe(true);
    }
    // pod-e's other interface is on another network.
    expect(kept.has(`${POD_E}/if/net2`)).toBe(false);
    expect(cut.elements.filter((e) => e.kind === "network").map((e) => e.id)).toEqual([`network/${NS}/macvlan-main`]);
    // The finding about pod-e's net1 stays; the one about net2 concerns pod-e too, which is kept.
    expect(cut.findings.map((f) => f.code).sort()).toEqual(["network-not-attached", "network-not-found"]);
  });

  it("a network nobody uses keeps only the network itself", () => {
    const cut = filterTopology(demo, { network: `${NS}/no-such-network` });
    expectWellFormed(demo, cut);
    expect(cut.elements).toEqual([]);
    expect(cut.links).toEqual([]);
  });

  it("host filter: all of the host's points, even ones no kept pod uses, and only its pods", () => {
    const cut = filterTopology(demo, { host: W1 });
    expectWellFormed(demo, cut);
    const kept = idSet(cut);
    const points = demo.elements.filter((e) => e.parent === `host/${W1}` && e.kind !== "pod").map((e) => e.id);
    expect(points.sort()).toEqual([
      `host/${W1}/bridge/mybr0`,
      `host/${W1}/host-device/ens8`,
      `host/${W1}/macvlan-parent/ens9`,
    ]);
    for (const p of points) expect(kept.has(p), p).toBe(true);
    expect(
      cut.elements
        .filter((e) => e.kind === "pod")
        .map((e) => e.id)
        .sort(),
    ).toEqual([POD_A, POD_A2, POD_B, POD_C].sort());
    // A host filter hides no interface of its pods, eth0 included.
    for (const p of [POD_A, POD_A2, POD_B, POD_C]) {
      expect(kept.has(`${p}/if/eth0`), `${p} eth0`).toBe(true);
      expect(kept.has(`${p}/if/net1`), `${p} net1`).toBe(true);
    }
    expect(cut.elements.some((e) => e.id.startsWith(`host/${W2}`) || ("node" in e && e.node === W2))).toBe(false);
    // The networks its pods use are there to colour them.
    for (const n of ["bridge-main", "host-device-main", "macvlan-main"])
      expect(kept.has(`network/${NS}/${n}`), n).toBe(true);
    // pod-e's findings are about worker2 only; the Deployments of the pods here wait for their rollout.
    expect(cut.findings.map((f) => [f.code, f.elements])).toEqual([
      ["workload-rollout-pending", [DEPLOY_A]],
      ["workload-rollout-pending", [DEPLOY_B]],
    ]);
  });

  it("host filter keeps a bridge that no pod is attached to", () => {
    // Every demo bridge has pods on it: add one to worker1 that nothing uses.
    const mybr0 = demo.elements.find((e) => e.id === `host/${W1}/bridge/mybr0`);
    if (!mybr0) throw new Error("the demo has no mybr0 on worker1");
    const idle = { ...mybr0 };
    const t: Topology = {
      ...demo,
      elements: [
        ...demo.elements,
        {
          ...idle,
          id: `host/${W1}/bridge/idle0`,
          name: "idle0",
          device: "idle0",
          segment: `host/${W1}/bridge/idle0`,
        } as typeof idle,
      ],
    };
    const cut = filterTopology(t, { host: W1 });
    expect(idSet(cut).has(`host/${W1}/bridge/idle0`)).toBe(true);
    expect(idSet(filterTopology(t, { host: W2 })).has(`host/${W1}/bridge/idle0`)).toBe(false);
    // With a network chosen too, only points a kept interface hangs off are in the picture.
    expect(idSet(filterTopology(t, { host: W1, network: `${NS}/bridge-main` })).has(`host/${W1}/bridge/idle0`)).toBe(
      false,
    );
  });

  it("host filter on worker2 keeps the findings about pod-e", () => {
    const cut = filterTopology(demo, { host: W2 });
    expectWellFormed(demo, cut);
    expect(
      cut.elements
        .filter((e) => e.kind === "pod")
        .map((e) => e.id)
        .sort(),
    ).toEqual([POD_B2, POD_D, POD_E].sort());
    expect(cut.findings.map((f) => f.code).sort()).toEqual([
      "network-not-attached",
      "network-not-found",
      "workload-rollout-pending",
    ]);
  });

  it("pod filter: the pod, its interfaces, their attachment points and its host", () => {
    const cut = filterTopology(demo, { pod: `${NS}/pod-b-cc754dd7-pq9km` });
    expectWellFormed(demo, cut);
    expect(
      cut.elements
        .filter((e) => e.kind !== "network")
        .map((e) => e.id)
        .sort(),
    ).toEqual(
      [`host/${W2}`, `host/${W2}/host-device/ens8`, POD_B2, `${POD_B2}/if/eth0`, `${POD_B2}/if/net1`, DEPLOY_B].sort(),
    );
    expect(idSet(cut).has(`network/${NS}/host-device-main`)).toBe(true);
    expect(
      cut.links.some(
        (l) =>
          l.kind === "attachment" && l.source === `${POD_B2}/if/net1` && l.target === `host/${W2}/host-device/ens8`,
      ),
    ).toBe(true);
  });

  it("pod filter on the pending pod keeps both requested interfaces and its findings", () => {
    const cut = filterTopology(demo, { pod: `${NS}/pod-e-5c7d9f8b6-q4w8z` });
    expectWellFormed(demo, cut);
    expect(
      cut.elements
        .filter((e) => e.kind !== "network")
        .map((e) => e.id)
        .sort(),
    ).toEqual([`host/${W2}`, POD_E, `${POD_E}/if/net1`, `${POD_E}/if/net2`].sort());
    expect(cut.findings).toHaveLength(2);
  });

  it("a pod filter for another pod drops pod-e's findings", () => {
    const cut = filterTopology(demo, { pod: `${NS}/pod-a-5bb7694d4-j8g6b` });
    expectWellFormed(demo, cut);
    expect(cut.findings.map((f) => f.code)).toEqual(["workload-rollout-pending"]);
  });

  it("criteria combine: a network and a host must both hold", () => {
    const both = filterTopology(demo, { network: `${NS}/macvlan-main`, host: W2 });
    expectWellFormed(demo, both);
    expect(
      both.elements
        .filter((e) => e.kind === "pod")
        .map((e) => e.id)
        .sort(),
    ).toEqual([POD_D, POD_E].sort());
    expect(idSet(both).has(`host/${W1}`)).toBe(false);
    expect(idSet(both).has(`host/${W2}/host-device/ens8`)).toBe(false);

    // bridge-main has no pod on worker2: nothing of the network's is left, only the chosen host's (empty) box.
    const none = filterTopology(demo, { network: `${NS}/bridge-main`, host: W2 });
    expectWellFormed(demo, none);
    expect(none.elements.map((e) => e.id)).toEqual([`host/${W2}`, `network/${NS}/bridge-main`]);
    expect(none.links).toEqual([]);
  });
});

describe("filterTopology with two namespaces and a cluster-wide finding", () => {
  it("namespace filter drops other namespaces' pods and networks", () => {
    const cut = filterTopology(mixed, { namespace: "other" });
    expectWellFormed(mixed, cut);
    const kept = idSet(cut);
    expect(cut.elements.filter((e) => e.kind === "pod").map((e) => e.id)).toEqual([pod("other-pod", "other")]);
    expect(cut.elements.filter((e) => e.kind === "network").map((e) => e.id)).toEqual(["network/other/other-net"]);
    expect(kept.has(`host/${W1}`)).toBe(true);
    expect(kept.has(`host/${W1}/macvlan-parent/ens9`)).toBe(true);
    expect(kept.has(`host/${W2}`)).toBe(false);
    expect(kept.has(`host/${W1}/bridge/mybr0`)).toBe(false);

    const multus = filterTopology(mixed, { namespace: NS });
    expectWellFormed(mixed, multus);
    expect(idSet(multus).has(pod("other-pod", "other"))).toBe(false);
    expect(idSet(multus).has("network/other/other-net")).toBe(false);
    expect(multus.elements.filter((e) => e.kind === "pod")).toHaveLength(7);
    // The namespace's networks are all there, used or not, with their findings.
    expect(idSet(multus).has(`network/${NS}/broken`)).toBe(true);
    expect(multus.findings.map((f) => f.code)).toContain("nad-invalid-config");
  });

  it("host and pod views keep only the networks their interfaces use, and no finding about other networks", () => {
    const nets = (t: Topology) =>
      t.elements
        .filter((e) => e.kind === "network")
        .map((e) => e.id)
        .sort();
    expect(mixed.findings.filter((f) => f.code === "nad-invalid-config").map((f) => f.elements)).toEqual([
      [`network/${NS}/broken`],
    ]);

    const w2 = filterTopology(mixed, { host: W2 });
    expectWellFormed(mixed, w2);
    expect(nets(w2)).toEqual([`network/${NS}/host-device-main`, `network/${NS}/macvlan-main`]);
    expect(w2.findings.map((f) => f.code).sort()).toEqual([
      "feature-absent",
      "network-not-attached",
      "network-not-found",
      "workload-rollout-pending",
    ]);

    const w1 = filterTopology(mixed, { host: W1 });
    expect(nets(w1)).toEqual([
      `network/${NS}/bridge-main`,
      `network/${NS}/host-device-main`,
      `network/${NS}/macvlan-main`,
      "network/other/other-net",
    ]);

    const podView = filterTopology(mixed, { pod: `${NS}/pod-a-5bb7694d4-j8g6b` });
    expectWellFormed(mixed, podView);
    expect(nets(podView)).toEqual([`network/${NS}/bridge-main`]);
    expect(podView.findings.map((f) => f.code)).toEqual(["feature-absent", "workload-rollout-pending"]);
    // the network link of the pod's net1 comes along
    expect(podView.links.map((l) => l.kind).sort()).toEqual(["attachment", "network"]);
  });

  it("findings with no elements always stay; findings about dropped elements go", () => {
    const general = mixed.findings.filter((f) => f.elements.length === 0);
    expect(general.map((f) => f.code)).toContain("feature-absent");
    for (const c of [
      { namespace: "other" },
      { host: W1 },
      { host: W2 },
      { network: `${NS}/bridge-main` },
      { pod: `${NS}/pod-a-5bb7694d4-j8g6b` },
    ] satisfies Criteria[]) {
      const cut = filterTopology(mixed, c);
      for (const f of general) expect(cut.findings, JSON.stringify(c)).toContain(f);
      const kept = idSet(cut);
      for (const f of cut.findings)
        expect(f.elements.length === 0 || f.elements.some((id) => kept.has(id)), f.message).toBe(true);
      for (const f of mixed.findings) {
        if (f.elements.some((id) => kept.has(id))) expect(cut.findings, f.message).toContain(f);
      }
    }
    expect(filterTopology(mixed, { namespace: "other" }).findings.map((f) => f.code)).toEqual(["feature-absent"]);
  });
});

describe("filterTopology on a synthetic 2,000-pod cluster", () => {
  let big: Topology;
  beforeAll(() => {
    big = buildTopology(
      snapshotFromObjects(syntheticCluster({ nodes: 40, pods: 2000, nads: 24, seed: 7 }), "synthetic"),
    );
  });

  it("a network filter keeps exactly the pods on it, their interfaces on it, their points and hosts", () => {
    const pods = big.elements.filter((e): e is PodElement => e.kind === "pod");
    const ifaces = big.elements.filter((e): e is InterfaceElement => e.kind === "interface");
    expect(pods).toHaveLength(2000);
    // The busiest secondary network, so the check covers many hosts.
    const counts = new Map<string, number>();
    for (const i of ifaces) if (!i.isDefault) counts.set(i.network, (counts.get(i.network) ?? 0) + 1);
    const [network] = [...counts].sort((a, b) => b[1] - a[1])[0] ?? [""];
    expect(network).not.toBe("");

    const cut = filterTopology(big, { network });
    expectWellFormed(big, cut);

    const onNet = ifaces.filter((i) => i.network === network);
    const podIds = new Set(onNet.map((i) => i.parent));
    const hostIds = new Set(pods.filter((p) => podIds.has(p.id)).map((p) => p.parent));
    const pointIds = new Set(
      big.links.filter((l) => l.kind === "attachment" && onNet.some((i) => i.id === l.source)).map((l) => l.target),
    );
    const expected = new Set([...onNet.map((i) => i.id), ...podIds, ...hostIds, ...pointIds, `network/${network}`]);
    expect(new Set(ids(cut))).toEqual(expected);
    expect(podIds.size).toBeGreaterThan(40);
    expect(hostIds.size).toBeGreaterThan(10);
    expect(cut.elements.filter((e) => e.kind === "host")).toHaveLength(hostIds.size);
  });

  it("a host filter keeps exactly that host's pods and points", () => {
    const host = "node-007";
    const cut = filterTopology(big, { host });
    expectWellFormed(big, cut);
    const keptPods = cut.elements.filter((e) => e.kind === "pod");
    expect(keptPods).toHaveLength(50);
    expect(keptPods.every((p) => p.kind === "pod" && p.node === host)).toBe(true);
    const points = big.elements.filter((e) => e.parent === `host/${host}` && e.kind !== "pod");
    for (const p of points) expect(idSet(cut).has(p.id), p.id).toBe(true);
    expect(cut.elements.filter((e) => e.kind === "host").map((e) => e.id)).toEqual([`host/${host}`]);
  });

  it("a namespace and a host together keep that namespace's pods on that host", () => {
    const cut = filterTopology(big, { namespace: "team-2", host: "node-001" });
    expectWellFormed(big, cut);
    const expected = big.elements
      .filter((e) => e.kind === "pod" && e.namespace === "team-2" && e.node === "node-001")
      .map((e) => e.id);
    expect(expected.length).toBeGreaterThan(0);
    expect(cut.elements.filter((e) => e.kind === "pod").map((e) => e.id)).toEqual(expected);
  });
});
