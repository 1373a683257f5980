import { isDnsLabel } from "../k8s/names";
import { type Cidr, cidrContains, parseCidr } from "../net/ip";
import { dnsLabel } from "../network-form/schema";
import type { UdnFields } from "./fields";

/**
 * The rules between the fields of a UDN/CUDN form. The CRD's CEL rules (ovn-kubernetes v1.1.0,
 * testing/testbed/crds/) are said here in the form's words, at the field the user fixes; a few more are what
 * OVN-Kubernetes refuses only later, when it renders the NAD and reports it in the network's status condition (named
 * where they are). The API server's dry run stays the last word: api-field.ts puts its reason on the field.
 */

export interface FieldIssue {
  path: (string | number)[];
  message: string;
}

/** OVN-Kubernetes' per-node subnet when a Layer3 subnet names none (go-controller/pkg/config/utils.go
 * ParseClusterSubnetEntries: /24 for IPv4 "for backward compatibility", and IPv6 supports /64 host subnets only). */
const DEFAULT_HOST_SUBNET = { 4: 24, 6: 64 } as const;

type Check = (v: UdnFields, out: FieldIssue[]) => void;

/** A number field that did not parse still reaches the rules (they run beside the fields' own messages): no rule on it. */
const tooSmallForIpv6 = (mtu: unknown): boolean => typeof mtu === "number" && mtu >= 576 && mtu < 1280;

/** A CIDR list field: each entry a CIDR (the CRD's isCIDR, maxLength 43), at most one per IP family. */
function cidrList(out: FieldIssue[], field: string, list: string[], max: number): (Cidr | null)[] {
  const parsed = list.map((text, i) => {
    if (text === "") out.push({ path: [field, i], message: "required: a CIDR such as 10.100.0.0/16, or remove it" });
    else if (text.length > 43) out.push({ path: [field, i], message: "at most 43 characters (the CRD's limit)" });
    const c = text === "" || text.length > 43 ? null : parseCidr(text);
    if (text !== "" && text.length <= 43 && !c)
      out.push({ path: [field, i], message: `not a CIDR: "${text}" (an address/prefix such as 10.100.0.0/16)` });
    return c;
  });
  if (list.length > max) out.push({ path: [field], message: `at most ${max}` });
  const [a, b] = parsed;
  if (max === 2 && a && b && a.ip.family === b.ip.family)
    out.push({ path: [field, 1], message: "two CIDRs must be of different IP families (one IPv4, one IPv6)" });
  return parsed;
}

const hasIpv6 = (cidrs: (Cidr | null)[]): boolean => cidrs.some((c) => c?.ip.family === 6);

/** A whole number in range, when one was typed (the field's type already said "a number" when it is not one). */
function wholeIn(out: FieldIssue[], path: (string | number)[], v: unknown, min: number, max: number, range: string) {
  if (typeof v !== "number") return;
  if (!Number.isInteger(v)) out.push({ path, message: "a whole number" });
  else if (v < min || v > max) out.push({ path, message: range });
}

/** Each field's own value: names, numbers in the CRD's ranges. */
const values: Check = (v, out) => {
  for (const key of ["name", "namespace"] as const) {
    const r = dnsLabel.safeParse(v[key]);
    if (!r.success) out.push({ path: [key], message: r.error.issues[0]?.message ?? "invalid" });
  }
  wholeIn(out, ["mtu"], v.mtu, 576, 65536, "576 to 65536 (the CRD's range)");
  wholeIn(out, ["vlanId"], v.vlanId, 1, 4094, "1 to 4094");
  for (const [i, s] of v.layer3Subnets.entries())
    wholeIn(out, ["layer3Subnets", i, "hostSubnet"], s.hostSubnet, 1, 127, "1 to 127");
};

