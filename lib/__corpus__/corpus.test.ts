import { readdirSync, readFileSync } from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import type { InterfaceElement, NetworkElement, Topology, TopologyElement } from "@/lib/contract/schema";
import { parseObjects } from "@/lib/k8s/read-objects";
import { snapshotFromObjects } from "@/lib/k8s/snapshot";
import { buildTopology } from "@/lib/topology/build";
import { OVN_EXPECTED } from "./ovn-expectations";

const CORPUS_DIR = import.meta.dirname;

/** Every fixture, as `dir/file.yaml`, sorted. */
function corpusFiles(): string[] {
  return readdirSync(CORPUS_DIR, { withFileTypes: true })
    .filter((d) => d.isDirectory())
    .flatMap((d) => readdirSync(path.join(CORPUS_DIR, d.name)).map((f) => `${d.name}/${f}`))
    .filter((f) => f.endsWith(".yaml"))
    .sort();
}

const corpusText = (file: string): string => readFileSync(path.join(CORPUS_DIR, file), "utf8");

/** The project (owner/name) a fixture names on its `# source:` line, or the first words when it is not on GitHub. */
function sourceOf(file: string): string | null {
  const line = corpusText(file)
    .split("\n")
    .find((l) => l.startsWith("# source: "));
  if (!line) return null;
  const rest = line.slice("# source: ".length);
  return /^([\w.-]+\/[\w.-]+)/.exec(rest)?.[1] ?? rest.split(" ").slice(0, 4).join(" ");
}

function corpusTopology(file: string): Topology {
  const full = path.join(CORPUS_DIR, file);
  return buildTopology(snapshotFromObjects(parseObjects(readFileSync(full, "utf8"), full), file));
}

/** What a test says about one interface: any of these fields, compared exactly. */
type InterfaceExpectation = Partial<
  Pick<InterfaceElement, "network" | "ips" | "mac" | "attached" | "requested" | "isDefault" | "deviceInfo">
>;

interface Expectation {
  /** every pod interface by id (`pod/<ns>/<pod>/if/<name>`): no more, no fewer */
  interfaces: Record<string, InterfaceExpectation>;
  /** every attachment: interface id → host-side point id */
  attachments: Record<string, string>;
  /** every finding as "severity code", sorted */
  findings: string[];
  /** networks by id, fields compared as a subset */
  networks?: Record<string, Partial<NetworkElement>>;
  /** anything else the source documents */
  also?: (t: Topology) => void;
}

const interfacesOf = (t: Topology): Record<string, InterfaceElement> =>
  Object.fromEntries(t.elements.filter((e): e is InterfaceElement => e.kind === "interface").map((e) => [e.id, e]));

const attachmentsOf = (t: Topology): Record<string, string> =>
  Object.fromEntries(t.links.filter((l) => l.kind === "attachment").map((l) => [l.source, l.target]));

const findingsOf = (t: Topology): string[] => t.findings.map((f) => `${f.severity} ${f.code}`).sort();

function elementOf<K extends TopologyElement["kind"]>(
  t: Topology,
  id: string,
  kind: K,
): Extract<TopologyElement, { kind: K }> {
  const found = t.elements.find((e) => e.id === id);
  if (found?.kind !== kind) throw new Error(`no ${kind} ${id}; have ${t.elements.map((e) => e.id).join(", ")}`);
  // narrowed by the kind check just above
  return found as Extract<TopologyElement, { kind: K }>;
}

// ---- what each source documents ---------------------------------------------------------------------------------

const LINKS_INFERRED = "info node-links-inferred";
const NOT_ATTACHED = "info network-not-attached"; // requested by a pod that is not scheduled yet
const MACVLAN_CONF_1: Partial<NetworkElement> = {
  mainType: "macvlan",
  master: "eth1",
  ipam: {
    type: "host-local",
    ranges: [{ subnet: "10.10.0.0/16", start: "10.10.1.20", end: "10.10.3.50", gateway: "10.10.0.254", exclude: [] }],
    addresses: [],
  },
};
const requestedOnly = (network: string) => ({ network, attached: false, requested: true, ips: [] });
const mynet = "network/default/mynet";

