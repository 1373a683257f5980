import { beforeAll, describe, expect, it } from "vitest";
import { demoTopology } from "@/testing/fixtures/demo";
import type { Topology } from "../contract/schema";
import { toDot } from "./format-dot";

/** A tiny topology whose names carry the characters that break DOT if left unescaped. */
const tricky: Topology = {
  elements: [
    {
      id: "host/n1",
      kind: "host",
      name: "n1",
      parent: null,
      provenance: "observed",
      linksObserved: true,
      addresses: [],
      interfaces: [],
    },
    {
      id: 'host/n1/bridge/br"x',
      kind: "bridge",
      name: 'br"x',
      parent: "host/n1",
      provenance: "inferred",
      host: "n1",
      device: 'br"x',
      segment: "s",
      uplinks: [],
      uplinksKnown: true,
      ports: [],
    },
    {
      id: "pod/d/p",
      kind: "pod",
      name: "p",
      parent: "host/n1",
      provenance: "observed",
      namespace: "d",
      node: "n1",
      podIPs: [],
      requested: [],
    },
    {
      id: "pod/d/p/if/net1",
      kind: "interface",
      name: "net1",
      parent: "pod/d/p",
      provenance: "observed",
      interface: "net1",
      ips: ["10.0.0.5", "fd00::5"],
      network: "d/x",
      isDefault: false,
      requested: true,
      attached: true,
      gateway: [],
    },
    {
      id: "pod/d/p/if/eth0",
      kind: "interface",
      name: "eth0",
      parent: "pod/d/p",
      provenance: "observed",
      interface: "eth0",
      ips: ["10.128.0.5"],
      network: "ovn-kubernetes",
      isDefault: true,
      requested: false,
      attached: true,
      gateway: [],
    },
    {
      id: "network/d/x",
      kind: "network",
      name: "x",
      parent: null,
      provenance: "observed",
      namespace: "d",
      cniType: 'weird"cni',
      mainType: "other",
      ipam: null,
      plugins: [],
      rawConfig: "{}",
      managedBy: null,
    },
  ],
  links: [
    { id: "a", kind: "attachment", source: "pod/d/p/if/net1", target: 'host/n1/bridge/br"x', label: 'net1 "10.0.0.5"' },
    { id: "n", kind: "network", source: "pod/d/p/if/net1", target: "network/d/x" },
    { id: "dangling", kind: "attachment", source: "pod/d/p/if/net1", target: "host/gone/bridge/b" },
  ],
  findings: [],
};

describe("toDot", () => {
  let demo: string;
  beforeAll(async () => {
    demo = toDot(demoTopology());
  });

  it("is one digraph with hosts and pods as clusters", () => {
    expect(demo.startsWith("digraph plumbline {\n")).toBe(true);
    expect(demo.trimEnd().endsWith("}")).toBe(true);
    expect(demo).toContain('subgraph "cluster_host/worker1.ocp46rt.priv.local" {');
    expect(demo).toContain('label="multus-test/pod-a-5bb7694d4-j8g6b";');
  });

  it("draws the bridge, marked as having no uplink", () => {
    expect(demo).toContain('"host/worker1.ocp46rt.priv.local/bridge/mybr0" [label="mybr0\\n(no uplink)" shape=box3d];');
  });

  it("labels interfaces with their name and addresses on separate lines", () => {
    // DOT's escString turns \n into a line break; \\n would print a backslash.
    expect(demo).toContain(
      '"pod/multus-test/pod-a-5bb7694d4-j8g6b/if/net1" [label="net1\\n192.168.12.14" shape=ellipse];',
    );
    expect(demo).not.toContain("\\\\n");
  });

  it("draws attachment edges with their label and network edges dotted", () => {
    expect(demo).toContain(
      '"pod/multus-test/pod-a-5bb7694d4-j8g6b/if/net1" -> "host/worker1.ocp46rt.priv.local/bridge/mybr0" [label="net1 192.168.12.14"];',
    );
    expect(demo).toContain(
      '"pod/multus-test/pod-a-5bb7694d4-j8g6b/if/net1" -> "network/multus-test/bridge-main" [label="" style=dotted arrowhead=none];',
    );
  });

  it("dashes inferred elements (pod-e's unattached interface)", () => {
    expect(demo).toMatch(
      /"pod\/multus-test\/pod-e-5c7d9f8b6-q4w8z\/if\/net1" \[label="net1" shape=ellipse style=dashed\];/,
    );
  });

  it("escapes quotes in ids, labels and edge labels", () => {
    const dot = toDot(tricky);
    expect(dot).toContain('"host/n1/bridge/br\\"x" [label="br\\"x\\n(no uplink)" shape=box3d style=dashed];');
    expect(dot).toContain('[label="d/x\\nweird\\"cni" shape=hexagon];');
    expect(dot).toContain('-> "host/n1/bridge/br\\"x" [label="net1 \\"10.0.0.5\\""];');
    // every line has balanced unescaped quotes
    for (const line of dot.split("\n")) expect(line.replace(/\\"/g, "").split('"').length % 2, line).toBe(1);
  });

  it("keeps the default interface and links to unknown elements out", () => {
    const dot = toDot(tricky);
    expect(dot).toContain('[label="net1\\n10.0.0.5\\nfd00::5" shape=ellipse];');
    expect(dot).not.toContain("eth0");
    expect(dot).not.toContain("host/gone");
  });
});
