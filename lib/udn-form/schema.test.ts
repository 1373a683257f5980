import { isDeepStrictEqual } from "node:util";
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { cudnScenarios, UDN_EXAMPLES } from "../../testing/fixtures/udn/examples";
import { parseCidr } from "../net/ip";
import { udnFormFromObject } from "./from-object";
import { newUdnForm, type UdnFormInput, udnFormSchema, udnFormSchemaAgainst } from "./schema";
import { toUdnObject } from "./to-object";

const form = (over: Partial<UdnFormInput>, kind: UdnFormInput["kind"] = "UserDefinedNetwork"): UdnFormInput => ({
  ...newUdnForm(kind, "tenant-a"),
  name: "net1",
  subnets: ["10.100.0.0/16"],
  layer3Subnets: [{ cidr: "10.200.0.0/16", hostSubnet: "24" }],
  ...over,
});
/** Each field's first message, by path: what the form shows under that field. */
function issues(input: unknown): Record<string, string> {
  const r = udnFormSchema.safeParse(input);
  const out: Record<string, string> = {};
  if (!r.success) for (const i of r.error.issues) out[i.path.join(".")] ??= i.message;
  return out;
}
/** The object a form value creates, as JSON (what the API server receives). */
const created = (input: UdnFormInput) => JSON.parse(JSON.stringify(toUdnObject(udnFormSchema.parse(input))));

describe("real UDN/CUDN manifests (public sources) through the form", () => {
  it.each(UDN_EXAMPLES.map((e) => [e.source, e.object] as const))(
    "%s: accepted, and written back unchanged",
    (_, object) => {
      const { form: f, unshown } = udnFormFromObject(object);
      expect(unshown).toEqual([]);
      expect(issues(f)).toEqual({});
      expect(created(f)).toEqual(object);
    },
  );

  // ovn-kubernetes' e2e validation scenarios: the form never writes one of the invalid objects. Either it refuses
  // the values at the field the fixture names, or it cannot express the object at all ("-": it writes another, valid one).
  const scenarios = cudnScenarios();
  it("reads all 44 scenarios of the fixture", () => expect(scenarios).toHaveLength(44));

  it.each(scenarios.filter((s) => s.expectedErr).map((s) => [s.description, s] as const))("%s", (_, s) => {
    const { form: f } = udnFormFromObject(s.object);
    const got = issues(f);
    const expected = s.formField;
    expect(expected, "the fixture names the field for every invalid scenario").toBeDefined();
    if (expected === "-") {
      expect(got).toEqual({});
      expect(isDeepStrictEqual(created(f), s.object)).toBe(false);
    } else {
      expect(Object.keys(got)[0]).toBe(expected);
    }
  });

  it.each(scenarios.filter((s) => !s.expectedErr).map((s) => [s.description, s.object] as const))("%s", (_, object) => {
    const { form: f } = udnFormFromObject(object);
    expect(issues(f)).toEqual({});
    expect(created(f)).toEqual(object);
  });
});