const kindAndTopology: Check = (v, out) => {
  if (v.kind === "UserDefinedNetwork" && v.topology === "Localnet")
    out.push({
      path: ["topology"],
      message: "Localnet is a ClusterUserDefinedNetwork topology only (the UDN CRD has Layer2 and Layer3)",
    });
  if (v.topology === "Localnet" && v.role !== "Secondary")
    out.push({ path: ["role"], message: "a Localnet network can only be Secondary (the CRD's rule)" });
  if (v.joinSubnets.length > 0 && (v.topology === "Localnet" || v.role !== "Primary"))
    out.push({
      path: ["joinSubnets"],
      message: "join subnets are only for a Primary Layer2 or Layer3 network (the CRD's rule): remove them",
    });
  else cidrList(out, "joinSubnets", v.joinSubnets, 2);
};

/** Layer2 and Localnet: subnets with the IPAM mode, excluded subnets, persistent IPs. */
const flatSubnets: Check = (v, out) => {
  if (v.topology === "Layer3") return;
  const disabled = v.ipamMode === "Disabled";
  if (disabled && v.subnets.length > 0)
    out.push({
      path: ["subnets"],
      message: "IPAM is off: OVN-Kubernetes assigns no addresses, so no subnets (the CRD's rule); remove them",
    });
  if (!disabled && v.subnets.length === 0)
    out.push({
      path: ["subnets"],
      message: "add a subnet, or turn IPAM off (the CRD requires subnets while IPAM is on)",
    });
  if (disabled && v.role === "Primary")
    out.push({ path: ["ipamMode"], message: "IPAM can only be off on a Secondary network (the CRD's rule)" });
  if (disabled && v.persistentIps)
    out.push({ path: ["persistentIps"], message: "persistent IPs need IPAM on (the CRD's rule)" });
  const subnets = disabled ? [] : cidrList(out, "subnets", v.subnets, 2);
  if (tooSmallForIpv6(v.mtu) && hasIpv6(subnets))
    out.push({ path: ["mtu"], message: "at least 1280 with an IPv6 subnet (the CRD's rule; IPv6 needs 1280)" });
  if (v.topology !== "Localnet") return;
  if (v.excludeSubnets.length > 0 && v.subnets.length === 0)
    out.push({
      path: ["excludeSubnets"],
      message: "excluded subnets need subnets to exclude them from (the CRD's rule)",
    });
  const excluded = cidrList(out, "excludeSubnets", v.excludeSubnets, 25);
  excluded.forEach((c, i) => {
    if (
      c &&
      subnets.length > 0 &&
      !subnets.some((s) => s && s.ip.family === c.ip.family && s.prefix <= c.prefix && cidrContains(s, c.ip))
    )
      out.push({ path: ["excludeSubnets", i], message: `${v.excludeSubnets[i]} is not inside any of the subnets` });
  });
};

/** Layer3: CIDRs split per node; the host subnet must fit, and where OVN-Kubernetes' default would not, it is required. */
const layer3: Check = (v, out) => {
  if (v.topology !== "Layer3") return;
  if (v.layer3Subnets.length === 0)
    out.push({ path: ["layer3Subnets"], message: "add a subnet (the CRD requires one)" });
  const cidrs = cidrList(
    out,
    "layer3Subnets",
    v.layer3Subnets.map((s) => s.cidr),
    2,
  );
  // cidrList reports at [layer3Subnets, i]; the input is [layer3Subnets, i, cidr].
  for (const issue of out) if (issue.path[0] === "layer3Subnets" && issue.path.length === 2) issue.path.push("cidr");
  v.layer3Subnets.forEach((s, i) => {
    const c = cidrs[i];
    const h = s.hostSubnet;
    if (!c || (h !== undefined && (typeof h !== "number" || !Number.isInteger(h) || h < 1 || h > 127))) return;
    const at = ["layer3Subnets", i, "hostSubnet"];
    const fallback = DEFAULT_HOST_SUBNET[c.ip.family];
    const max = c.ip.family === 4 ? 31 : 127;
    if (s.hostSubnet === undefined) {
      if (c.prefix >= fallback)
        out.push({
          path: at,
          message:
            c.prefix >= max
              ? `a /${c.prefix} cannot be split per node: use a larger CIDR`
              : `required for a /${c.prefix}: OVN-Kubernetes' default /${fallback} per node does not fit; give ${c.prefix + 1} to ${c.ip.family === 4 ? 31 : 64}`,
        });
    } else if (s.hostSubnet <= c.prefix)
      out.push({
        path: at,
        message: `must be larger than the CIDR's /${c.prefix} (each node gets a part of it; the CRD's rule)`,
      });
    else if (c.ip.family === 4 && s.hostSubnet >= 32)
      out.push({ path: at, message: "below 32 for an IPv4 CIDR (the CRD's rule)" });
    else if (c.ip.family === 6 && s.hostSubnet !== 64)
      out.push({
        path: at,
        message: "64 for an IPv6 CIDR: OVN-Kubernetes supports /64 node subnets only (leave it empty for 64)",
      });
  });
  if (tooSmallForIpv6(v.mtu) && hasIpv6(cidrs))
    out.push({ path: ["mtu"], message: "at least 1280 with an IPv6 subnet (the CRD's rule; IPv6 needs 1280)" });
};

