import { beforeAll, describe, expect, it } from "vitest";
import { demoTopology, DEMO_NS as NS, W1, W2 } from "@/testing/fixtures/demo";
import { syntheticCluster } from "@/testing/fixtures/synthetic-cluster";
import type { InterfaceElement, Topology } from "../contract/schema";
import { snapshotFromObjects } from "../k8s/snapshot";
import { filterTopology } from "../match/filter";
import { buildTopology } from "../topology/build";
import { type FoldBox, type GraphModel, type GraphNode, graphModel } from "./model";
import { MUTED, networkColours } from "./palette";

const POD_A = `pod/${NS}/pod-a-5bb7694d4-j8g6b`; // bridge-main, worker1
const POD_B = `pod/${NS}/pod-b-85ffcd4c7c-xpp2z`; // bridge-main, worker1
const POD_A2 = `pod/${NS}/pod-a-66b77fb7f6-wbx5f`; // host-device-main, worker1
const POD_C = `pod/${NS}/pod-c-6d8f7b9c4-m2n5q`; // macvlan-main, worker1
const MYBR0 = `host/${W1}/bridge/mybr0`;
const BRIDGE_FOLD = `fold/host/${W1}/${NS}/bridge-main`;

let demo: Topology;
beforeAll(async () => {
  demo = demoTopology();
});

const nodeIds = (m: GraphModel) => m.nodes.map((n) => n.id);
const node = (m: GraphModel, id: string): GraphNode => {
  const n = m.nodes.find((x) => x.id === id);
  if (!n) throw new Error(`no node ${id}; have ${nodeIds(m).join(", ")}`);
  return n;
};

/** Holds for every model: parents are drawn, and before their children; edges join drawn nodes. */
function expectConsistent(m: GraphModel): void {
  const seen = new Set<string>();
  expect(new Set(nodeIds(m)).size).toBe(m.nodes.length);
  for (const n of m.nodes) {
    if (n.parent !== null) expect(seen.has(n.parent), `${n.id}'s parent ${n.parent} comes first`).toBe(true);
    seen.add(n.id);
    if (n.isGroup) expect([n.width, n.height]).toEqual([0, 0]);
    else expect(n.width > 0 && n.height > 0, `${n.id} has a size`).toBe(true);
  }
  expect(new Set(m.edges.map((e) => e.id)).size).toBe(m.edges.length);
  for (const e of m.edges) {
    expect(seen.has(e.source), `source of ${e.id}`).toBe(true);
    expect(seen.has(e.target), `target of ${e.id}`).toBe(true);
  }
}

describe("graphModel: what is drawn", () => {
  it("hosts and pods are groups, points and interfaces leaves, networks and workloads are not boxes", () => {
    const m = graphModel(demo, { showDefault: false });
    expectConsistent(m);
    expect(node(m, `host/${W1}`)).toMatchObject({ kind: "host", parent: null, isGroup: true });
    expect(node(m, POD_A)).toMatchObject({ kind: "pod", parent: `host/${W1}`, isGroup: true });
    expect(node(m, MYBR0)).toMatchObject({ kind: "bridge", parent: `host/${W1}`, isGroup: false });
    expect(node(m, `${POD_A}/if/net1`)).toMatchObject({ kind: "interface", parent: POD_A, isGroup: false });
    expect(m.nodes.map((n) => n.kind)).not.toContain("network");
    // every element of the demo but networks and workloads is drawn, except eth0s
    expect(demo.elements.some((e) => e.kind === "workload")).toBe(true);
    const expected = demo.elements
      .filter((e) => e.kind !== "network" && e.kind !== "workload" && !(e.kind === "interface" && e.isDefault))
      .map((e) => e.id);
    expect(nodeIds(m)).toEqual(expected);
  });

  it("eth0 is hidden unless showDefault", () => {
    const hidden = graphModel(demo, { showDefault: false });
    const shown = graphModel(demo, { showDefault: true });
    expectConsistent(shown);
    const eth0s = demo.elements.filter((e) => e.kind === "interface" && e.isDefault).map((e) => e.id);
    expect(eth0s).toHaveLength(6); // pod-e is pending: no eth0
    for (const id of eth0s) {
      expect(nodeIds(hidden)).not.toContain(id);
      expect(nodeIds(shown)).toContain(id);
    }
    expect(shown.nodes.length - hidden.nodes.length).toBe(eth0s.length);
  });

  it("one attachment edge per attached secondary interface, labelled and coloured by its network", () => {
    const m = graphModel(demo, { showDefault: false });
    const attachments = demo.links.filter((l) => l.kind === "attachment");
    expect(m.edges.map((e) => e.id).sort()).toEqual(attachments.map((l) => l.id).sort());
    const e = m.edges.find((x) => x.source === `${POD_A}/if/net1`);
    expect(e).toMatchObject({
      kind: "attachment",
      target: MYBR0,
      label: "net1 192.168.12.14",
      colour: m.colours.get(`${NS}/bridge-main`),
    });
    // network links (interface → network) are not edges here
    expect(m.edges.some((x) => x.target.startsWith("network/"))).toBe(false);
  });

  it("draws a filtered topology", () => {
    const m = graphModel(filterTopology(demo, { network: `${NS}/bridge-main` }), { showDefault: true });
    expectConsistent(m);
    expect(nodeIds(m)).toEqual([`host/${W1}`, MYBR0, POD_A, POD_B, `${POD_A}/if/net1`, `${POD_B}/if/net1`]);
  });

  it("a pod with no host is drawn at the top level", () => {
    const t = buildTopology(
      snapshotFromObjects([
        {
          apiVersion: "v1",
          kind: "Pod",
          metadata: { name: "floating", namespace: "x", annotations: { "k8s.v1.cni.cncf.io/networks": "n" } },
          spec: {},
          status: { phase: "Pending" },
        },
      ]),
    );
    const m = graphModel(t, { showDefault: false });
    expectConsistent(m);
    expect(node(m, "pod/x/floating")).toMatchObject({ parent: null, isGroup: true });
    expect(node(m, "pod/x/floating/if/net1")).toMatchObject({ parent: "pod/x/floating" });
  });
});

