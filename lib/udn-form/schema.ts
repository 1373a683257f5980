import { z } from "zod";
import { type UdnKind, udnFields } from "./fields";
import { foreignNadProblem } from "./name-taken";
import { checkUdnForm } from "./rules";

/** The UDN/CUDN form: each field (fields.ts) and the rules between them (rules.ts, the CRD's CEL rules and more). */
export const udnFormSchema = udnFields.superRefine(
  (v, ctx) => {
    for (const { path, message } of checkUdnForm(v)) ctx.addIssue({ code: "custom", path, message });
  },
  // Also while a number field does not parse (a bad MTU must not hide a missing physical network name), as long as
  // the values the rules read have their shapes; the rules read a number field only when it parsed.
  { when: (payload) => ruleShape.safeParse(payload.value).success },
);

/** The form against the cluster's NADs: a name one of them already has is refused at the name (name-taken.ts). */
export function udnFormSchemaAgainst(nads: readonly { namespace?: string; name: string }[]) {
  return udnFormSchema.superRefine(
    (v, ctx) => {
      const problem = foreignNadProblem(v, nads);
      if (problem) ctx.addIssue({ code: "custom", path: ["name"], message: problem });
    },
    { when: (payload) => ruleShape.safeParse(payload.value).success },
  );
}

export type UdnFormSchema = ReturnType<typeof udnFormSchemaAgainst>;

/** What the rules read, with the number fields unchecked. */
const ruleShape = udnFields.extend({
  mtu: z.unknown(),
  vlanId: z.unknown(),
  layer3Subnets: z.array(z.object({ cidr: z.string(), hostSubnet: z.unknown() })),
});

export type UdnFormValues = z.infer<typeof udnFormSchema>;
export type UdnFormInput = z.input<typeof udnFormSchema>;

export function newUdnForm(kind: UdnKind, namespace: string): UdnFormInput {
  return {
    kind,
    name: "",
    namespace,
    topology: kind === "UserDefinedNetwork" ? "Layer2" : "Layer3",
    role: "Secondary",
    subnets: [""],
    layer3Subnets: [{ cidr: "", hostSubnet: "" }],
    joinSubnets: [],
    ipamMode: "Enabled",
    persistentIps: false,
    mtu: "",
    physicalNetworkName: "",
    vlanId: "",
    excludeSubnets: [],
    selectorNamespaces: kind === "ClusterUserDefinedNetwork" ? [namespace] : [],
    selectorLabels: [],
  };
}

/** A form that crossed JSON (tRPC makes its `unknown` number inputs optional), with every field present again. */
export function completeUdnForm(
  f: Omit<UdnFormInput, "mtu" | "vlanId" | "layer3Subnets"> & {
    mtu?: unknown;
    vlanId?: unknown;
    layer3Subnets: { cidr: string; hostSubnet?: unknown }[];
  },
): UdnFormInput {
  return {
    ...f,
    mtu: f.mtu ?? "",
    vlanId: f.vlanId ?? "",
    layer3Subnets: f.layer3Subnets.map((s) => ({ cidr: s.cidr, hostSubnet: s.hostSubnet ?? "" })),
  };
}
