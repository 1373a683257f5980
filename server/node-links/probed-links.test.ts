import { describe, expect, it } from "vitest";
import type { KubeObject } from "@/lib/k8s/objects";
import { type ClusterSnapshot, emptySnapshot } from "@/lib/k8s/snapshot";
import type { Probe } from "@/lib/node-links/to-nns";
import { buildTopology } from "@/lib/topology/build";
import { KeptProbes, NNS_FRESH_MS, ProbedLinks } from "./probed-links";

const NOW = Date.parse("2026-12-06T15:00:00Z");
const node = (name: string, uid: string, bootID = "boot-1"): KubeObject => ({
  apiVersion: "v1",
  kind: "Node",
  metadata: { name, uid },
  status: { nodeInfo: { bootID } },
});
const nns = (name: string, at: string): KubeObject => ({
  apiVersion: "nmstate.io/v1beta1",
  kind: "NodeNetworkState",
  metadata: { name },
  status: { lastSuccessfulUpdateTime: at, currentState: { interfaces: [{ name: "ens3", type: "ethernet" }] } },
});
const probe = (n: string): Probe => ({
  node: n,
  links: [{ name: "br0", type: "linux-bridge", state: "up", addresses: ["10.0.0.1/24"] }],
  at: "2026-12-06T14:59:00Z",
  by: "alice",
  method: "sysfs",
});
const snap = (nodes: KubeObject[], states: KubeObject[] = []): ClusterSnapshot => ({
  ...emptySnapshot(),
  nodes,
  nodeNetworkStates: states,
});
const standIn = (s: ClusterSnapshot, name: string) => s.nodeNetworkStates.find((x) => x.metadata.name === name);

describe("probed node links standing in for NodeNetworkState", () => {
  it("stands in where there is none, and says who probed when", () => {
    const p = new ProbedLinks();
    const n1 = node("n1", "u1");
    p.set(probe("n1"), n1);
    const out = p.apply(snap([n1]), NOW);
    expect(standIn(out, "n1")?.metadata.annotations).toMatchObject({ "plumbline.io/probed-by": "alice" });
    const t = buildTopology(out);
    expect(t.elements.find((e) => e.id === "host/n1")).toMatchObject({ linksSource: "probe", probedBy: "alice" });
    expect(t.findings.map((f) => f.code)).toContain("node-links-probed");
  });

  it("never mixes: a fresh NodeNetworkState wins whole, a stale one is replaced whole", () => {
    const p = new ProbedLinks();
    const n1 = node("n1", "u1");
    p.set(probe("n1"), n1);
    const fresh = nns("n1", new Date(NOW - 60_000).toISOString());
    expect(p.apply(snap([n1], [fresh]), NOW).nodeNetworkStates).toEqual([fresh]);
    const stale = nns("n1", new Date(NOW - NNS_FRESH_MS - 1).toISOString());
    const out = p.apply(snap([n1], [stale]), NOW).nodeNetworkStates;
    expect(out).toHaveLength(1);
    expect(out[0]?.metadata.annotations?.["plumbline.io/probed-by"]).toBe("alice");
  });

  it("forgets a result when its node is another one (new uid) or rebooted (new bootID)", () => {
    for (const changed of [node("n1", "u2"), node("n1", "u1", "boot-2")]) {
      const p = new ProbedLinks();
      p.set(probe("n1"), node("n1", "u1"));
      expect(standIn(p.apply(snap([changed]), NOW), "n1")).toBeUndefined();
      expect(p.get("n1")).toBeUndefined();
    }
  });

  it("hands out the same objects until something changes (the store compares by identity), and tells the source", () => {
    let told = 0;
    const p = new ProbedLinks();
    const stop = p.subscribe(() => told++);
    const n1 = node("n1", "u1");
    p.set(probe("n1"), n1);
    const input = snap([n1]);
    const a = p.apply(input, NOW);
    expect(p.apply(input, NOW)).toBe(a);
    p.set(probe("n1"), n1);
    const b = p.apply(input, NOW);
    expect(b).not.toBe(a);
    expect(told).toBe(2);
    // Forgetting tells too; a closed source stops listening.
    expect(p.forget(["n1", "n9"])).toEqual(["n1"]);
    expect(told).toBe(3);
    stop();
    p.set(probe("n1"), n1);
    expect(told).toBe(3);
  });

  it("stand-ins do not count as kubernetes-nmstate's reports: other hosts still say nmstate is missing", () => {
    const p = new ProbedLinks();
    p.set(probe("n1"), node("n1", "u1"));
    const t = buildTopology(p.apply(snap([node("n1", "u1"), node("n2", "u2")]), NOW));
    const inferred = t.findings.find((f) => f.code === "node-links-inferred");
    expect(inferred?.message).toContain("n2: ");
    expect(inferred?.message).toContain("there is no NodeNetworkState at all");
  });

  it("keeps each identity's results across its sources, the one unused longest dropped past the bound", () => {
    const kept = new KeptProbes(2);
    kept.of("kubeconfig:alice").set(probe("n1"), node("n1", "u1"));
    // Another identity never sees them.
    expect(kept.of("kubeconfig:bob").get("n1")).toBeUndefined();
    // A new source of alice's (the old one closed when idle) finds them; using them keeps them.
    expect(kept.of("kubeconfig:alice").get("n1")?.by).toBe("alice");
    kept.of("kubeconfig:carol");
    expect(kept.of("kubeconfig:alice").get("n1")).toBeDefined();
    kept.of("kubeconfig:dave");
    kept.of("kubeconfig:erin");
    expect(kept.of("kubeconfig:alice").get("n1")).toBeUndefined();
  });
});
