import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { readLabelSelector, selects } from "../k8s/label-selector";
import { asKubeObject, type KubeObject } from "../k8s/objects";
import { derivedInterfaceNames, hashedName, launcherOf, readVmi } from "../kubevirt/vm";
import { parseBridgeMappings } from "../nns/bridge-mappings";
import { parseOvn } from "../plugins/ovn-overlay";
import { isolation, readMultiNetworkPolicy } from "../policy/multi-network-policy";
import { namespacesFromConditions, readUdn, udnOwnerOf, udnReady } from "./udn";

const obj = (kind: string, spec: unknown, extra: Partial<KubeObject> = {}): KubeObject => ({
  apiVersion: "x/v1",
  kind,
  metadata: { name: "n", namespace: "ns" },
  spec,
  ...extra,
});

describe("UserDefinedNetwork and ClusterUserDefinedNetwork", () => {
  it("reads a CUDN's Localnet with its VLAN and physical network (dlbewley/demo-autofs localnet-1924)", () => {
    const u = readUdn(
      obj("ClusterUserDefinedNetwork", {
        namespaceSelector: { matchLabels: { labnet: "1924" } },
        network: {
          topology: "Localnet",
          localnet: {
            role: "Secondary",
            physicalNetworkName: "physnet-br-vmdata",
            vlan: { mode: "Access", access: { id: 1924 } },
            subnets: ["192.168.4.0/24"],
          },
        },
      }),
    );
    expect(u).toMatchObject({
      kind: "ClusterUserDefinedNetwork",
      topology: "localnet",
      role: "secondary",
      physicalNetwork: "physnet-br-vmdata",
      vlan: 1924,
      subnets: ["192.168.4.0/24"],
      problems: [],
    });
    expect(u).not.toHaveProperty("namespace");
  });

  it("reads Layer3 subnets as {cidr, hostSubnet} and names what is missing", () => {
    const u = readUdn(
      obj("UserDefinedNetwork", {
        topology: "Layer3",
        layer3: { role: "Primary", subnets: [{ cidr: "10.150.0.0/16", hostSubnet: 24 }, 7] },
      }),
    );
    expect(u).toMatchObject({ topology: "layer3", role: "primary", subnets: ["10.150.0.0/16"], namespace: "ns" });
    expect(u?.problems).toEqual(["subnets has 7, not a CIDR"]);
    expect(readUdn(obj("UserDefinedNetwork", { topology: "Layer2" }))?.problems).toEqual([
      "spec for Layer2 (layer2) is missing",
    ]);
  });

  it("finds the owner a NAD names by its controller reference to k8s.ovn.org", () => {
    const nad = obj(
      "NetworkAttachmentDefinition",
      {},
      {
        metadata: {
          name: "udn-1",
          namespace: "a",
          ownerReferences: [
            { apiVersion: "k8s.ovn.org/v1", kind: "UserDefinedNetwork", name: "udn-1", uid: "u", controller: true },
          ],
        },
      },
    );
    expect(udnOwnerOf(nad)).toEqual({ kind: "UserDefinedNetwork", name: "udn-1", key: "UserDefinedNetwork/a/udn-1" });
    const cno = {
      ...nad,
      metadata: {
        ...nad.metadata,
        ownerReferences: [
          { apiVersion: "operator.openshift.io/v1", kind: "Network", name: "cluster", uid: "u", controller: true },
        ],
      },
    };
    expect(udnOwnerOf(cno)).toBeNull();
  });

  it("is ready unless a condition says False, and reads a CUDN's namespaces from its condition", () => {
    expect(udnReady([])).toBeNull();
    expect(udnReady([{ type: "NetworkReady", status: "True" }])).toBe(true);
    expect(udnReady([{ type: "NetworkCreated", status: "False", reason: "SyncError" }])).toBe(false);
    expect(
      namespacesFromConditions([
        {
          type: "NetworkCreated",
          status: "True",
          message:
            "NetworkAttachmentDefinition has been created in following namespaces: [red-namespace, blue-namespace]",
        },
      ]),
    ).toEqual(["red-namespace", "blue-namespace"]);
  });
});

describe("MultiNetworkPolicy", () => {
  it("reads policy-for (a bare name is the policy's namespace) and tells a deny-all ingress", () => {
    const p = readMultiNetworkPolicy(
      obj(
        "MultiNetworkPolicy",
        { podSelector: {}, policyTypes: ["Ingress"], ingress: [] },
        {
          metadata: {
            name: "deny-by-default",
            namespace: "vms",
            annotations: { "k8s.v1.cni.cncf.io/policy-for": "vms/vms-bridge-1085, other" },
          },
        },
      ),
    );
    expect(p.networks).toEqual(["vms/vms-bridge-1085", "vms/other"]);
    expect(isolation(p)).toBe("all ingress");
    expect(p.problems).toEqual([]);
  });

  it("takes NetworkPolicy's default policy types, and names a policy that applies to no network", () => {
    const p = readMultiNetworkPolicy(obj("MultiNetworkPolicy", { podSelector: {}, egress: [{}] }));
    expect(p.types).toEqual(["Ingress", "Egress"]);
    expect(isolation(p)).toBe("all ingress");
    expect(p.problems[0]).toMatch(/no k8s.v1.cni.cncf.io\/policy-for annotation/);
  });
});

