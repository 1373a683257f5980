import { describe, expect, it } from "vitest";
import { nad, node, operatorNetwork, pod } from "@/testing/fixtures/objects";
import { compareCodePoints } from "../compare";
import { type Topology, topologySchema } from "../contract/schema";
import { snapshotFromObjects } from "../k8s/snapshot";
import { parseNadConfig } from "../nad/parse-config";
import { buildTopology } from "./build";
import { usableSize } from "./checks";
import { toDot } from "./format-dot";
import { toMermaid } from "./format-mermaid";

// Each case here once crashed the build, made two objects share an id, or made the result depend on input order
// (issue 11). Objects are written the way a file could hold them, not the way the API server would accept them.

function build(objects: unknown[]): Topology {
  const t = buildTopology(snapshotFromObjects(objects, "test"));
  topologySchema.parse(t);
  const ids = t.elements.map((e) => e.id);
  expect(new Set(ids).size).toBe(ids.length);
  return t;
}

/** `[[[…5000…]]]`: accepted by the API server inside spec.config, and once fatal to JSON.stringify. */
const deep = (depth: number): string => `${"[".repeat(depth)}${"]".repeat(depth)}`;
const deepValue = (depth: number): unknown => JSON.parse(deep(depth));

describe("a NAD nested thousands of levels deep", () => {
  for (const [type, field] of [
    ["bridge", "mtu"],
    ["bridge", "vlan"],
    ["vlan", "vlanId"],
  ] as const) {
    it(`in ${type} \`${field}\` becomes a finding on that network, not a crash`, () => {
      const config = `{"cniVersion":"0.3.1","type":"${type}","master":"ens3","${field}":${deep(5000)}}`;
      const t = build([nad("poison", config), nad("fine", { cniVersion: "0.3.1", type: "macvlan", master: "ens3" })]);
      const finding = t.findings.find((f) => f.elements.includes("network/demo/poison"));
      expect(finding?.message).toContain(`\`${field}\` must be a whole number`);
      expect(finding?.message.length).toBeLessThan(300);
      expect(t.elements.map((e) => e.id)).toContain("network/demo/fine");
    });
  }

  it("in an operator entry's rawCNIConfig or static IPAM, likewise", () => {
    const raw = `{"cniVersion":"0.3.1","type":"macvlan","mtu":${deep(5000)}}`;
    const t = build([
      operatorNetwork([
        { name: "raw", namespace: "demo", type: "Raw", rawCNIConfig: raw },
        {
          name: "simple",
          namespace: "demo",
          type: "SimpleMacvlan",
          simpleMacvlanConfig: {
            ipamConfig: { type: "Static", staticIPAMConfig: { addresses: [{ address: deepValue(5000) }] } },
          },
        },
      ]),
      nad("raw", raw),
    ]);
    expect(t.findings.some((f) => f.code === "nad-invalid-config" && f.elements.includes("network/demo/raw"))).toBe(
      true,
    );
    expect(t.findings.some((f) => f.code === "operator-network-pending" && f.message.includes("demo/simple"))).toBe(
      true,
    );
  });

  it("as a List nested in a List a hundred thousand times, is read without recursion", () => {
    let list: unknown = nad("inner", { cniVersion: "0.3.1", type: "macvlan", master: "ens3" });
    for (let i = 0; i < 100_000; i++) list = { apiVersion: "v1", kind: "List", items: [list] };
    expect(build([list]).elements.map((e) => e.id)).toEqual(["network/demo/inner"]);
  });
});