describe("graphModel: folds", () => {
  // worker1 has four pods: two on bridge-main, one on host-device-main, one on macvlan-main. worker2 has three.
  it("a host with no more pods than the threshold is not folded", () => {
    const m = graphModel(demo, { showDefault: false, foldThreshold: 4 });
    expect(m.nodes.some((n) => n.kind === "fold")).toBe(false);
    expect(graphModel(demo, { showDefault: false }).nodes.some((n) => n.kind === "fold")).toBe(false);
  });

  it("past the threshold, pods on the same network fold into one counted box", () => {
    const m = graphModel(demo, { showDefault: false, foldThreshold: 3 });
    expectConsistent(m);
    const bridgeFold = m.nodes.find((n) => n.id === BRIDGE_FOLD);
    expect(bridgeFold).toEqual({
      id: BRIDGE_FOLD,
      kind: "fold",
      parent: `host/${W1}`,
      width: expect.any(Number),
      height: expect.any(Number),
      isGroup: false,
      members: [POD_A, POD_B],
      networks: [`${NS}/bridge-main`],
    });
    // The folded pods and their interfaces are not drawn; the fold stands in for them.
    for (const id of [POD_A, POD_B, `${POD_A}/if/net1`, `${POD_B}/if/net1`]) expect(nodeIds(m)).not.toContain(id);
    expect(m.edges.some((e) => e.source.startsWith(POD_A) || e.source.startsWith(POD_B))).toBe(false);
    // One edge from the fold to mybr0, with the count.
    const toBridge = m.edges.filter((e) => e.target === MYBR0);
    expect(toBridge).toEqual([
      {
        id: `attachment:${BRIDGE_FOLD}->${MYBR0}`,
        kind: "attachment",
        source: BRIDGE_FOLD,
        target: MYBR0,
        label: "2 × net1",
        colour: m.colours.get(`${NS}/bridge-main`),
      },
    ]);
  });

  it("on a crowded host even a lone pod folds: one box per network; an uncrowded host is drawn pod by pod", () => {
    const m = graphModel(demo, { showDefault: false, foldThreshold: 3 });
    const folds = m.nodes.filter((n): n is FoldBox => n.kind === "fold");
    // worker1 has four pods on three networks
    expect(folds.map((f) => f.networks?.[0]).sort()).toEqual([
      `${NS}/bridge-main`,
      `${NS}/host-device-main`,
      `${NS}/macvlan-main`,
    ]);
    expect(folds.every((f) => f.parent === `host/${W1}`)).toBe(true);
    for (const id of [POD_A2, POD_C]) expect(nodeIds(m)).not.toContain(id);
    expect(m.edges.find((e) => e.target === `host/${W1}/macvlan-parent/ens9`)?.label).toBe("1 × net1");
    // worker2 (three pods) is not past the threshold
    expect(nodeIds(m)).toContain(`pod/${NS}/pod-d-7f9c8d6b5-x7k2p`);
  });

  it("a fold the user expanded is drawn pod by pod", () => {
    const all = new Set(
      graphModel(demo, { showDefault: false, foldThreshold: 3 })
        .nodes.filter((n) => n.kind === "fold")
        .map((n) => n.id),
    );
    const m = graphModel(demo, { showDefault: false, foldThreshold: 3, expanded: all });
    expectConsistent(m);
    expect(m.nodes.some((n) => n.kind === "fold")).toBe(false);
    expect(nodeIds(m)).toEqual(nodeIds(graphModel(demo, { showDefault: false })));
    expect(
      m.edges
        .filter((e) => e.target === MYBR0)
        .map((e) => e.source)
        .sort(),
    ).toEqual([`${POD_A}/if/net1`, `${POD_B}/if/net1`]);
    // Expanding one fold leaves the others folded.
    const one = graphModel(demo, { showDefault: false, foldThreshold: 3, expanded: new Set([BRIDGE_FOLD]) });
    expect(nodeIds(one)).toContain(`${POD_A}/if/net1`);
    expect(one.nodes.filter((n) => n.kind === "fold")).toHaveLength(2);
  });

  it("eth0 of folded pods is not drawn even with showDefault", () => {
    const m = graphModel(demo, { showDefault: true, foldThreshold: 3 });
    expectConsistent(m);
    expect(nodeIds(m)).not.toContain(`${POD_A}/if/eth0`);
    expect(nodeIds(m)).not.toContain(`${POD_C}/if/eth0`);
    // worker2 is not crowded: its pods and their eth0 are drawn
    expect(nodeIds(m)).toContain(`pod/${NS}/pod-d-7f9c8d6b5-x7k2p/if/eth0`);
  });

  it("a large host folds per first network; counts add up to the attachments they replace", () => {
    const t = buildTopology(
      snapshotFromObjects(syntheticCluster({ nodes: 2, pods: 120, nads: 6, seed: 5 }), "synthetic"),
    );
    const m = graphModel(t, { showDefault: false });
    expectConsistent(m);
    const folds = m.nodes.filter((n): n is FoldBox => n.kind === "fold");
    expect(folds.length).toBeGreaterThan(2);
    const ifaces = t.elements.filter((e): e is InterfaceElement => e.kind === "interface" && !e.isDefault);
    const folded = new Set<string>();
    for (const f of folds) {
      expect(f.members.length).toBeGreaterThanOrEqual(1);
      expect(f.parent).toMatch(/^host\//);
      // members are all on the fold's host and share exactly the fold's networks
      for (const p of f.members) {
        expect(folded.has(p), `${p} in one fold only`).toBe(false);
        folded.add(p);
        const pod = t.elements.find((e) => e.id === p);
        expect(pod?.parent).toBe(f.parent);
        // a pod folds with the others on its first secondary network
        expect([ifaces.find((i) => i.parent === p)?.network]).toEqual(f.networks);
      }
    }
    // no drawn pod is a fold member, and every pod is either drawn or folded
    const pods = t.elements.filter((e) => e.kind === "pod").map((e) => e.id);
    for (const p of pods) expect(nodeIds(m).includes(p) !== folded.has(p), p).toBe(true);
    // the fold edges count every attachment of their members
    const foldEdges = m.edges.filter((e) => e.source.startsWith("fold/"));
    const total = foldEdges.reduce((s, e) => s + Number(e.label.split(" × ")[0]), 0);
    const replaced = t.links.filter(
      (l) => l.kind === "attachment" && folded.has(t.elements.find((e) => e.id === l.source)?.parent ?? ""),
    );
    expect(total).toBe(replaced.length);
    for (const e of foldEdges) expect(e.label).toMatch(/^\d+ × net\d$/);
  });
});

describe("graphModel: shared L2 segments", () => {
  it("are off unless asked for", () => {
    expect(graphModel(demo, { showDefault: false }).edges.some((e) => e.kind === "segment")).toBe(false);
  });

  it("join points on different hosts that share a segment, but never an island bridge", () => {
    const m = graphModel(demo, { showDefault: false, segments: true });
    expectConsistent(m);
    const segments = m.edges.filter((e) => e.kind === "segment");
    expect(segments.map((e) => [e.source, e.target, e.label]).sort()).toEqual([
      [`host/${W1}/host-device/ens8`, `host/${W2}/host-device/ens8`, "same L2 (ens8)"],
      [`host/${W1}/macvlan-parent/ens9`, `host/${W2}/macvlan-parent/ens9`, "same L2 (ens9)"],
    ]);
    expect(segments.some((e) => e.source === MYBR0 || e.target === MYBR0)).toBe(false);
    expect(segments.every((e) => e.colour === MUTED)).toBe(true);
  });

  it("in a network view, the network's points on every host are chained", () => {
    const view = filterTopology(demo, { network: `${NS}/macvlan-main` });
    const m = graphModel(view, { showDefault: false, segments: true });
    expect(m.edges.filter((e) => e.kind === "segment").map((e) => e.id)).toEqual([
      `segment:host/${W1}/macvlan-parent/ens9->host/${W2}/macvlan-parent/ens9`,
    ]);
    const island = graphModel(filterTopology(demo, { network: `${NS}/bridge-main` }), {
      showDefault: false,
      segments: true,
    });
    expect(island.edges.filter((e) => e.kind === "segment")).toEqual([]);
  });

  it("an uplinked bridge on many hosts: one chain through all of them", () => {
    const t = buildTopology(
      snapshotFromObjects(syntheticCluster({ nodes: 5, pods: 60, nads: 9, seed: 2 }), "synthetic"),
    );
    // bridge-net-9 is on br-data, which has ens9 as its uplink on every node
    const net = t.elements.find((e) => e.kind === "network" && e.name === "bridge-net-9");
    expect(net?.kind === "network" && net.bridge).toBe("br-data");
    const view = filterTopology(t, { network: `${net?.kind === "network" ? net.namespace : ""}/bridge-net-9` });
    const m = graphModel(view, { showDefault: false, segments: true });
    const points = view.elements.filter((e) => e.kind === "bridge").map((e) => e.id);
    expect(points.length).toBeGreaterThan(2);
    const segments = m.edges.filter((e) => e.kind === "segment");
    expect(segments).toHaveLength(points.length - 1);
    const hostOf = (id: string) => id.split("/")[1];
    for (const e of segments) expect(hostOf(e.source)).not.toBe(hostOf(e.target));
    // connected: every point is an end of some segment edge
    const ends = new Set(segments.flatMap((e) => [e.source, e.target]));
    expect([...ends].sort()).toEqual([...points].sort());
  });

  it("a network view narrowed to one host has no segment edge", () => {
    const view = filterTopology(demo, { network: `${NS}/macvlan-main`, host: W1 });
    const m = graphModel(view, { showDefault: false, segments: true });
    expect(m.edges.filter((e) => e.kind === "segment")).toEqual([]);
  });
});

describe("graphModel: colours", () => {
  it("one colour per network, by name order, the same whatever the element order", () => {
    const m = graphModel(demo, { showDefault: false });
    const names = [`${NS}/bridge-main`, `${NS}/host-device-main`, `${NS}/macvlan-main`, `${NS}/sriov-net`];
    expect([...m.colours.keys()]).toEqual(names);
    expect(m.colours).toEqual(networkColours(names));
    expect(new Set(m.colours.values()).size).toBe(4);

    const shuffled: Topology = { ...demo, elements: [...demo.elements].reverse() };
    const again = graphModel(shuffled, { showDefault: false });
    expect(again.colours).toEqual(m.colours);
    // edges take their network's colour in both
    for (const e of again.edges) expect(e.colour).toBe(m.edges.find((x) => x.id === e.id)?.colour);
  });

  it("building the model twice gives the same model", () => {
    const a = graphModel(demo, { showDefault: true, segments: true, foldThreshold: 3 });
    const b = graphModel(demo, { showDefault: true, segments: true, foldThreshold: 3 });
    expect(b).toEqual(a);
  });
});

describe("edge labels", () => {
  it("a dual-stack interface's edge names both its IPv4 and its IPv6 address", () => {
    const t = buildTopology(
      snapshotFromObjects(
        [
          { apiVersion: "v1", kind: "Node", metadata: { name: "n1" } },
          {
            apiVersion: "k8s.cni.cncf.io/v1",
            kind: "NetworkAttachmentDefinition",
            metadata: { name: "dual", namespace: "ns" },
            spec: { config: JSON.stringify({ cniVersion: "0.3.1", name: "dual", type: "macvlan", master: "ens9" }) },
          },
          {
            apiVersion: "v1",
            kind: "Pod",
            metadata: {
              name: "p",
              namespace: "ns",
              annotations: {
                "k8s.v1.cni.cncf.io/networks": "dual",
                "k8s.v1.cni.cncf.io/network-status": JSON.stringify([
                  { name: "ns/dual", interface: "net1", ips: ["192.168.50.7", "fd00:50::7"] },
                ]),
              },
            },
            spec: { nodeName: "n1" },
            status: { phase: "Running" },
          },
        ],
        "dual",
      ),
    );
    const m = graphModel(t, { showDefault: false });
    expect(m.edges.find((e) => e.kind === "attachment")?.label).toBe("net1 192.168.50.7 fd00:50::7");
  });
});
