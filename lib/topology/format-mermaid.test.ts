import { beforeAll, describe, expect, it } from "vitest";
import { demoTopology } from "@/testing/fixtures/demo";
import type { Topology } from "../contract/schema";
import { toMermaid } from "./format-mermaid";

describe("toMermaid", () => {
  let t: Topology;
  let out: string;
  beforeAll(async () => {
    t = demoTopology();
    out = toMermaid(t);
  });

  /** The mermaid node id the formatter gave an element. */
  const mid = (id: string): string => {
    const i = t.elements.findIndex((e) => e.id === id);
    if (i < 0) throw new Error(`no element ${id}`);
    return `n${i}`;
  };

  it("is a left-to-right flowchart with hosts and pods as subgraphs", () => {
    expect(out.split("\n")[0]).toBe("flowchart LR");
    expect(out).toContain(`subgraph ${mid("host/worker1.ocp46rt.priv.local")}["worker1.ocp46rt.priv.local"]`);
    expect(out).toContain(
      `subgraph ${mid("pod/multus-test/pod-a-5bb7694d4-j8g6b")}["multus-test/pod-a-5bb7694d4-j8g6b"]`,
    );
    const opens = out.split("\n").filter((l) => l.trim().startsWith("subgraph ")).length;
    const closes = out.split("\n").filter((l) => l.trim() === "end").length;
    expect(opens).toBe(closes);
  });

  it("uses only plain-word node ids", () => {
    expect(out).not.toMatch(/^\s*host\//m);
    for (const line of out.split("\n").slice(1)) {
      if (line.trim() === "end" || line.trim() === "") continue;
      expect(line.trim(), line).toMatch(/^(subgraph )?n\d+/);
    }
  });

  it("draws the bridge and the interfaces with their addresses", () => {
    expect(out).toContain(`${mid("host/worker1.ocp46rt.priv.local/bridge/mybr0")}["mybr0"]`);
    const net1 = mid("pod/multus-test/pod-a-5bb7694d4-j8g6b/if/net1");
    expect(out).toContain(`${net1}(["net1<br/>192.168.12.14"])`);
    expect(out).toContain(`${mid("network/multus-test/bridge-main")}{{"multus-test/bridge-main (bridge)"}}`);
    expect(out).toContain(`${net1} -->|"net1 192.168.12.14"| ${mid("host/worker1.ocp46rt.priv.local/bridge/mybr0")}`);
    expect(out).toContain(`${net1} -.- ${mid("network/multus-test/bridge-main")}`);
  });

  it("leaves the default network's eth0 out", () => {
    expect(out).not.toContain('"eth0');
  });

  it("escapes quotes in labels", () => {
    const tricky: Topology = {
      elements: [
        {
          id: "host/n1",
          kind: "host",
          name: 'n"1',
          parent: null,
          provenance: "observed",
          linksObserved: false,
          addresses: [],
          interfaces: [],
        },
        {
          id: "host/n1/bridge/b",
          kind: "bridge",
          name: 'b"r',
          parent: "host/n1",
          provenance: "observed",
          host: "n1",
          device: 'b"r',
          segment: "s",
          uplinks: [],
          uplinksKnown: true,
          ports: [],
        },
        {
          id: "network/d/x",
          kind: "network",
          name: "x",
          parent: null,
          provenance: "observed",
          namespace: "d",
          cniType: null,
          mainType: null,
          ipam: null,
          plugins: [],
          rawConfig: "{",
          managedBy: null,
        },
      ],
      links: [{ id: "l", kind: "attachment", source: "host/n1/bridge/b", target: "network/d/x", label: 'say "hi"' }],
      findings: [],
    };
    const m = toMermaid(tricky);
    expect(m).toContain('subgraph n0["n#quot;1"]');
    expect(m).toContain('n1["b#quot;r"]');
    expect(m).toContain('n2{{"d/x (invalid)"}}');
    expect(m).toContain('n1 -->|"say #quot;hi#quot;"| n2');
    expect(m.replace(/^flowchart LR\n/, "").split('"').length % 2).toBe(1);
  });
});
