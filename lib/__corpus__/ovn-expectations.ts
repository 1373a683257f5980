import { expect } from "vitest";
import type { InterfaceElement, NetworkElement, Topology } from "@/lib/contract/schema";

// What the OVN-Kubernetes, UserDefinedNetwork, MultiNetworkPolicy and KubeVirt fixtures' sources document
// (lib/__corpus__/{ovn-kubernetes,udn-demos,kubevirt}/ and three openshift-docs/ files), merged into corpus.test.ts.

type Shape = {
  interfaces: Record<string, Partial<Pick<InterfaceElement, "network" | "ips" | "attached" | "isDefault" | "mac">>>;
  attachments: Record<string, string>;
  findings: string[];
  networks?: Record<string, Partial<NetworkElement>>;
  also?: (t: Topology) => void;
};

const INFERRED = "info node-links-inferred";
const iface = (t: Topology, id: string): InterfaceElement | undefined =>
  t.elements.find((e): e is InterfaceElement => e.kind === "interface" && e.id === id);
const pod = (t: Topology, id: string) => t.elements.find((e) => e.kind === "pod" && e.id === id);

export const OVN_EXPECTED: Record<string, Shape> = {
  "ovn-kubernetes/multi-homing.yaml": {
    interfaces: {
      "pod/ns1/tinypod/if/net1": { network: "ns1/l3-network", attached: false },
      "pod/ns1/tinypod/if/net2": { network: "ns1/l2-network", attached: false },
    },
    attachments: {},
    findings: ["info network-not-attached", "info network-not-attached"],
    networks: {
      "network/ns1/l3-network": {
        mainType: "ovn-k8s-cni-overlay",
        mtu: 1300,
        ovn: {
          topology: "layer3",
          role: "secondary",
          networkName: "l3-network",
          subnets: ["10.128.0.0/16"],
          excludeSubnets: [],
        },
      },
      "network/ns1/l2-network": {
        ovn: {
          topology: "layer2",
          role: "secondary",
          networkName: "l2-network",
          subnets: ["10.100.200.0/24"],
          excludeSubnets: ["10.100.200.0/29"],
        },
      },
      // no physicalNetworkName: the physical network is the network's own name
      "network/ns1/localnet-network": {
        vlan: 33,
        ovn: {
          topology: "localnet",
          role: "secondary",
          networkName: "localnet-network",
          physicalNetwork: "localnet-network",
          subnets: ["202.10.130.112/28"],
          excludeSubnets: [],
        },
      },
    },
  },
  "ovn-kubernetes/multi-network-policy.yaml": {
    interfaces: {
      "pod/default/stuff-doer-1/if/eth0": { network: "ovn-kubernetes", isDefault: true },
      "pod/default/stuff-doer-1/if/net1": { network: "default/tenant-blue", ips: ["192.168.100.5"] },
    },
    // layer2: one logical switch; its segment spans hosts
    attachments: { "pod/default/stuff-doer-1/if/net1": "host/ovn-worker/ovn-switch/tenant-blue" },
    findings: [INFERRED],
    networks: {
      "network/default/tenant-blue": {
        policies: [
          {
            namespace: "default",
            name: "allow-ports-same-ns",
            types: ["Ingress"],
            podSelector: "app=stuff-doer",
            ingressRules: 1,
            egressRules: 0,
            isolates: null,
          },
        ],
      },
    },
    also: (t) => {
      expect(iface(t, "pod/default/stuff-doer-1/if/net1")?.policies).toEqual(["default/allow-ports-same-ns"]);
      expect(t.elements.find((e) => e.id === "host/ovn-worker/ovn-switch/tenant-blue")).toMatchObject({
        kind: "ovn-switch",
        segment: "ovn:tenant-blue",
      });
    },
  },
  "openshift-docs/localnet-shared-name.yaml": {
    interfaces: {
      "pod/ns1/localnet-client/if/eth0": { isDefault: true },
      "pod/ns1/localnet-client/if/net1": { network: "ns1/localnet-network", ips: ["202.10.130.116"] },
    },
    // off the OVS bridge the bridge mapping names for localnet1, uplinked to the node's NIC
    attachments: { "pod/ns1/localnet-client/if/net1": "host/worker-0/bridge/br-ex" },
    // no nad-name-mismatch: "ns1-localnet-network" is the OVN network's name, required to be shared
    findings: [],
    networks: {
      "network/ns1/localnet-network": {
        vlan: 33,
        ovn: {
          topology: "localnet",
          role: "secondary",
          networkName: "ns1-localnet-network",
          physicalNetwork: "localnet1",
          subnets: ["202.10.130.112/28"],
          excludeSubnets: ["10.100.200.0/29"],
        },
      },
    },
    also: (t) => {
      expect(t.elements.find((e) => e.id === "host/worker-0/bridge/br-ex")).toMatchObject({
        ovs: true,
        uplinks: ["enp1s0"],
        localnets: ["localnet1"],
        segment: "bridge:br-ex",
      });
    },
  },
  "openshift-docs/udn-cr.yaml": { interfaces: {}, attachments: {}, findings: [] },
  "openshift-docs/mnp-deny-by-default.yaml": {
    interfaces: {},
    attachments: {},
    findings: ["warning policy-isolates"],
    networks: {
      "network/default/macvlan-bridge": {
        policies: [
          {
            namespace: "default",
            name: "deny-by-default",
            types: ["Ingress"],
            podSelector: "all pods",
            ingressRules: 0,
            egressRules: 0,
            isolates: "all ingress",
          },
        ],
      },
    },
  },
  // which namespaces carry labnet=1924 is not known (none listed): no claim that it selects none
  "udn-demos/localnet-1924-cudn.yaml": { interfaces: {}, attachments: {}, findings: [] },
  "udn-demos/fosdem-cudn-tenants.yaml": {
    interfaces: {},
    attachments: {},
    findings: ["error udn-namespace-unlabelled"],
    also: (t) => {
      const f = t.findings.find((x) => x.code === "udn-namespace-unlabelled");
      expect(f?.message).toMatch(/^ClusterUserDefinedNetwork sad-tenant .*green-namespace, yellow-namespace lack/);
    },
  },
  "udn-demos/fosdem-green-vms.yaml": { interfaces: {}, attachments: {}, findings: [] },
  "kubevirt/launcher-ordinal-2224.yaml": {
    interfaces: {
      "pod/default/virt-launcher-fedora-2ifs-8wfkf/if/eth0": { network: "default-cni-network", isDefault: true },
      "pod/default/virt-launcher-fedora-2ifs-8wfkf/if/net1": {
        network: "default/flannel-network",
        ips: ["10.244.0.8"],
      },
    },
    attachments: {},
    findings: ["info deprecated-annotation", "error network-not-found", INFERRED],
    // its VMI by its controller reference (the labels say "fedora"); no VMI read, so no VM interface names
    also: (t) => {
      expect(pod(t, "pod/default/virt-launcher-fedora-2ifs-8wfkf")).toMatchObject({
        vm: { name: "fedora-2ifs", vmiRead: false },
      });
      expect(iface(t, "pod/default/virt-launcher-fedora-2ifs-8wfkf/if/net1")?.vmInterface).toBeUndefined();
    },
  },
  "kubevirt/launcher-custom-primary.yaml": {
    interfaces: {
      "pod/default/virt-launcher-myvmi-abcde/if/custom-iface": { network: "cluster-network", isDefault: true },
      // the cluster network's own interface beside the primary: part of the default network, no stray attachment
      "pod/default/virt-launcher-myvmi-abcde/if/eth0": { isDefault: true, ips: ["10.244.0.4"] },
    },
    attachments: {},
    findings: [INFERRED],
    also: (t) => {
      expect(pod(t, "pod/default/virt-launcher-myvmi-abcde")).toMatchObject({ vm: { name: "myvmi", vmiRead: true } });
      expect(iface(t, "pod/default/virt-launcher-myvmi-abcde/if/custom-iface")).toMatchObject({
        vmInterface: "passtnet",
        vmInterfaceFrom: "vmi",
      });
      expect(iface(t, "pod/default/virt-launcher-myvmi-abcde/if/eth0")?.vmInterface).toBeUndefined();
    },
  },
  "kubevirt/launcher-ordinal-k3s-5672.yaml": {
    interfaces: {
      "pod/default/virt-launcher-bigip1-1-vsqd4/if/eth0": { network: "", isDefault: true, ips: ["1.2.3.4"] },
      "pod/default/virt-launcher-bigip1-1-vsqd4/if/net1": { network: "default/mgmt-conf-bigip1", ips: [] },
      "pod/default/virt-launcher-bigip1-1-vsqd4/if/net2": { network: "default/macvlan-conf-bigip1", ips: [] },
    },
    attachments: {},
    // the describe output shows no networks annotation: both are attached but not requested
    findings: ["info attached-not-requested", "info attached-not-requested", INFERRED],
    // kubevirt.io=virt-launcher without a domain label or VMI owner: not tied to a VM, never a guessed one
    also: (t) => expect(pod(t, "pod/default/virt-launcher-bigip1-1-vsqd4")).not.toHaveProperty("vm"),
  },
};