describe("metadata a file can hold but the API server would refuse", () => {
  it.each([true, 7, { toString: "y" }, Number.NaN, ["a"]])("a namespace of %j is an invalid object, skipped", (ns) => {
    const broken = { ...pod("p", { node: "w1" }), metadata: { name: "p", namespace: ns } };
    const s = snapshotFromObjects([broken, pod("q", { node: "w1" })], "test");
    expect(s.notes.map((n) => n.message)).toEqual([
      "test document 1: Pod p: metadata.namespace is not a string; skipped",
    ]);
    expect(build([broken, pod("q", { node: "w1" })]).elements.map((e) => e.id)).toEqual(["host/w1", "pod/demo/q"]);
  });

  it.each(["__proto__", "constructor", "toString", "hasOwnProperty"])("a CNI type %s is just another type", (type) => {
    const r = parseNadConfig(JSON.stringify({ cniVersion: "0.3.1", type }));
    expect(r.ok && r.value.mainType).toBe("other");
    expect(r.ok && r.value.cniType).toBe(type);
  });

  it("names with `/` are left out with a finding instead of replacing another element", () => {
    const bridge = { cniVersion: "0.3.1", type: "bridge", bridge: "br0" };
    const t = build([
      node("n"),
      node("n/bridge/br0"),
      nad("br", bridge),
      pod("p", { node: "n", networks: "br" }),
      pod("p/if/net1", { node: "n" }),
      pod("elsewhere", { node: "n/bridge/br0" }),
    ]);
    expect(t.elements.map((e) => `${e.kind} ${e.id}`)).toEqual([
      "host host/n",
      "bridge host/n/bridge/br0",
      "pod pod/demo/elsewhere",
      "pod pod/demo/p",
      "interface pod/demo/p/if/net1",
      "network network/demo/br",
    ]);
    const invalid = t.findings.filter((f) => f.code === "object-invalid").map((f) => f.message);
    expect(invalid).toEqual([
      'Node with name "n/bridge/br0": not a valid Kubernetes name, so the API server would refuse it; left out',
      'Pod with name "p/if/net1": not a valid Kubernetes name, so the API server would refuse it; left out',
      'Pod demo/elsewhere: spec.nodeName "n/bridge/br0" is not a valid node name; drawn without a host',
    ]);
  });

  it("interface and device names with `/`, `~` or `>` are escaped, so they never fake another id", () => {
    const status = [
      { name: "demo/br", interface: "net1", ips: ["10.0.0.1"] },
      { name: "demo/br", interface: "net1", ips: ["10.0.0.2"] },
      { name: "demo/br", interface: "net1~2", ips: ["10.0.0.3"] },
      { name: "demo/br", interface: "net1/x", ips: ["10.0.0.4"] },
    ];
    const t = build([
      nad("br", { cniVersion: "0.3.1", type: "bridge", bridge: "a/b" }),
      pod("p", { node: "n", status }),
    ]);
    expect(t.elements.filter((e) => e.kind === "interface").map((e) => [e.id, e.name])).toEqual([
      ["pod/demo/p/if/net1", "net1"],
      ["pod/demo/p/if/net1%2Fx", "net1/x"],
      ["pod/demo/p/if/net1%7E2", "net1~2"],
      ["pod/demo/p/if/net1~2", "net1"],
    ]);
    expect(t.elements.find((e) => e.kind === "bridge")?.id).toBe("host/n/bridge/a%2Fb");
    expect(new Set(t.links.map((l) => l.id)).size).toBe(t.links.length);
  });

  it("a NAD without a namespace and the same NAD in `default` are one network, whichever comes first", () => {
    const a = nad("br", { cniVersion: "0.3.1", type: "bridge", bridge: "one" }, { namespace: null });
    const b = nad("br", { cniVersion: "0.3.1", type: "bridge", bridge: "two" }, { namespace: "default" });
    const ab = build([a, b]);
    expect(ab.elements.filter((e) => e.kind === "network")).toHaveLength(1);
    expect(build([b, a])).toEqual(ab);
  });
});

describe("the same objects in any order give the same topology", () => {
  it("two operator Networks named cluster", () => {
    const one = operatorNetwork([{ name: "x", namespace: "demo", type: "Raw", rawCNIConfig: '{"type":"macvlan"}' }]);
    const two = operatorNetwork(
      [{ name: "y", namespace: "demo", type: "Raw", rawCNIConfig: '{"type":"macvlan"}' }],
      "stray",
    );
    expect(build([one, two])).toEqual(build([two, one]));
  });

  it("names equal under localeCompare but not in code points (é and e + U+0301)", () => {
    const nfc = pod("caf\u00e9", { node: "n" });
    const nfd = pod("cafe\u0301", { node: "n" });
    // Kubernetes refuses both names; from a file, both are left out the same way in both orders.
    expect(build([nfc, nfd])).toEqual(build([nfd, nfc]));
    const ids = ["pod/demo/cafe\u0301", "pod/demo/caf\u00e9", "pod/demo/cafe"];
    expect([...ids].sort(compareCodePoints)).toEqual(["pod/demo/cafe", "pod/demo/cafe\u0301", "pod/demo/caf\u00e9"]);
  });

  it("code points, not UTF-16 units: U+FF5E sorts before U+1F600", () => {
    expect(["\u{1F600}", "\uFF5E", "a"].sort(compareCodePoints)).toEqual(["a", "\uFF5E", "\u{1F600}"]);
  });
});

describe("range sizes", () => {
  it("a range_start of the other family gives no size instead of 184 million", () => {
    expect(usableSize({ subnet: "192.168.12.0/24", start: "fd00::5", exclude: [] })).toBeNull();
    expect(usableSize({ subnet: "192.168.12.0/24", start: "10.0.0.1", exclude: [] })).toBeNull();
    expect(usableSize({ subnet: "192.168.12.0/24", start: "192.168.12.10", exclude: [] })).toBe(245);
  });
});

describe("dot and mermaid on a host with many pods", () => {
  it("draw every pod once", () => {
    const pods = Array.from({ length: 2000 }, (_, i) => pod(`p${i}`, { node: "n" }));
    const t = build(pods);
    expect(toDot(t).match(/subgraph "cluster_pod\//g)).toHaveLength(2000);
    expect(toMermaid(t).match(/subgraph n\d+\["demo\/p\d+"\]/g)).toHaveLength(2000);
  });
});

describe("counterexamples found by the fuzz suite", () => {
  it("an Event whose count is beyond 2^53 keeps the contract (seed 20261202, case 1131)", () => {
    const t = build([
      pod("p", { node: "n", networks: "br" }),
      nad("br", { cniVersion: "0.3.1", type: "bridge", bridge: "br0" }),
      {
        apiVersion: "v1",
        kind: "Event",
        metadata: { name: "p.1", namespace: "demo" },
        involvedObject: { kind: "Pod", name: "p", namespace: "demo" },
        reason: "FailedCreatePodSandBox",
        type: "Warning",
        message:
          'failed to create pod network sandbox: plugin type="multus" failed (add): error adding container to network "br": failed to find plugin "bridge"',
        count: 2.770297895671869e93,
        lastTimestamp: "2024-06-03T09:53:03Z",
      },
    ]);
    const events = t.elements.flatMap((e) => ("events" in e ? (e.events ?? []) : []));
    expect(events.map((e) => e.count)).toEqual([Number.MAX_SAFE_INTEGER]);
  });
});
