import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { udnFieldOf } from "./api-field";

// Causes as kube-apiserver 1.37 answers them for the vendored CRDs (seen on the test bed; server/api/routers/
// udn.int.test.ts checks the mapping against the live answers of ovn-kubernetes' own e2e scenarios).
describe("where an API refusal of a UDN/CUDN belongs in the form", () => {
  it.each([
    [
      {
        field: "spec.layer3.subnets[0]",
        message: 'Invalid value: "object": HostSubnet must be smaller than CIDR subnet',
      },
      "layer3Subnets.0.hostSubnet",
    ],
    [{ field: "spec.layer3.subnets[1].cidr", message: 'Invalid value: "x": CIDR is invalid' }, "layer3Subnets.1.cidr"],
    [
      { field: "spec.layer2", message: 'Invalid value: "object": JoinSubnets is only supported for Primary network' },
      "joinSubnets",
    ],
    [
      {
        field: "spec.layer2",
        message: 'Invalid value: "object": Subnets is required with ipam.mode is Enabled or unset',
      },
      "subnets",
    ],
    [
      {
        field: "spec.layer2",
        message: 'Invalid value: "object": Disabled ipam.mode is only supported for Secondary network',
      },
      "ipamMode",
    ],
    [
      {
        field: "spec.network.localnet.ipam",
        message: "lifecycle Persistent is only supported when ipam.mode is Enabled",
      },
      "persistentIps",
    ],
    [
      {
        field: "spec.network.localnet",
        message: "MTU should be greater than or equal to 1280 when an IPv6 subnet is used",
      },
      "mtu",
    ],
    [
      {
        field: "spec.network.localnet.physicalNetworkName",
        message: "physicalNetworkName cannot contain `,` or `:` characters",
      },
      "physicalNetworkName",
    ],
    [{ field: "spec.network.localnet.vlan.access.id", message: "should be less than or equal to 4094" }, "vlanId"],
    [{ field: "spec.network.localnet.excludeSubnets[0]", message: "CIDR is invalid" }, "excludeSubnets.0"],
    [
      { field: "spec.network", message: "spec.localnet is required when topology is Localnet and forbidden otherwise" },
      "topology",
    ],
    [{ field: "spec", message: "Spec is immutable" }, "topology"],
    [{ field: "metadata.name", message: "a lowercase RFC 1123 subdomain" }, "name"],
    [{ field: "spec.namespaceSelector.matchLabels", message: "bad" }, "selectorNamespaces"],
  ])("%o → %s", (cause, field) => expect(udnFieldOf(cause)).toBe(field));

  it("a cause it cannot place is said for the whole form, and nothing it is given crashes it", () => {
    expect(udnFieldOf({ field: "status.conditions", message: "x" })).toBeNull();
    expect(udnFieldOf({})).toBeNull();
    fc.assert(
      fc.property(
        fc.record({
          field: fc.option(fc.string(), { nil: undefined }),
          message: fc.option(fc.string(), { nil: undefined }),
        }),
        (c) => {
          const got = udnFieldOf(c);
          expect(got === null || typeof got === "string").toBe(true);
        },
      ),
    );
  });
});
