import { beforeAll, describe, expect, it } from "vitest";
import { demoTopology, DEMO_NS as NS, W1 } from "@/testing/fixtures/demo";
import { pod as podObject } from "@/testing/fixtures/objects";
import { syntheticCluster } from "@/testing/fixtures/synthetic-cluster";
import type { Topology } from "../contract/schema";
import { snapshotFromObjects } from "../k8s/snapshot";
import { buildTopology } from "../topology/build";
import { parseSearchQuery, searchTopology } from "./search";

const POD_B2 = `pod/${NS}/pod-b-cc754dd7-pq9km`;

let demo: Topology;
let custom: Topology;

const pod = (name: string, status: unknown[], podIP: string) =>
  podObject(name, { namespace: "shop", node: "node-a", networks: "data", status, podIPs: [podIP] });

beforeAll(async () => {
  demo = demoTopology();
  custom = buildTopology(
    snapshotFromObjects(
      [
        { apiVersion: "v1", kind: "Node", metadata: { name: "node-a" } },
        {
          apiVersion: "k8s.cni.cncf.io/v1",
          kind: "NetworkAttachmentDefinition",
          metadata: { name: "data", namespace: "shop" },
          spec: {
            config: JSON.stringify({
              cniVersion: "0.3.1",
              name: "data",
              type: "macvlan",
              master: "ens9",
              ipam: { type: "static" },
            }),
          },
        },
        // Sorted by name, api-web comes before web-1: ordering by match kind must not follow element order.
        pod(
          "api-web",
          [
            { name: "ovn-kubernetes", interface: "eth0", ips: ["10.128.0.5"], default: true },
            // Addresses as CIDR in the data, one IPv4 and one IPv6.
            {
              name: "shop/data",
              interface: "net1",
              ips: ["192.168.50.7/24", "fd00:50::7/64"],
              mac: "02:AB:CD:00:00:07",
            },
          ],
          "10.128.0.5",
        ),
        pod(
          "web-1",
          [
            { name: "ovn-kubernetes", interface: "eth0", ips: ["10.128.0.6"], default: true },
            {
              name: "shop/data",
              interface: "net1",
              ips: ["192.168.50.8", "fd00:50:0:0:0:0:0:8"],
              mac: "02:ab:cd:00:00:08",
            },
          ],
          "10.128.0.6",
        ),
        pod("web", [{ name: "ovn-kubernetes", interface: "eth0", ips: ["fd01::9"], default: true }], "fd01::9"),
      ],
      "custom",
    ),
  );
});

describe("searchTopology: addresses", () => {
  it("a bare IP finds the interface that has it", () => {
    const hits = searchTopology(demo, "192.168.12.21");
    expect(hits).toEqual([
      {
        id: `${POD_B2}/if/net1`,
        kind: "interface",
        label: `${NS}/pod-b-cc754dd7-pq9km net1`,
        reason: "IP 192.168.12.21",
      },
    ]);
  });

  it("surrounding spaces do not matter", () => {
    expect(searchTopology(demo, "  192.168.12.21 ").map((h) => h.id)).toEqual([`${POD_B2}/if/net1`]);
  });

  it("an IP is matched whole, not as a prefix of another", () => {
    // 192.168.12.2 is a prefix of .20 and .21 as text, but no interface has it.
    expect(searchTopology(demo, "192.168.12.2")).toEqual([]);
  });

  it("a query with a prefix length finds the address", () => {
    expect(searchTopology(demo, "192.168.12.21/24").map((h) => h.id)).toEqual([`${POD_B2}/if/net1`]);
  });

  it("addresses stored as CIDR are found by the bare address, and reported without the prefix", () => {
    const hits = searchTopology(custom, "192.168.50.7");
    expect(hits).toHaveLength(1);
    expect(hits[0]).toMatchObject({
      id: "pod/shop/api-web/if/net1",
      kind: "interface",
      label: "shop/api-web net1",
      reason: "IP 192.168.50.7",
    });
  });

  it("IPv6: any spelling of the address finds it, in CIDR data or bare", () => {
    for (const q of ["fd00:50::7", "FD00:50:0::7", "fd00:0050:0000:0000:0000:0000:0000:0007", "fd00:50::7/64"]) {
      expect(
        searchTopology(custom, q).map((h) => h.id),
        q,
      ).toEqual(["pod/shop/api-web/if/net1"]);
    }
    const hits = searchTopology(custom, "fd00:50::8");
    expect(hits.map((h) => h.id)).toEqual(["pod/shop/web-1/if/net1"]);
    expect(hits[0]?.reason).toBe("IP fd00:50:0:0:0:0:0:8");
    expect(searchTopology(custom, "fd00:50::9")).toEqual([]);
  });

  it("an IPv4 query does not match an IPv6 address with the same low bits", () => {
    // ::c0a8:3207 holds the same 32 bits as 192.168.50.7.
    expect(searchTopology(custom, "::c0a8:3207")).toEqual([]);
  });

  it("a pod IP finds the pod, and the eth0 that has it", () => {
    const hits = searchTopology(demo, "10.128.2.20");
    expect(hits.map((h) => [h.id, h.reason])).toEqual([
      [`pod/${NS}/pod-a-5bb7694d4-j8g6b`, "pod IP 10.128.2.20"],
      [`pod/${NS}/pod-a-5bb7694d4-j8g6b/if/eth0`, "IP 10.128.2.20"],
    ]);
    expect(searchTopology(custom, "FD01::9").map((h) => h.id)).toEqual(["pod/shop/web", "pod/shop/web/if/eth0"]);
  });
});