const EXPECTED: Record<string, Expectation> = {
  // ---- Multus: quickstart, how-to-use, examples -------------------------------------------------------------------
  "multus-docs/quickstart-macvlan-conf.yaml": {
    // Multus 3.x status: "macvlan-conf" without namespace means the pod's own (default), the request's network.
    interfaces: {
      "pod/default/samplepod/if/eth0": { network: "cbr0", ips: ["10.244.1.73"], isDefault: true, attached: true },
      "pod/default/samplepod/if/net1": {
        network: "default/macvlan-conf",
        ips: ["192.168.1.205"],
        mac: "86:1d:96:ff:55:0d",
        attached: true,
        requested: true,
      },
    },
    attachments: { "pod/default/samplepod/if/net1": "host/kube-node-1/macvlan-parent/eth0" },
    findings: [LINKS_INFERRED],
    networks: {
      "network/default/macvlan-conf": {
        master: "eth0",
        mode: "bridge",
        ipam: {
          type: "host-local",
          ranges: [
            {
              subnet: "192.168.1.0/24",
              start: "192.168.1.200",
              end: "192.168.1.216",
              gateway: "192.168.1.1",
              exclude: [],
            },
          ],
          addresses: [],
        },
      },
    },
  },
  "multus-docs/quickstart-two-interfaces.yaml": {
    interfaces: {
      "pod/default/samplepod/if/net1": requestedOnly("default/macvlan-conf"),
      "pod/default/samplepod/if/net2": requestedOnly("default/macvlan-conf"),
    },
    attachments: {},
    findings: [NOT_ATTACHED, NOT_ATTACHED],
  },
  "multus-docs/howto-macvlan-conf-1.yaml": {
    interfaces: {},
    attachments: {},
    findings: [],
    networks: { "network/default/macvlan-conf-1": MACVLAN_CONF_1 },
  },
  "multus-docs/howto-pod-case-01-text.yaml": {
    // "macvlan-conf-1, macvlan-conf-2": the page never creates macvlan-conf-2.
    interfaces: {
      "pod/default/pod-case-01/if/net1": requestedOnly("default/macvlan-conf-1"),
      "pod/default/pod-case-01/if/net2": requestedOnly("default/macvlan-conf-2"),
    },
    attachments: {},
    findings: ["error network-not-found", NOT_ATTACHED],
  },
  "multus-docs/howto-pod-case-02-other-namespace.yaml": {
    interfaces: { "pod/default/pod-case-02/if/net1": requestedOnly("testns1/macvlan-conf-3") },
    attachments: {},
    findings: [NOT_ATTACHED],
    networks: { "network/testns1/macvlan-conf-3": { namespace: "testns1", master: "eth1" } },
  },
  "multus-docs/howto-pod-case-03-ifname.yaml": {
    interfaces: { "pod/default/pod-case-03/if/macvlan1": requestedOnly("default/macvlan-conf-1") },
    attachments: {},
    findings: [NOT_ATTACHED],
  },
  "multus-docs/howto-pod-case-04-json.yaml": {
    interfaces: {
      "pod/default/pod-case-04/if/net1": requestedOnly("default/macvlan-conf-1"),
      "pod/default/pod-case-04/if/net2": requestedOnly("default/macvlan-conf-2"),
    },
    attachments: {},
    findings: ["error network-not-found", NOT_ATTACHED],
  },
  "multus-docs/howto-pod-case-05-json-namespace.yaml": {
    // The page asks for testns1/macvlan-conf-1, but the only NAD it creates in testns1 is macvlan-conf-3.
    interfaces: { "pod/default/pod-case-05/if/net1": requestedOnly("testns1/macvlan-conf-1") },
    attachments: {},
    findings: ["error network-not-found"],
  },
  "multus-docs/howto-pod-case-06-json-interface.yaml": {
    interfaces: {
      "pod/default/pod-case-06/if/macvlan1": requestedOnly("default/macvlan-conf-1"),
      "pod/default/pod-case-06/if/net2": requestedOnly("default/macvlan-conf-2"),
    },
    attachments: {},
    findings: ["error network-not-found", NOT_ATTACHED],
  },
  "multus-docs/howto-default-route.yaml": {
    interfaces: { "pod/default/samplepod/if/net1": requestedOnly("default/macvlan-conf") },
    attachments: {},
    findings: [NOT_ATTACHED],
    also: (t) => {
      expect(elementOf(t, "pod/default/samplepod", "pod").requested).toEqual([
        { network: "default/macvlan-conf", interface: "net1", ips: [] },
      ]);
    },
  },
  "multus-docs/examples-macvlan-pod.yaml": {
    // macvlan then tuning: the macvlan makes the interface; the address and MAC come from the pod's request.
    interfaces: {
      "pod/default/samplepod/if/net1": {
        network: "default/macvlan-conf",
        ips: ["10.1.1.101/24"],
        mac: "c2:b0:57:49:47:f1",
        attached: false,
        requested: true,
      },
    },
    attachments: {},
    findings: [NOT_ATTACHED],
    networks: {
      "network/default/macvlan-conf": {
        mainType: "macvlan",
        plugins: ["macvlan", "tuning"],
        ipam: { type: "static", ranges: [], addresses: [] },
      },
    },
  },

  // ---- whereabouts ------------------------------------------------------------------------------------------------
  "whereabouts/readme-exclude.yaml": {
    interfaces: {},
    attachments: {},
    findings: [],
    networks: {
      "network/default/whereaboutsexample": {
        ipam: {
          type: "whereabouts",
          ranges: [{ subnet: "192.168.2.225/28", exclude: ["192.168.2.229/30", "192.168.2.236/32"] }],
          addresses: [],
        },
      },
    },
  },
  "whereabouts/readme-ipv6.yaml": {
    // The README's gateway 2001::f:1 lies outside its own 2001::0/116 (2001:: to 2001::fff).
    interfaces: {},
    attachments: {},
    findings: ["warning nad-invalid-config"],
    also: (t) => expect(t.findings[0]?.message).toContain("gateway 2001::f:1 is outside 2001::0/116"),
  },
  "whereabouts/readme-iprange-multiple.yaml": {
    interfaces: {},
    attachments: {},
    findings: [],
    also: (t) =>
      expect(elementOf(t, "network/default/whereaboutsexample", "network").ipam?.ranges.map((r) => r.subnet)).toEqual([
        "192.168.10.1/24",
        "176.168.10.1/16",
      ]),
  },
  "whereabouts/readme-iprange-with-range.yaml": {
    interfaces: {},
    attachments: {},
    findings: [],
    also: (t) =>
      expect(elementOf(t, "network/default/whereaboutsexample", "network").ipam?.ranges.map((r) => r.subnet)).toEqual([
        "abcd::1/64",
        "192.168.10.1/24",
        "176.168.10.1/16",
      ]),
  },
  "whereabouts/readme-dualstack.yaml": {
    interfaces: {},
    attachments: {},
    findings: [],
    also: (t) =>
      expect(elementOf(t, "network/default/whereaboutsexample", "network").ipam?.ranges.map((r) => r.subnet)).toEqual([
        "192.168.10.1/24",
        "abcd::1/64",
      ]),
  },
  "whereabouts/readme-range-end-syntax.yaml": {
    interfaces: {},
    attachments: {},
    findings: [],
    networks: {
      "network/default/whereabouts-conf": {
        ipam: {
          type: "whereabouts",
          ranges: [{ subnet: "192.168.2.225/28", start: "192.168.2.225", end: "192.168.2.230", exclude: [] }],
          addresses: [],
        },
      },
    },
  },
  "whereabouts/readme-whereabouts-conf.yaml": {
    interfaces: {},
    attachments: {},
    findings: ["warning nad-name-mismatch"],
    also: (t) => expect(t.findings[0]?.message).toContain('"whereaboutsexample" but the NAD is whereabouts-conf'),
  },
  "whereabouts/issue-403-insane-allocation.yaml": {
    // The report's IPPool, pasted as a bare list item: read, and its impossible offset named.
    interfaces: {},
    attachments: {},
    findings: ["warning ippool-invalid"],
    also: (t) => expect(t.findings[0]?.message).toContain("offset 18446463705355360228 lies outside 1.2.3.0/24"),
  },
  "whereabouts/issue-112-allocation-without-podref.yaml": {
    // An allocation without podref is in use by someone unknown: counted, never called stale.
    interfaces: {},
    attachments: {},
    findings: ["warning ippool-stale-allocation"],
    networks: {
      "network/powerdns-master/powerdns-net": {
        ipam: {
          type: "whereabouts",
          ranges: [{ subnet: "10.20.0.0/24", exclude: [] }],
          addresses: [],
          pool: { name: "10.20.0.0-24", allocated: 2, size: 254, stale: 1 },
        },
      },
    },
    also: (t) => {
      expect(t.findings[0]?.message).toContain("10.20.0.199 for powerdns-master/");
      expect(t.findings[0]?.message).not.toContain("10.20.0.254");
    },
  },
  "whereabouts/ippool-and-reservation.yaml": {
    interfaces: {
      "pod/default/netshoot-deployment-6b5d7c9f8-abcde/if/eth0": { network: "kindnet", isDefault: true },
      "pod/default/netshoot-deployment-6b5d7c9f8-abcde/if/net1": {
        network: "default/whereabouts-conf",
        ips: ["192.168.2.225"],
        attached: true,
      },
    },
    attachments: {
      "pod/default/netshoot-deployment-6b5d7c9f8-abcde/if/net1": "host/kind-worker/macvlan-parent/eth0",
    },
    findings: [LINKS_INFERRED, "warning ippool-stale-allocation"],
    also: (t) => {
      // 14 usable addresses in .224/28; two reserved, one of them for a pod that is gone.
      expect(elementOf(t, "network/default/whereabouts-conf", "network").ipam?.pool).toEqual({
        name: "192.168.2.224-28",
        allocated: 2,
        size: 14,
        stale: 1,
      });
      expect(t.findings.find((f) => f.code === "ippool-stale-allocation")?.message).toContain("192.168.2.226");
    },
  },

  // ---- cni.dev (the reference plugins' documentation) -------------------------------------------------------------
  "cni-dev/bridge-host-local.yaml": {
    interfaces: {},
    attachments: {},
    findings: [],
    networks: {
      [mynet]: {
        mainType: "bridge",
        bridge: "mynet0",
        ipam: { type: "host-local", ranges: [{ subnet: "10.10.0.0/16", exclude: [] }], addresses: [] },
      },
    },
  },
  "cni-dev/bridge-l2-only.yaml": {
    interfaces: {},
    attachments: {},
    findings: [],
    networks: { [mynet]: { mainType: "bridge", ipam: { type: "none", ranges: [], addresses: [] } } },
  },
  "cni-dev/macvlan-dhcp.yaml": {
    interfaces: {},
    attachments: {},
    findings: [],
    networks: { [mynet]: { mainType: "macvlan", master: "eth0", ipam: { type: "dhcp", ranges: [], addresses: [] } } },
  },
  "cni-dev/ipvlan-host-local.yaml": {
    interfaces: {},
    attachments: {},
    findings: [],
    networks: { [mynet]: { mainType: "ipvlan", master: "eth0" } },
  },
  "cni-dev/vlan.yaml": {
    interfaces: {},
    attachments: {},
    findings: [],
    networks: { [mynet]: { mainType: "vlan", master: "eth0", vlan: 5, mtu: 1500 } },
  },
  "cni-dev/host-device-device.yaml": {
    interfaces: {},
    attachments: {},
    findings: [],
    networks: { "network/default/hostdev-device": { mainType: "host-device", device: "enp0s1", ipam: null } },
  },
  "cni-dev/host-device-pcibusid.yaml": {
    interfaces: {},
    attachments: {},
    findings: [],
    networks: { "network/default/hostdev-pci": { mainType: "host-device", device: "0000:3d:00.1" } },
  },
  "cni-dev/sbr-conflist.yaml": {
    // As printed, the page's JSON has a trailing comma: Multus would refuse it too.
    interfaces: {},
    attachments: {},
    findings: ["error nad-invalid-config"],
  },
  "cni-dev/portmap-conflist.yaml": {
    interfaces: {},
    attachments: {},
    findings: ["error nad-invalid-config"],
  },
  "cni-dev/sbr-after-macvlan.yaml": {
    interfaces: {},
    attachments: {},
    findings: [],
    networks: { [mynet]: { mainType: "macvlan", cniType: "macvlan", plugins: ["macvlan", "sbr"] } },
  },
  "cni-dev/spec-dbnet-conflist.yaml": {
    interfaces: {},
    attachments: {},
    findings: [],
    networks: {
      "network/default/dbnet": { mainType: "bridge", bridge: "cni0", plugins: ["bridge", "tuning", "portmap"] },
    },
  },
  "cni-dev/tuning-alone.yaml": {
    // tuning only modifies an interface another plugin made: as a NAD of its own it attaches nothing.
    interfaces: {},
    attachments: {},
    findings: ["warning nad-invalid-config"],
  },
  "cni-dev/host-local-ranges-dual.yaml": {
    interfaces: {},
    attachments: {},
    findings: [],
    also: (t) =>
      expect(elementOf(t, mynet, "network").ipam?.ranges).toEqual([
        { subnet: "10.10.0.0/16", start: "10.10.1.20", end: "10.10.3.50", gateway: "10.10.0.254", exclude: [] },
        { subnet: "172.16.5.0/24", exclude: [] },
        {
          subnet: "3ffe:ffff:0:01ff::/64",
          start: "3ffe:ffff:0:01ff::0010",
          end: "3ffe:ffff:0:01ff::0020",
          exclude: [],
        },
      ]),
  },
  "cni-dev/host-local-flat-ipv6.yaml": {
    interfaces: {},
    attachments: {},
    findings: [],
    also: (t) =>
      expect(elementOf(t, mynet, "network").ipam?.ranges).toEqual([
        {
          subnet: "3ffe:ffff:0:01ff::/64",
          start: "3ffe:ffff:0:01ff::0010",
          end: "3ffe:ffff:0:01ff::0020",
          exclude: [],
        },
      ]),
  },
  "cni-dev/static-dual.yaml": {
    interfaces: {},
    attachments: {},
    findings: [],
    networks: {
      [mynet]: { ipam: { type: "static", ranges: [], addresses: ["10.10.0.1/24", "3ffe:ffff:0:01ff::1/64"] } },
    },
  },
  "cni-dev/dhcp-options.yaml": {
    interfaces: {},
    attachments: {},
    findings: [],
    networks: { [mynet]: { ipam: { type: "dhcp", ranges: [], addresses: [] } } },
  },

  // ---- kubernetes-nmstate ----------------------------------------------------------------------------------------
  "nmstate/reporting-node01.yaml": {
    // cni0 has no ports, but no network uses it: reported, not an island.
    interfaces: {},
    attachments: {},
    findings: [],
    also: (t) => {
      const host = elementOf(t, "host/node01", "host");
      expect(host.linksObserved).toBe(true);
      expect(host.interfaces.map((i) => [i.name, i.type, i.ips])).toEqual([
        ["cni0", "linux-bridge", ["10.244.0.1/24", "fe80::fc40:9cff:fefa:221a/64"]],
        ["eth0", "ethernet", ["192.168.66.101/24", "fe80::5055:ff:fed1:5501/64"]],
      ]);
      expect(elementOf(t, "host/node01/bridge/cni0", "bridge")).toMatchObject({ uplinks: [], island: false });
    },
  },
  "nmstate/nncp-linux-bridge.yaml": {
    interfaces: {
      "pod/default/br1-client/if/net1": { network: "default/br1-net", attached: true, mac: "5a:8e:1b:00:00:01" },
    },
    attachments: { "pod/default/br1-client/if/net1": "host/node01/bridge/br1" },
    findings: [],
    also: (t) =>
      expect(elementOf(t, "host/node01/bridge/br1", "bridge")).toMatchObject({
        provenance: "observed",
        ports: ["eth1"],
        uplinks: ["eth1"],
        island: false,
        segment: "bridge:br1",
      }),
  },
  "nmstate/nncp-bond.yaml": {
    interfaces: {},
    attachments: {},
    findings: [],
    also: (t) =>
      expect(elementOf(t, "host/node01", "host").interfaces.map((i) => [i.name, i.type, i.state])).toEqual([
        ["bond0", "bond", "up"],
      ]),
  },
  "nmstate/nncp-bond-vlan.yaml": {
    interfaces: {},
    attachments: {},
    findings: [],
    also: (t) =>
      expect(elementOf(t, "host/node01", "host").interfaces.map((i) => [i.name, i.type])).toEqual([
        ["bond0", "bond"],
        ["bond0.102", "vlan"],
      ]),
  },
  "nmstate/nncp-vlan.yaml": {
    interfaces: {},
    attachments: {},
    findings: [],
    also: (t) =>
      expect(elementOf(t, "host/node01", "host").interfaces.map((i) => [i.name, i.type])).toEqual([
        ["eth1.102", "vlan"],
      ]),
  },
  "nmstate/nmstate-mac-vlan-on-eth1.yaml": {
    // The pod's macvlan hangs off eth1, which the node reports (with the mac-vlan nmstate itself made on it).
    interfaces: {
      "pod/default/macvlan-client/if/eth0": { network: "ovn-kubernetes", isDefault: true },
      "pod/default/macvlan-client/if/net1": { network: "default/mynet", ips: ["10.244.0.57"], attached: true },
    },
    attachments: { "pod/default/macvlan-client/if/net1": "host/worker-3/macvlan-parent/eth1" },
    findings: [],
    also: (t) => {
      expect(elementOf(t, "host/worker-3", "host").interfaces.map((i) => [i.name, i.type])).toEqual([
        ["eth1", "ethernet"],
        ["macvlan0", "mac-vlan"],
      ]);
      expect(elementOf(t, "host/worker-3/macvlan-parent/eth1", "macvlan-parent")).toMatchObject({
        provenance: "observed",
        mac: "00:00:5E:00:00:01",
        state: "up",
      });
    },
  },
  "nmstate/nncp-ovs-bridge.yaml": {
    // An OVS bridge is listed among the host's links, not drawn as a Linux bridge point.
    interfaces: {},
    attachments: {},
    findings: [],
    also: (t) => {
      expect(elementOf(t, "host/node01", "host").interfaces.map((i) => [i.name, i.type])).toEqual([
        ["br1", "ovs-bridge"],
      ]);
      expect(t.elements.filter((e) => e.kind === "bridge")).toEqual([]);
    },
  },

  // ---- OpenShift documentation -------------------------------------------------------------------------------------
  "openshift-docs/add-pod-macvlan-bridge.yaml": {
    interfaces: {
      "pod/default/example-pod/if/eth0": { network: "ovn-kubernetes", ips: ["10.128.2.14"], isDefault: true },
      "pod/default/example-pod/if/net1": {
        network: "default/macvlan-bridge",
        ips: ["20.2.2.100"],
        mac: "22:2f:60:a5:f8:00",
        attached: true,
        requested: true,
      },
    },
    attachments: { "pod/default/example-pod/if/net1": "host/worker-0/macvlan-parent/eth1" },
    findings: [LINKS_INFERRED],
    also: (t) =>
      expect(elementOf(t, "network/default/macvlan-bridge", "network").ipam?.pool).toEqual({
        name: "20.2.2.0-24",
        allocated: 1,
        size: 254,
        stale: 0,
      }),
  },
  "openshift-docs/host-device-object.yaml": {
    // "configures an additional network named hostdev-net", whose config says "name": "work-network".
    interfaces: {},
    attachments: {},
    findings: ["warning nad-name-mismatch"],
    networks: { "network/default/hostdev-net": { mainType: "host-device", device: "eth1" } },
  },
  "openshift-docs/host-device-hwaddr-kernelpath.yaml": {
    interfaces: {
      "pod/default/uses-hwaddr/if/eth0": { network: "ovn-kubernetes", isDefault: true },
      "pod/default/uses-hwaddr/if/net1": { network: "default/hostdev-hwaddr", ips: ["192.168.100.7"], attached: true },
      "pod/default/uses-kernelpath/if/eth0": { network: "ovn-kubernetes", isDefault: true },
      "pod/default/uses-kernelpath/if/net1": { network: "default/hostdev-kernelpath", attached: true },
    },
    attachments: {
      "pod/default/uses-hwaddr/if/net1": "host/worker-0/host-device/22:2f:60:a5:f8:00",
      "pod/default/uses-kernelpath/if/net1": "host/worker-0/host-device/%2Fsys%2Fdevices%2Fpci0000:00%2F0000:00:1f.6",
    },
    findings: [LINKS_INFERRED],
    also: (t) => {
      const held = t.elements
        .filter((e) => e.kind === "host-device")
        .map((e) => [e.device, e.kind === "host-device" && e.movedTo]);
      expect(held).toEqual([
        ["/sys/devices/pci0000:00/0000:00:1f.6", "pod/default/uses-kernelpath/if/net1"],
        ["22:2f:60:a5:f8:00", "pod/default/uses-hwaddr/if/net1"],
      ]);
    },
  },

  // ---- the NPWG specification ---------------------------------------------------------------------------------------
  "multi-net-spec/v1.0-status-example.yaml": {
    interfaces: {
      "pod/my-namespace/my-pod/if/eth5": {
        network: "cluster-wide-default",
        isDefault: true,
        ips: ["1.2.3.1/24", "2001:abba::2230/64"],
      },
      "pod/my-namespace/my-pod/if/eth1": {
        network: "my-namespace/some-network",
        ips: ["1.2.3.4/24", "2001:abba::2234/64"],
        mac: "02:11:22:33:44:55",
        attached: true,
        requested: false,
      },
      "pod/my-namespace/my-pod/if/ib0": { network: "other-ns/an-ip-over-infiniband-network", ips: ["198.51.100.1/24"] },
    },
    attachments: {},
    findings: ["info attached-not-requested", "info attached-not-requested", LINKS_INFERRED],
  },
  "multi-net-spec/v1.3-device-info-as-printed.yaml": {
    // The document's typographic quotes make its example annotation something no parser accepts.
    interfaces: {},
    attachments: {},
    findings: ["error pod-annotation-invalid"],
  },
  "multi-net-spec/v1.3-device-info.yaml": {
    // No "default" key here: the first entry, on eth0, is the cluster-wide default network.
    interfaces: {
      "pod/my-namespace/my-pod/if/eth0": { network: "namespace-a/cluster-wide-default", isDefault: true },
      "pod/my-namespace/my-pod/if/net1": {
        network: "namespace-b/sriov-network_a",
        deviceInfo: { type: "pci", pciAddress: "0000:18:02.5", pfPciAddress: "0000:18:00.0" },
      },
      "pod/my-namespace/my-pod/if/net2": {
        network: "namespace-b/sriov-network_b",
        deviceInfo: { type: "pci", pciAddress: "0000:18:0a.2", pfPciAddress: "0000:18:00.1" },
      },
      "pod/my-namespace/my-pod/if/net3": { network: "namespace-c/userspace_net1" },
      "pod/my-namespace/my-pod/if/virtio0": { network: "namespace-d/vdpa_net1" },
    },
    attachments: {},
    findings: [...Array<string>(4).fill("info attached-not-requested"), LINKS_INFERRED],
  },
  "multi-net-spec/v1.3-cni-args-request.yaml": {
    interfaces: {
      "pod/my-namespace/my-pod/if/net1": requestedOnly("my-namespace/net-b"),
      "pod/my-namespace/my-pod/if/eth2": {
        network: "my-namespace/net-b",
        ips: ["10.2.2.42", "2001:db8::5"],
        mac: "02:23:45:67:89:01",
        attached: false,
      },
    },
    attachments: {},
    findings: [NOT_ATTACHED, NOT_ATTACHED],
  },

  // ---- SR-IOV network operator -----------------------------------------------------------------------------------
  "sriov-operator/sriov-network-rendered.yaml": {
    interfaces: {
      "pod/example-namespace/sriov-app/if/eth0": { network: "ovn-kubernetes", isDefault: true },
      "pod/example-namespace/sriov-app/if/net1": {
        network: "example-namespace/example-network",
        ips: ["10.56.217.171"],
        attached: true,
        deviceInfo: { type: "pci", pciAddress: "0000:3b:02.3", pfPciAddress: "0000:3b:00.0" },
      },
    },
    attachments: { "pod/example-namespace/sriov-app/if/net1": "host/worker-1/sriov-pf/0000:3b:00.0" },
    findings: [LINKS_INFERRED],
    networks: {
      "network/example-namespace/example-network": {
        mainType: "sriov",
        resourceName: "openshift.io/intelnics",
        vlan: 0,
      },
    },
  },

  // ---- Cluster Network Operator ------------------------------------------------------------------------------------
  "network-operator/readme-raw-and-simplemacvlan.yaml": {
    // The README's SimpleMacvlan entries spell the IPAM type in lower case, which the operator refuses.
    interfaces: {},
    attachments: {},
    findings: [
      "error operator-network-invalid",
      "error operator-network-invalid",
      "warning operator-network-pending",
      "warning operator-network-pending",
    ],
    networks: {
      "network/namespace-test-1/test-network-1": {
        managedBy: "cluster-network-operator",
        mainType: "macvlan",
        master: "eth1",
      },
    },
  },
  "network-operator/simplemacvlan-rendered.yaml": {
    interfaces: {},
    attachments: {},
    findings: [],
    networks: {
      "network/default/macvlan-dhcp": {
        managedBy: "cluster-network-operator",
        mainType: "macvlan",
        master: "ens5",
        mode: "bridge",
        ipam: { type: "dhcp", ranges: [], addresses: [] },
      },
    },
  },

  // ---- issue threads and published cluster output -----------------------------------------------------------------
  "issues/multus-640-empty-default-name.yaml": {
    interfaces: {
      "pod/default/samplepod/if/eth0": { network: "", isDefault: true, ips: ["10.244.0.2"] },
      "pod/default/samplepod/if/net1": { network: "default/macvlan-conf", ips: ["10.56.217.171"], attached: true },
    },
    attachments: { "pod/default/samplepod/if/net1": "host/kind-control-plane/macvlan-parent/eth0" },
    findings: [LINKS_INFERRED],
  },
  "issues/nad-client-75-no-interface.yaml": {
    interfaces: {
      "pod/default/ipvlan-client/if/eth0": { network: "calico-network", isDefault: true, ips: ["10.10.66.36"] },
      "pod/default/ipvlan-client/if/net1": { network: "default/ipvlan-net", ips: ["11.11.11.2"], attached: true },
    },
    attachments: { "pod/default/ipvlan-client/if/net1": "host/node-2/ipvlan-parent/eth0" },
    findings: [LINKS_INFERRED],
  },
  "issues/openshift-45-networks-status-only.yaml": {
    interfaces: {
      "pod/hello-world-oc/hello-openshift-1-n6v7m/if/eth0": {
        network: "openshift-sdn",
        isDefault: true,
        ips: ["10.254.15.121"],
        requested: false,
      },
    },
    attachments: {},
    findings: ["info deprecated-annotation", LINKS_INFERRED],
  },
};