describe("KubeVirt pod interface names", () => {
  it("hashes a network's name as KubeVirt does: blue is pod16477688c0e (kubevirt/community dynamic-primary-pod-nic-name.md)", () => {
    expect(hashedName("blue")).toBe("pod16477688c0e");
  });

  it("derives hashed, unprefixed hashed and ordinal names, and eth0 for the primary network", () => {
    const nets = [
      { name: "default", nad: null, primary: true },
      { name: "blue", nad: "ns/blue-nad", primary: false },
      { name: "red", nad: "ns/red-nad", primary: false },
    ];
    const hashed = derivedInterfaceNames(nets, ["eth0", "pod16477688c0e"]);
    expect(hashed.get("pod16477688c0e")).toBe("blue");
    expect(hashed.get("16477688c0e")).toBe("blue");
    expect(hashed.get("eth0")).toBe("default");
    const ordinal = derivedInterfaceNames(nets, ["eth0", "net1", "net2"]);
    expect([ordinal.get("net1"), ordinal.get("net2")]).toEqual(["blue", "red"]);
  });

  it("ties a launcher pod to its VMI by its controller, else its labels; reads a migration's pods", () => {
    const pod = obj(
      "Pod",
      {},
      {
        metadata: {
          name: "virt-launcher-vm1-abc",
          namespace: "ns",
          labels: { "kubevirt.io": "virt-launcher", "vm.kubevirt.io/name": "vm1", "kubevirt.io/domain": "vm1" },
        },
      },
    );
    expect(launcherOf(pod)).toEqual({ vmi: "vm1", vm: "vm1" });
    expect(launcherOf(obj("Pod", {}))).toBeNull();
    const vmi = readVmi(
      obj(
        "VirtualMachineInstance",
        {
          networks: [
            { name: "default", pod: {} },
            { name: "l2", multus: { networkName: "l2-net" } },
          ],
        },
        {
          status: {
            migrationState: { sourcePod: "a", targetPod: "b" },
            interfaces: [{ name: "l2", podInterfaceName: "podxyz" }],
          },
        },
      ),
    );
    expect(vmi).toMatchObject({
      sourcePod: "a",
      targetPod: "b",
      networks: [
        { name: "default", nad: null },
        { name: "l2", nad: "ns/l2-net" },
      ],
    });
    expect(vmi?.reported.get("podxyz")).toBe("l2");
  });
});

describe("bridge mappings and OVN configs", () => {
  it("reads nmstate's ovn.bridge-mappings, leaving out absent ones", () => {
    const m = parseBridgeMappings({
      ovn: {
        "bridge-mappings": [
          { localnet: "localnet1", bridge: "br-ex", state: "present" },
          { localnet: "gone", bridge: "br1", state: "absent" },
          "x",
        ],
      },
    });
    expect([...m]).toEqual([["localnet1", "br-ex"]]);
  });

  it("reads a localnet config's physical network (its name when none) and refuses an unknown topology", () => {
    const problems: string[] = [];
    expect(parseOvn({ name: "net", topology: "localnet" }, problems)).toMatchObject({ physicalNetwork: "net" });
    parseOvn({ name: "net", topology: "layer9" }, problems);
    expect(problems).toEqual(['`topology` is "layer9": OVN-Kubernetes knows layer2, layer3 and localnet']);
  });
});

describe("the new readers never throw, whatever they are given (fast-check)", () => {
  const anything = fc.anything({ withNullPrototype: true, withObjectString: true, maxDepth: 4 });
  const kinds = [
    "UserDefinedNetwork",
    "ClusterUserDefinedNetwork",
    "MultiNetworkPolicy",
    "VirtualMachineInstance",
    "VirtualMachine",
    "Pod",
  ];
  it("UDN, CUDN, MultiNetworkPolicy, VMI, VM, launcher pods, bridge mappings, OVN configs, label selectors", () => {
    fc.assert(
      fc.property(fc.constantFrom(...kinds), anything, anything, anything, (kind, spec, status, labels) => {
        // as a file or the API hands it over: through the one reader of objects
        const o = asKubeObject({
          apiVersion: "x/v1",
          kind,
          metadata: { name: "n", namespace: "ns", labels, annotations: labels, ownerReferences: labels },
          spec,
          status,
        });
        if (typeof o === "string") return;
        readUdn(o);
        readMultiNetworkPolicy(o);
        readVmi(o);
        launcherOf(o);
        parseBridgeMappings(spec);
        parseOvn(typeof spec === "object" && spec !== null ? (spec as Record<string, unknown>) : {}, []);
        const sel = readLabelSelector(spec, [], "s");
        if (sel) selects(sel, {});
      }),
      { numRuns: 2000, seed: 22 },
    );
  });
});