const localnet: Check = (v, out) => {
  if (v.topology !== "Localnet") return;
  const p = v.physicalNetworkName;
  if (p === "")
    out.push({
      path: ["physicalNetworkName"],
      message: "required: the localnet name of a bridge mapping on the nodes (ovn.bridge-mappings in an NNCP)",
    });
  else if (p.length > 253)
    out.push({ path: ["physicalNetworkName"], message: "at most 253 characters (the CRD's limit)" });
  else if (/[,:]/.test(p))
    out.push({
      path: ["physicalNetworkName"],
      message: "no ',' or ':' (the CRD's rule: OVS bridge mappings are 'network:bridge' pairs joined by ',')",
    });
};

const LABEL_NAME = /^([A-Za-z0-9][-A-Za-z0-9_.]*)?[A-Za-z0-9]$/;
const DNS_SUBDOMAIN = /^[a-z0-9]([-a-z0-9]*[a-z0-9])?(\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*$/;

/** A label key as Kubernetes takes it: [prefix/]name, prefix a DNS subdomain, name ≤ 63 characters. */
function labelKeyProblem(key: string): string | null {
  if (key === "") return "required";
  const slash = key.lastIndexOf("/");
  const [prefix, name] = slash < 0 ? ["", key] : [key.slice(0, slash), key.slice(slash + 1)];
  if (slash >= 0 && (prefix.length > 253 || !DNS_SUBDOMAIN.test(prefix)))
    return "the prefix before '/' must be a DNS name";
  if (name.length > 63 || !LABEL_NAME.test(name))
    return "a label name: at most 63 letters, digits, '-', '_', '.', starting and ending with a letter or digit";
  return null;
}

const selector: Check = (v, out) => {
  if (v.kind !== "ClusterUserDefinedNetwork") return;
  if (v.selectorNamespaces.length === 0 && v.selectorLabels.length === 0)
    out.push({
      path: ["selectorNamespaces"],
      message: "name at least one namespace or label: an empty selector offers the network in every namespace",
    });
  v.selectorNamespaces.forEach((n, i) => {
    if (!isDnsLabel(n))
      out.push({
        path: ["selectorNamespaces", i],
        message: n === "" ? "required, or remove it" : "not a namespace name (lower-case letters, digits and '-')",
      });
  });
  v.selectorLabels.forEach((l, i) => {
    const keyProblem = labelKeyProblem(l.key);
    if (keyProblem) out.push({ path: ["selectorLabels", i, "key"], message: keyProblem });
    if (l.value.length > 63 || (l.value !== "" && !LABEL_NAME.test(l.value)))
      out.push({
        path: ["selectorLabels", i, "value"],
        message: "a label value: at most 63 letters, digits, '-', '_', '.', starting and ending with a letter or digit",
      });
  });
};

/** Every problem of a form whose fields each parsed, at the field to fix. */
export function checkUdnForm(v: UdnFields): FieldIssue[] {
  const out: FieldIssue[] = [];
  for (const check of [values, kindAndTopology, flatSubnets, layer3, localnet, selector]) check(v, out);
  return out;
}
