import { z } from "zod";
import { formNumber } from "../plugins/fields";

/**
 * The UserDefinedNetwork / ClusterUserDefinedNetwork form (k8s.ovn.org/v1, the CRDs vendored in
 * testing/testbed/crds/): one flat shape for both kinds and all three topologies, so switching keeps what was typed;
 * `toUdnObject` writes only what the chosen kind and topology have. Each field is checked here, in the browser as
 * it is typed and again on the server; the rules between fields (the CRD's CEL rules and more) are in rules.ts, and
 * the API server's dry run remains the last word (api-field.ts puts its reason back on the field).
 */

export const UDN_KINDS = ["UserDefinedNetwork", "ClusterUserDefinedNetwork"] as const;
export type UdnKind = (typeof UDN_KINDS)[number];
export const TOPOLOGIES = ["Layer2", "Layer3", "Localnet"] as const;

/** A list entry as typed, trimmed: the API server's isCIDR() takes no spaces. */
const entry = z.string().trim();
/** A number typed as text; its range is a rule (rules.ts). */
const optionalNumber = z.preprocess(formNumber, z.number({ error: "a number" }).optional());

/**
 * The fields' types only. Every check of a value (a name's characters, a number's range, a CIDR) is in rules.ts:
 * zod stops at a failed check and would then hide every other field's message until that one is fixed.
 */
export const udnFields = z.object({
  kind: z.enum(UDN_KINDS),
  name: z.string().trim(),
  /** the UDN's namespace (a CUDN is cluster-scoped and ignores it) */
  namespace: z.string().trim(),
  topology: z.enum(TOPOLOGIES),
  role: z.enum(["Primary", "Secondary"]),
  /** Layer2 and Localnet: CIDRs, at most one per IP family */
  subnets: z.array(entry),
  /** Layer3: a CIDR split into one subnet of /hostSubnet per node */
  layer3Subnets: z.array(z.object({ cidr: entry, hostSubnet: optionalNumber })),
  joinSubnets: z.array(entry),
  /** Layer2 and Localnet: whether OVN-Kubernetes assigns addresses */
  ipamMode: z.enum(["Enabled", "Disabled"]),
  /** ipam.lifecycle Persistent: addresses kept in IPAMClaims (VMs keep them across restarts and live migration) */
  persistentIps: z.boolean(),
  mtu: optionalNumber,
  /** Localnet */
  physicalNetworkName: z.string().trim(),
  vlanId: optionalNumber,
  excludeSubnets: z.array(entry),
  /** CUDN: the namespaces it is offered in, by name and by labels (ANDed, as in a label selector) */
  selectorNamespaces: z.array(entry),
  selectorLabels: z.array(z.object({ key: entry, value: entry })),
});

export type UdnFields = z.infer<typeof udnFields>;

/** The form's top-level field names (where a server message may be put). */
export const UDN_FORM_FIELDS = udnFields.keyof().options;