describe("each field refused where the user types, with the reason", () => {
  it("a Layer3 /24 without a host subnet size: OVN-Kubernetes' default /24 per node does not fit", () => {
    const got = issues(form({ topology: "Layer3", layer3Subnets: [{ cidr: "10.200.0.0/24", hostSubnet: "" }] }));
    expect(got["layer3Subnets.0.hostSubnet"]).toMatch(/required for a \/24.*default \/24/);
    expect(issues(form({ topology: "Layer3", layer3Subnets: [{ cidr: "10.200.0.0/16", hostSubnet: "" }] }))).toEqual(
      {},
    );
  });

  it("a host subnet not smaller than its CIDR, 32 for IPv4, anything but 64 for IPv6", () => {
    const l3 = (cidr: string, hostSubnet: string) =>
      issues(form({ topology: "Layer3", layer3Subnets: [{ cidr, hostSubnet }] }));
    expect(l3("10.200.0.0/16", "16")["layer3Subnets.0.hostSubnet"]).toMatch(/larger than the CIDR's \/16/);
    expect(l3("10.200.0.0/16", "32")["layer3Subnets.0.hostSubnet"]).toMatch(/below 32/);
    expect(l3("fd00:10::/48", "80")["layer3Subnets.0.hostSubnet"]).toMatch(/64 for an IPv6 CIDR/);
    expect(l3("fd00:10::/48", "64")).toEqual({});
    expect(l3("10.200.0.0/16", "abc")["layer3Subnets.0.hostSubnet"]).toBe("a number");
  });

  it("a Localnet without a physical network name, or with ':'", () => {
    const ln = (physicalNetworkName: string) =>
      issues(form({ topology: "Localnet", physicalNetworkName }, "ClusterUserDefinedNetwork"));
    expect(ln("")).toEqual({
      physicalNetworkName: expect.stringMatching(/^required: the localnet name of a bridge mapping/),
    });
    expect(ln("phys:net")).toEqual({ physicalNetworkName: expect.stringMatching(/no ',' or ':'/) });
    expect(ln("physnet1")).toEqual({});
  });

  it("a CIDR that is not one, naming what was typed", () => {
    expect(issues(form({ subnets: ["10.100.0.0"] }))).toEqual({
      "subnets.0": expect.stringMatching(/not a CIDR: "10.100.0.0"/),
    });
    expect(issues(form({ subnets: ["10.100.0.0/33"] }))["subnets.0"]).toMatch(/not a CIDR/);
  });

  it("the CRD's role rules: join subnets only on Primary, IPAM off only on Secondary, Localnet only Secondary", () => {
    expect(issues(form({ joinSubnets: ["100.65.0.0/16"] }))).toEqual({
      joinSubnets: expect.stringMatching(/only for a Primary/),
    });
    expect(issues(form({ role: "Primary", joinSubnets: ["100.65.0.0/16"] }))).toEqual({});
    expect(issues(form({ role: "Primary", ipamMode: "Disabled", subnets: [] }))).toEqual({
      ipamMode: expect.stringMatching(/only be off on a Secondary/),
    });
    const localnet = form(
      { topology: "Localnet", role: "Primary", physicalNetworkName: "p" },
      "ClusterUserDefinedNetwork",
    );
    expect(issues(localnet)).toEqual({ role: expect.stringMatching(/only be Secondary/) });
  });

  it("Localnet is a CUDN topology only; a CUDN names its namespaces (an empty selector would take all)", () => {
    expect(issues(form({ topology: "Localnet", physicalNetworkName: "p" }))).toEqual({
      topology: expect.stringMatching(/ClusterUserDefinedNetwork topology only/),
    });
    const cudn = form({ selectorNamespaces: [] }, "ClusterUserDefinedNetwork");
    expect(issues(cudn)).toEqual({ selectorNamespaces: expect.stringMatching(/every namespace/) });
    expect(issues({ ...cudn, selectorLabels: [{ key: "-bad", value: "x" }] })).toEqual({
      "selectorLabels.0.key": expect.stringMatching(/label name/),
    });
  });

  it("excluded subnets inside the subnets", () => {
    const ln = form(
      { topology: "Localnet", physicalNetworkName: "p", excludeSubnets: ["10.101.0.1/32"] },
      "ClusterUserDefinedNetwork",
    );
    expect(issues(ln)).toEqual({ "excludeSubnets.0": "10.101.0.1/32 is not inside any of the subnets" });
  });

  it("writes only the chosen topology's fields (what was typed for another stays in the form only)", () => {
    const f = form({ topology: "Layer3", physicalNetworkName: "kept", vlanId: "7", excludeSubnets: ["10.1.0.0/24"] });
    expect(created(f)).toEqual({
      apiVersion: "k8s.ovn.org/v1",
      kind: "UserDefinedNetwork",
      metadata: { name: "net1", namespace: "tenant-a" },
      spec: { topology: "Layer3", layer3: { role: "Secondary", subnets: [{ cidr: "10.200.0.0/16", hostSubnet: 24 }] } },
    });
  });
});

describe("adversarial values (fast-check)", () => {
  const anyText = fc.oneof(
    fc.string(),
    fc.string({ unit: "grapheme" }),
    fc.constantFrom(
      "",
      " ",
      "10.0.0.0/8 ",
      "::/0",
      "0.0.0.0/0",
      "1.2.3.4/-1",
      "٣.٣.٣.٣/8",
      "10.0.0.0/08",
      "a".repeat(5000),
    ),
  );

  it("any value in a subnet never crashes and is refused at that field unless it is a CIDR", () => {
    fc.assert(
      fc.property(anyText, (s) => {
        const got = issues(form({ subnets: [s] }));
        const valid = s.trim().length <= 43 && parseCidr(s.trim()) !== null;
        if (valid) expect(got["subnets.0"]).toBeUndefined();
        else expect(got["subnets.0"]).toEqual(expect.any(String));
      }),
    );
  });

  it("any physical network name, MTU, VLAN or host subnet is refused at its own field or accepted; nothing throws", () => {
    fc.assert(
      fc.property(anyText, fc.anything(), fc.anything(), fc.anything(), (p, mtu, vlanId, hostSubnet) => {
        const ln = issues(
          form(
            { topology: "Localnet", physicalNetworkName: p, mtu, vlanId, subnets: [], ipamMode: "Disabled" },
            "ClusterUserDefinedNetwork",
          ),
        );
        const fields = new Set(Object.keys(ln));
        for (const f of fields) expect(["physicalNetworkName", "mtu", "vlanId"]).toContain(f);
        const t = p.trim();
        expect(fields.has("physicalNetworkName")).toBe(t === "" || t.length > 253 || /[,:]/.test(t));
        const l3 = issues(form({ topology: "Layer3", layer3Subnets: [{ cidr: "10.200.0.0/16", hostSubnet }] }));
        for (const f of Object.keys(l3)) expect(f).toBe("layer3Subnets.0.hostSubnet");
      }),
    );
  });

  it("any object at all read into the form never crashes, and what the form then accepts the API's shapes allow", () => {
    fc.assert(
      fc.property(fc.anything(), (o) => {
        const { form: f } = udnFormFromObject(o);
        const r = udnFormSchema.safeParse(f);
        if (r.success) expect(toUdnObject(r.data).apiVersion).toBe("k8s.ovn.org/v1");
      }),
    );
    expect(udnFormSchema.safeParse(null).success).toBe(false);
  });
});

describe("a name a NAD already has (OVN-Kubernetes would not take that NAD over)", () => {
  const nads = [
    { namespace: "tenant-a", name: "net1" },
    { namespace: "tenant-b", name: "other" },
  ];
  it("refused at the name of a UDN in that namespace, and of a CUDN selecting it by name", () => {
    const schema = udnFormSchemaAgainst(nads);
    const udn = schema.safeParse(form({}));
    expect(udn.success || udn.error.issues.map((i) => [i.path.join("."), i.message])).toEqual([
      ["name", expect.stringMatching(/^a NAD tenant-a\/net1 already exists: OVN-Kubernetes does not take over/)],
    ]);
    expect(schema.safeParse(form({ namespace: "tenant-b" })).success).toBe(true);
    const cudn = schema.safeParse(form({ selectorNamespaces: ["tenant-b", "tenant-a"] }, "ClusterUserDefinedNetwork"));
    expect(cudn.success || cudn.error.issues[0]?.message).toMatch(/tenant-a\/net1/);
  });

  it("said beside the other fields' messages, not instead of them", () => {
    const got = udnFormSchemaAgainst(nads).safeParse(form({ mtu: "abc", subnets: ["x"] }));
    expect(got.success || got.error.issues.map((i) => i.path.join(".")).sort()).toEqual(["mtu", "name", "subnets.0"]);
  });
});