describe("searchTopology: MAC addresses", () => {
  it("matches whatever the case, and with dashes", () => {
    for (const q of ["00:1a:4a:16:06:81", "00:1A:4A:16:06:81", "00-1a-4a-16-06-81", "00-1A-4A-16-06-81"]) {
      const hits = searchTopology(demo, q);
      expect(
        hits.map((h) => h.id),
        q,
      ).toEqual([`${POD_B2}/if/net1`]);
      expect(hits[0]?.reason).toBe("MAC 00:1a:4a:16:06:81");
    }
  });

  it("matches data stored in upper case", () => {
    expect(searchTopology(custom, "02:ab:cd:00:00:07").map((h) => h.id)).toEqual(["pod/shop/api-web/if/net1"]);
    expect(searchTopology(custom, "02:AB:CD:00:00:08").map((h) => h.id)).toEqual(["pod/shop/web-1/if/net1"]);
  });

  it("a partial MAC matches nothing", () => {
    expect(searchTopology(demo, "00:1a:4a:16:06")).toEqual([]);
  });
});

describe("searchTopology: names", () => {
  it("exact names first, then names starting with the query, then names containing it", () => {
    const hits = searchTopology(custom, "web");
    expect(hits.map((h) => h.id)).toEqual(["pod/shop/web", "pod/shop/web-1", "pod/shop/api-web"]);
    expect(hits.map((h) => h.label)).toEqual(["shop/web", "shop/web-1", "shop/api-web"]);
    expect(hits.every((h) => h.kind === "pod" && h.reason === "pod")).toBe(true);
  });

  it("pods whose name starts with the query come before pods that only contain it", () => {
    const hits = searchTopology(demo, "pod-b");
    const ids = hits.map((h) => h.id);
    expect(ids.slice(0, 2).sort()).toEqual([`pod/${NS}/pod-b-85ffcd4c7c-xpp2z`, POD_B2].sort());
    expect(searchTopology(custom, "WEB-").map((h) => h.id)).toEqual(["pod/shop/web-1"]);
    // "b-c" is inside pod-b-cc754dd7 only.
    expect(searchTopology(demo, "b-c").map((h) => h.id)).toEqual([POD_B2]);
  });

  it("matching is case-insensitive and covers namespace/name", () => {
    expect(searchTopology(demo, "MULTUS-TEST/POD-E").map((h) => h.id)).toEqual([`pod/${NS}/pod-e-5c7d9f8b6-q4w8z`]);
    expect(searchTopology(demo, "multus-test/bridge-main")).toEqual([
      { id: `network/${NS}/bridge-main`, kind: "network", label: `${NS}/bridge-main`, reason: "network" },
    ]);
  });

  it("finds hosts, bridges and NICs, labelled with their host", () => {
    const host = searchTopology(demo, "worker1");
    expect(host[0]).toEqual({ id: `host/${W1}`, kind: "host", label: W1, reason: "host" });
    // the host's own points contain "worker1" in their label, and come after the host
    expect(host.map((h) => h.id)).toEqual([
      `host/${W1}`,
      `host/${W1}/bridge/mybr0`,
      `host/${W1}/host-device/ens8`,
      `host/${W1}/macvlan-parent/ens9`,
    ]);
    expect(searchTopology(demo, "mybr0")).toEqual([
      { id: `host/${W1}/bridge/mybr0`, kind: "bridge", label: `mybr0 on ${W1}`, reason: "bridge" },
    ]);
    expect(
      searchTopology(demo, "ens9")
        .map((h) => h.id)
        .sort(),
    ).toEqual([`host/${W1}/macvlan-parent/ens9`, "host/worker2.ocp46rt.priv.local/macvlan-parent/ens9"]);
  });

  it("does not match interfaces by name (net1 is on every pod)", () => {
    expect(searchTopology(demo, "net1")).toEqual([]);
  });

  it("an empty or blank query finds nothing", () => {
    expect(searchTopology(demo, "")).toEqual([]);
    expect(searchTopology(demo, "   ")).toEqual([]);
  });

  it("nothing matching finds nothing", () => {
    expect(searchTopology(demo, "zzz-no-such-thing")).toEqual([]);
  });
});

