import ELK from "elkjs/lib/elk.bundled.js";
import type { ElkNode } from "elkjs/lib/elk-api";
import { beforeAll, describe, expect, it } from "vitest";
import { demoTopology, W1, W2 } from "@/testing/fixtures/demo";
import { syntheticCluster } from "@/testing/fixtures/synthetic-cluster";
import type { Topology } from "../contract/schema";
import { snapshotFromObjects } from "../k8s/snapshot";
import { buildTopology } from "../topology/build";
import { type ElkLike, layoutGraph, type Positioned } from "./layout";
import { structureKey } from "./layout-key";
import { type GraphModel, graphModel, ROLLOUT_FOOTER } from "./model";

const elk = new ELK();

interface Box {
  x: number;
  y: number;
  width: number;
  height: number;
}

/** Absolute boxes: positions of children are relative to their parent. */
function absolute(model: GraphModel, pos: Map<string, Positioned>): Map<string, Box> {
  const parentOf = new Map(model.nodes.map((n) => [n.id, n.parent]));
  const out = new Map<string, Box>();
  const abs = (id: string): Box => {
    const done = out.get(id);
    if (done) return done;
    const p = pos.get(id);
    if (!p) throw new Error(`no position for ${id}`);
    const parent = parentOf.get(id) ?? null;
    const origin = parent ? abs(parent) : { x: 0, y: 0 };
    const box = { x: origin.x + p.x, y: origin.y + p.y, width: p.width, height: p.height };
    out.set(id, box);
    return box;
  };
  for (const n of model.nodes) abs(n.id);
  return out;
}

const overlap = (a: Box, b: Box): boolean =>
  a.x < b.x + b.width && b.x < a.x + a.width && a.y < b.y + b.height && b.y < a.y + a.height;

/** Holds for every layout: each node placed, with a size, children within their parent, siblings apart. */
function expectSound(model: GraphModel, pos: Map<string, Positioned>): void {
  const byId = new Map(model.nodes.map((n) => [n.id, n]));
  expect(new Set(pos.keys())).toEqual(new Set(byId.keys()));
  for (const [id, p] of pos) {
    expect(p.id).toBe(id);
    for (const v of [p.x, p.y, p.width, p.height]) expect(Number.isFinite(v), `${id}: ${JSON.stringify(p)}`).toBe(true);
    expect(p.width > 0 && p.height > 0, `${id} has a size`).toBe(true);
    const n = byId.get(id);
    // leaves keep the size the model gave them
    if (n && !n.isGroup) expect([p.width, p.height]).toEqual([n.width, n.height]);
    const parent = n?.parent ? pos.get(n.parent) : undefined;
    if (parent) {
      // relative to the parent, inside its box
      expect(p.x, `${id} x`).toBeGreaterThanOrEqual(0);
      expect(p.y, `${id} y`).toBeGreaterThanOrEqual(0);
      expect(p.x + p.width, `${id} right edge within ${n?.parent}`).toBeLessThanOrEqual(parent.width + 1e-6);
      expect(p.y + p.height, `${id} bottom edge within ${n?.parent}`).toBeLessThanOrEqual(parent.height + 1e-6);
    }
  }
  // siblings do not overlap
  const abs = absolute(model, pos);
  const siblings = new Map<string | null, string[]>();
  for (const n of model.nodes) siblings.set(n.parent, [...(siblings.get(n.parent) ?? []), n.id]);
  for (const [parent, ids] of siblings) {
    for (let i = 0; i < ids.length; i++) {
      for (let j = i + 1; j < ids.length; j++) {
        const a = ids[i] as string;
        const b = ids[j] as string;
        expect(
          overlap(abs.get(a) as Box, abs.get(b) as Box),
          `${a} and ${b} in ${parent ?? "the top level"} overlap`,
        ).toBe(false);
      }
    }
  }
}

let demo: Topology;
beforeAll(async () => {
  demo = demoTopology();
});