// ---- the tests ------------------------------------------------------------------------------------------------------

describe("the real-world corpus", () => {
  const files = corpusFiles();
  Object.assign(EXPECTED, OVN_EXPECTED);

  it("holds at least 40 fixtures from at least 8 public sources, each naming its source", () => {
    expect(files.length).toBeGreaterThanOrEqual(40);
    const sources = files.map(sourceOf);
    expect(files.filter((_, i) => sources[i] === null)).toEqual([]);
    expect(new Set(sources).size).toBeGreaterThanOrEqual(8);
  });

  it("has an expected topology for every fixture, and no expectation without its file", () => {
    expect(Object.keys(EXPECTED).sort()).toEqual(files);
  });

  for (const file of Object.keys(EXPECTED).sort()) {
    it(`${file}: the topology its source documents`, () => {
      const want = EXPECTED[file];
      if (!want) throw new Error(`no expectation for ${file}`);
      const t = corpusTopology(file);
      const got = interfacesOf(t);
      expect(Object.keys(got).sort()).toEqual(Object.keys(want.interfaces).sort());
      for (const [id, fields] of Object.entries(want.interfaces)) expect(got[id], id).toMatchObject(fields);
      expect(attachmentsOf(t)).toEqual(want.attachments);
      expect(findingsOf(t)).toEqual([...want.findings].sort());
      for (const [id, fields] of Object.entries(want.networks ?? {})) {
        expect(elementOf(t, id, "network")).toMatchObject(fields);
      }
      want.also?.(t);
    });
  }
});