describe("searchTopology: limit", () => {
  it("returns at most 12 hits by default, and at most the limit given", () => {
    const big = buildTopology(
      snapshotFromObjects(syntheticCluster({ nodes: 3, pods: 40, nads: 4, seed: 3 }), "synthetic"),
    );
    expect(searchTopology(big, "app-")).toHaveLength(12);
    expect(searchTopology(big, "app-", 5)).toHaveLength(5);
    expect(searchTopology(big, "app-", 100)).toHaveLength(40);
    expect(searchTopology(demo, "pod-", 3).map((h) => h.kind)).toEqual(["pod", "pod", "pod"]);
    expect(searchTopology(demo, "pod-")).toHaveLength(7);
  });

  it("the limit keeps the best hits: exact ones are not cut for later ones", () => {
    // "web" matches web exactly, web-1 by prefix, api-web by contains.
    expect(searchTopology(custom, "web", 1).map((h) => h.id)).toEqual(["pod/shop/web"]);
    expect(searchTopology(custom, "web", 2).map((h) => h.id)).toEqual(["pod/shop/web", "pod/shop/web-1"]);
  });
});

describe("searchTopology: ranges, node and PCI addresses", () => {
  it("a range lists every interface inside it, IPv4 and IPv6, and nothing outside", () => {
    const v4 = searchTopology(demo, "192.168.12.0/24", 100);
    expect(v4.length).toBeGreaterThanOrEqual(4);
    expect(v4.map((h) => h.id)).toContain(`${POD_B2}/if/net1`);
    expect(v4.every((h) => h.reason.endsWith("in 192.168.12.0/24"))).toBe(true);
    expect(searchTopology(demo, "192.168.13.0/24")).toEqual([]);
    const v6 = searchTopology(custom, "fd00:50::/64", 100);
    expect(v6.map((h) => h.id)).toEqual(["pod/shop/api-web/if/net1", "pod/shop/web-1/if/net1"]);
    expect(searchTopology(custom, "fd00:51::/64")).toEqual([]);
  });

  it("an address with its prefix length is still that one address, not its range", () => {
    expect(searchTopology(demo, "192.168.12.21/24").map((h) => h.id)).toEqual([`${POD_B2}/if/net1`]);
  });

  it("finds a host by its node address, bare or by range", () => {
    expect(searchTopology(demo, "10.0.0.22")).toEqual([
      {
        id: "host/worker2.ocp46rt.priv.local",
        kind: "host",
        label: "worker2.ocp46rt.priv.local",
        reason: "node address 10.0.0.22",
      },
    ]);
    expect(
      searchTopology(demo, "10.0.0.0/24")
        .map((h) => h.id)
        .filter((id) => id.startsWith("host/")),
    ).toEqual(["host/worker1.ocp46rt.priv.local", "host/worker2.ocp46rt.priv.local"]);
  });

  it("finds an SR-IOV VF by its PCI address and by its PF's, with or without the domain", () => {
    const sriov = buildTopology(
      snapshotFromObjects(
        [
          { apiVersion: "v1", kind: "Node", metadata: { name: "node-a" } },
          {
            apiVersion: "v1",
            kind: "Pod",
            metadata: {
              name: "dpdk",
              namespace: "shop",
              annotations: {
                "k8s.v1.cni.cncf.io/networks": "sriov-a",
                // As the SR-IOV CNI reports it (Multus device-info, k8snetworkplumbingwg device-info-spec).
                "k8s.v1.cni.cncf.io/network-status": JSON.stringify([
                  {
                    name: "shop/sriov-a",
                    interface: "net1",
                    ips: ["10.56.217.171"],
                    "device-info": {
                      type: "pci",
                      version: "1.1.0",
                      pci: { "pci-address": "0000:18:02.5", "pf-pci-address": "0000:18:00.1" },
                    },
                  },
                ]),
              },
            },
            spec: { nodeName: "node-a" },
            status: { phase: "Running" },
          },
        ],
        "sriov",
      ),
    );
    const vf = "pod/shop/dpdk/if/net1";
    expect(searchTopology(sriov, "0000:18:02.5")).toEqual([
      { id: vf, kind: "interface", label: "shop/dpdk net1", reason: "PCI 0000:18:02.5" },
    ]);
    expect(searchTopology(sriov, "18:02.5").map((h) => h.id)).toEqual([vf]);
    expect(searchTopology(sriov, "0000:18:00.1").map((h) => h.reason)).toEqual(["PF PCI 0000:18:00.1"]);
    expect(searchTopology(sriov, "0000:18:02.6")).toEqual([]);
  });
});

describe("parseSearchQuery", () => {
  it("tells ranges, addresses, MACs, PCI addresses and names apart", () => {
    expect(parseSearchQuery("20.2.2.0/24")?.kind).toBe("range");
    expect(parseSearchQuery("fd00:10::/64")?.kind).toBe("range");
    expect(parseSearchQuery("20.2.2.7/24")?.kind).toBe("address");
    expect(parseSearchQuery("20.2.2.7/32")?.kind).toBe("address");
    expect(parseSearchQuery("20.2.2.7")?.kind).toBe("address");
    expect(parseSearchQuery("00-1A-4A-16-06-81")?.kind).toBe("mac");
    expect(parseSearchQuery("0000:3b:00.1")?.kind).toBe("pci");
    expect(parseSearchQuery("pod-a")?.kind).toBe("name");
    expect(parseSearchQuery("20.2.2.0/33")?.kind).toBe("name");
    expect(parseSearchQuery("  ")).toBeNull();
  });
});
