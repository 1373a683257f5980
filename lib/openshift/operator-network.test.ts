import { describe, expect, it } from "vitest";
import { parseNadConfig } from "../nad/parse-config";
import {
  additionalNetworkEntries,
  hasAdditionalNetwork,
  isOperatorOwned,
  parseAdditionalNetworks,
  withAdditionalNetwork,
} from "./operator-network";

describe("parseAdditionalNetworks", () => {
  it("reads Raw entries verbatim, namespace defaulting to default", () => {
    const raw = '{ "cniVersion": "0.3.1", "name": "bridge-main", "type": "bridge", "bridge": "mybr0", "ipam": {} }';
    expect(
      parseAdditionalNetworks({
        additionalNetworks: [
          { name: "bridge-main", namespace: "multus-test", type: "Raw", rawCNIConfig: raw },
          { name: "plain", rawCNIConfig: raw },
        ],
      }),
    ).toEqual([
      { name: "bridge-main", namespace: "multus-test", type: "Raw", config: raw },
      { name: "plain", namespace: "default", type: "Raw", config: raw },
    ]);
  });

  it("flags a Raw entry without rawCNIConfig", () => {
    expect(parseAdditionalNetworks({ additionalNetworks: [{ name: "x", type: "Raw" }] })).toEqual([
      { name: "x", namespace: "default", type: "Raw", config: undefined, problem: "type Raw without rawCNIConfig" },
    ]);
  });

  it("renders SimpleMacvlan as a macvlan config with dhcp when IPAM is unset", () => {
    const [e] = parseAdditionalNetworks({
      additionalNetworks: [
        {
          name: "mv",
          namespace: "n",
          type: "SimpleMacvlan",
          simpleMacvlanConfig: { master: "ens9", mode: "Bridge", mtu: 1400 },
        },
      ],
    });
    expect(e?.problem).toBeUndefined();
    const c = parseNadConfig(e?.config);
    expect(c.ok && c.value).toMatchObject({
      name: "mv",
      mainType: "macvlan",
      master: "ens9",
      mode: "bridge",
      mtu: 1400,
      ipam: { type: "dhcp" },
      problems: [],
    });
  });

  it("renders SimpleMacvlan static IPAM addresses", () => {
    const [e] = parseAdditionalNetworks({
      additionalNetworks: [
        {
          name: "mv",
          type: "SimpleMacvlan",
          simpleMacvlanConfig: {
            ipamConfig: {
              type: "Static",
              staticIPAMConfig: { addresses: [{ address: "10.1.1.7/24", gateway: "10.1.1.1" }] },
            },
          },
        },
      ],
    });
    const c = parseNadConfig(e?.config);
    expect(c.ok && c.value.ipam).toEqual({ type: "static", ranges: [], addresses: ["10.1.1.7/24"] });
    expect(c.ok && c.value.master).toBeUndefined();
  });

  it("renders SimpleMacvlan without any simpleMacvlanConfig", () => {
    const [e] = parseAdditionalNetworks({ additionalNetworks: [{ name: "mv", type: "SimpleMacvlan" }] });
    const c = parseNadConfig(e?.config);
    expect(c.ok && c.value).toMatchObject({ mainType: "macvlan", ipam: { type: "dhcp" } });
  });

  it("skips entries without a name and tolerates a missing list", () => {
    expect(parseAdditionalNetworks({ additionalNetworks: [{ type: "Raw" }, "x", null] })).toEqual([]);
    expect(parseAdditionalNetworks({})).toEqual([]);
    expect(parseAdditionalNetworks(undefined)).toEqual([]);
  });
});

describe("isOperatorOwned", () => {
  const owner = { apiVersion: "operator.openshift.io/v1", kind: "Network", name: "cluster", uid: "u" };

  it("is true for an ownerReference to the operator's Network cluster", () => {
    expect(
      isOperatorOwned({ name: "n", ownerReferences: [{ apiVersion: "v1", kind: "ConfigMap", name: "x" }, owner] }),
    ).toBe(true);
  });

  it("is false for other owners or none", () => {
    expect(isOperatorOwned({ name: "n" })).toBe(false);
    expect(isOperatorOwned({ name: "n", ownerReferences: [{ ...owner, name: "other" }] })).toBe(false);
    expect(isOperatorOwned({ name: "n", ownerReferences: [{ ...owner, apiVersion: "config.openshift.io/v1" }] })).toBe(
      false,
    );
    expect(isOperatorOwned({ name: "n", ownerReferences: [{ ...owner, kind: "Deployment" }] })).toBe(false);
    expect(isOperatorOwned(undefined)).toBe(false);
  });
});

describe("editing spec.additionalNetworks", () => {
  const cr = {
    metadata: { name: "cluster" },
    spec: {
      clusterNetwork: [{ cidr: "10.128.0.0/14" }],
      additionalNetworks: [
        { name: "a", namespace: "ns", type: "Raw", rawCNIConfig: "{}", futureField: true },
        { name: "b", type: "Raw", rawCNIConfig: "{}" },
      ],
    },
  };

  it("finds entries by name and namespace (default namespace when unset)", () => {
    expect(hasAdditionalNetwork(cr, { name: "a", namespace: "ns" })).toBe(true);
    expect(hasAdditionalNetwork(cr, { name: "b", namespace: "default" })).toBe(true);
    expect(hasAdditionalNetwork(cr, { name: "a", namespace: "other" })).toBe(false);
  });

  it("adds, replaces and removes one entry, keeping the others verbatim and the rest of the spec", () => {
    const added = withAdditionalNetwork(
      cr,
      { name: "c", namespace: "ns" },
      { name: "c", namespace: "ns", type: "Raw" },
    );
    expect(additionalNetworkEntries(added).map((e) => e.name)).toEqual(["a", "b", "c"]);
    expect(additionalNetworkEntries(added)[0]).toEqual(cr.spec.additionalNetworks[0]);
    expect(added.spec).toMatchObject({ clusterNetwork: [{ cidr: "10.128.0.0/14" }] });
    const replaced = withAdditionalNetwork(
      added,
      { name: "a", namespace: "ns" },
      { name: "a", namespace: "ns", type: "SimpleMacvlan" },
    );
    expect(additionalNetworkEntries(replaced).filter((e) => e.name === "a")).toEqual([
      { name: "a", namespace: "ns", type: "SimpleMacvlan" },
    ]);
    const removed = withAdditionalNetwork(replaced, { name: "b", namespace: "default" }, null);
    expect(additionalNetworkEntries(removed).map((e) => e.name)).toEqual(["c", "a"]);
  });
});