describe("layoutGraph with ELK", () => {
  it("the demo cluster: every node placed, children inside their parents, hosts apart", async () => {
    const model = graphModel(demo, { showDefault: true });
    const pos = await layoutGraph(model, elk);
    expectSound(model, pos);
    const abs = absolute(model, pos);
    const w1 = abs.get(`host/${W1}`) as Box;
    const w2 = abs.get(`host/${W2}`) as Box;
    expect(overlap(w1, w2)).toBe(false);
    // a pod's interface is inside the host too, in absolute terms
    const iface = abs.get("pod/multus-test/pod-a-5bb7694d4-j8g6b/if/net1") as Box;
    expect(iface.x).toBeGreaterThanOrEqual(w1.x);
    expect(iface.x + iface.width).toBeLessThanOrEqual(w1.x + w1.width);
    expect(iface.y).toBeGreaterThanOrEqual(w1.y);
    expect(iface.y + iface.height).toBeLessThanOrEqual(w1.y + w1.height);
  });

  it("a pod pending its workload's rollout keeps room under its interfaces for the badge; the others do not", async () => {
    const model = graphModel(demo, { showDefault: false });
    const pos = await layoutGraph(model, elk);
    const bottomRoom = (pod: string) => {
      const p = pos.get(pod) as Positioned;
      const last = Math.max(
        ...[...pos.values()].filter((c) => c.id.startsWith(`${pod}/if/`)).map((c) => c.y + c.height),
      );
      return p.height - last;
    };
    // the demo's bridge-phase pods still wait for the rollout to host-device-main; pod-a's other pod does not
    expect(bottomRoom("pod/multus-test/pod-a-5bb7694d4-j8g6b")).toBe(12 + ROLLOUT_FOOTER);
    expect(bottomRoom("pod/multus-test/pod-b-85ffcd4c7c-xpp2z")).toBe(12 + ROLLOUT_FOOTER);
    expect(bottomRoom("pod/multus-test/pod-a-66b77fb7f6-wbx5f")).toBe(12);
    // the room is part of the layout's input: a layout kept for the pod without it is not reused
    const without = { ...model, nodes: model.nodes.map(({ footer: _f, ...n }) => n) };
    expect(structureKey(without)).not.toBe(structureKey(model));
  });

  it("the layout starts near the origin, in model order", async () => {
    const model = graphModel(demo, { showDefault: false });
    const pos = await layoutGraph(model, elk);
    const w1 = pos.get(`host/${W1}`) as Positioned;
    const w2 = pos.get(`host/${W2}`) as Positioned;
    // ELK's own padding only
    for (const v of [w1.x, w1.y]) {
      expect(v).toBeGreaterThanOrEqual(0);
      expect(v).toBeLessThan(48);
    }
    // worker2 comes after worker1: to its right or below it
    expect(w2.x >= w1.x + w1.width || w2.y >= w1.y + w1.height).toBe(true);
  });

  it("laying out the same model twice gives identical positions", async () => {
    const model = graphModel(demo, { showDefault: true, foldThreshold: 3, segments: true });
    const a = await layoutGraph(model, elk);
    const b = await layoutGraph(model, new ELK());
    expect([...b]).toEqual([...a]);
  });

  it("a fold is laid out like any leaf, inside its host", async () => {
    const model = graphModel(demo, { showDefault: false, foldThreshold: 3 });
    expect(model.nodes.some((n) => n.kind === "fold")).toBe(true);
    const pos = await layoutGraph(model, elk);
    expectSound(model, pos);
  });

  it("segment edges across hosts do not tie the hosts' layouts together", async () => {
    const plain = await layoutGraph(graphModel(demo, { showDefault: false }), elk);
    const withSegments = await layoutGraph(graphModel(demo, { showDefault: false, segments: true }), elk);
    expect([...withSegments]).toEqual([...plain]);
  });

  it("a pod with no host still lays out, beside the hosts", async () => {
    const t = buildTopology(
      snapshotFromObjects([
        { apiVersion: "v1", kind: "Node", metadata: { name: "n1" } },
        {
          apiVersion: "k8s.cni.cncf.io/v1",
          kind: "NetworkAttachmentDefinition",
          metadata: { name: "m", namespace: "x" },
          spec: {
            config: JSON.stringify({
              cniVersion: "0.3.1",
              name: "m",
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
            name: "placed",
            namespace: "x",
            annotations: {
              "k8s.v1.cni.cncf.io/networks": "m",
              "k8s.v1.cni.cncf.io/network-status": JSON.stringify([
                { name: "x/m", interface: "net1", ips: ["192.168.1.2"] },
              ]),
            },
          },
          spec: { nodeName: "n1" },
          status: { phase: "Running" },
        },
        {
          apiVersion: "v1",
          kind: "Pod",
          metadata: { name: "unscheduled", namespace: "x", annotations: { "k8s.v1.cni.cncf.io/networks": "m" } },
          spec: {},
          status: { phase: "Pending" },
        },
        {
          apiVersion: "v1",
          kind: "Pod",
          metadata: { name: "bare", namespace: "x" },
          spec: {},
          status: { phase: "Pending" },
        },
      ]),
    );
    const model = graphModel(t, { showDefault: false });
    expect(model.nodes.find((n) => n.id === "pod/x/unscheduled")?.parent).toBeNull();
    const pos = await layoutGraph(model, elk);
    expectSound(model, pos);
    // a pod with nothing to draw inside still gets a box
    expect(pos.get("pod/x/bare")).toMatchObject({ width: 210, height: 44 });
  });

  it("only loose pods, no hosts", async () => {
    const t = buildTopology(
      snapshotFromObjects([
        {
          apiVersion: "v1",
          kind: "Pod",
          metadata: { name: "p", namespace: "x", annotations: { "k8s.v1.cni.cncf.io/networks": "a,b" } },
          spec: {},
          status: { phase: "Pending" },
        },
      ]),
    );
    const model = graphModel(t, { showDefault: false });
    const pos = await layoutGraph(model, elk);
    expectSound(model, pos);
  });

  it("an empty model lays out to nothing", async () => {
    const pos = await layoutGraph({ nodes: [], edges: [], colours: new Map() }, elk);
    expect(pos.size).toBe(0);
  });

  it("a host with nothing drawn inside still gets a box", async () => {
    const t = buildTopology(snapshotFromObjects([{ apiVersion: "v1", kind: "Node", metadata: { name: "empty" } }]));
    const model = graphModel(t, { showDefault: false });
    const pos = await layoutGraph(model, elk);
    expect(pos.get("host/empty")).toMatchObject({ id: "host/empty", width: 260, height: 64 });
  });

  it("a synthetic cluster: many hosts in rows, none overlapping, every node inside its parent", async () => {
    const t = buildTopology(
      snapshotFromObjects(syntheticCluster({ nodes: 12, pods: 90, nads: 8, seed: 11 }), "synthetic"),
    );
    const model = graphModel(t, { showDefault: false, foldThreshold: 6 });
    const pos = await layoutGraph(model, elk);
    expectSound(model, pos);
    const hosts = model.nodes.filter((n) => n.kind === "host").map((n) => pos.get(n.id) as Positioned);
    expect(hosts).toHaveLength(12);
    // packed into more than one row, so the drawing is not one long strip
    expect(new Set(hosts.map((h) => h.y)).size).toBeGreaterThan(1);
    const again = await layoutGraph(model, elk);
    expect([...again]).toEqual([...pos]);
    // two full ELK layouts: ~4 s alone, more on a loaded shared machine
  }, 30_000);

  it("hands ELK one call with a flat child graph per host, in model order; pods stand in for their interfaces", async () => {
    const calls: ElkNode[] = [];
    const recording: ElkLike = {
      layout: (g) => {
        calls.push(structuredClone(g));
        return elk.layout(g);
      },
    };
    const model = graphModel(demo, { showDefault: false, segments: true });
    await layoutGraph(model, recording);
    expect(calls).toHaveLength(1);
    const hosts = calls[0]?.children ?? [];
    expect(hosts.map((h) => h.id)).toEqual([`__host/${W1}`, `__host/${W2}`]);
    // Flat: a host's graph holds pods and points, never interfaces.
    const inW1 = hosts[0]?.children?.map((c) => c.id) ?? [];
    expect(inW1).toContain(`pod/multus-test/pod-a-5bb7694d4-j8g6b`);
    expect(inW1).toContain(`host/${W1}/bridge/mybr0`);
    expect(inW1.some((id) => id.includes("/if/"))).toBe(false);
    // A host's attachment edges are laid out with it, from the pod; cross-host segment edges are not.
    const edges = hosts.flatMap((g) => (g.edges ?? []).map((e) => e.id));
    expect(edges).toContain(`pod/multus-test/pod-a-5bb7694d4-j8g6b->host/${W1}/bridge/mybr0`);
    expect(edges.some((id) => id.startsWith("segment:") || id.includes("/if/"))).toBe(false);
  });
});
