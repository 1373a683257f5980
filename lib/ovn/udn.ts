import type { Condition } from "../contract/ovn";
import { type LabelSelector, readLabelSelector, selectorText } from "../k8s/label-selector";
import type { KubeObject } from "../k8s/objects";
import { controllerReference } from "../k8s/owner";
import { isObject, type JsonObject, num, preview, str, strings } from "../result";

// UserDefinedNetwork (namespaced) and ClusterUserDefinedNetwork (cluster-scoped), k8s.ovn.org/v1, as
// ovn-org/ovn-kubernetes defines them (go-controller/pkg/crd/userdefinednetwork/v1, the CRDs vendored in
// testing/testbed/crds): spec.topology Layer2|Layer3 (+ Localnet for a CUDN's spec.network), spec.layer2/layer3/localnet
// {role, subnets, mtu, ...}; a CUDN has spec.namespaceSelector. OVN-Kubernetes renders a NAD of the same name in the
// UDN's namespace (a CUDN: in each selected namespace), owned by it (controller reference), labelled
// k8s.ovn.org/user-defined-network, and reports in status.conditions (NetworkCreated, NetworkReady, ...).

export const UDN_KINDS = ["UserDefinedNetwork", "ClusterUserDefinedNetwork"] as const;
export type UdnKind = (typeof UDN_KINDS)[number];
const isUdnKind = (k: string): k is UdnKind => k === "UserDefinedNetwork" || k === "ClusterUserDefinedNetwork";

export interface Udn {
  kind: UdnKind;
  name: string;
  namespace?: string;
  /** layer2, layer3, localnet (lower case, as the rendered NAD says it) */
  topology: string;
  role: string;
  subnets: string[];
  physicalNetwork?: string;
  vlan?: number;
  /** a CUDN's namespaceSelector */
  selector: LabelSelector | null;
  conditions: Condition[];
  /** what cannot be read of it: a finding on its network */
  problems: string[];
}

/** `kind/namespace/name` of a UDN or `kind/name` of a CUDN: how a NAD's owner reference finds it. */
export const udnKey = (kind: string, name: string, namespace?: string): string =>
  kind === "UserDefinedNetwork" ? `${kind}/${namespace ?? "default"}/${name}` : `${kind}/${name}`;

/** The UDN or CUDN a NAD was rendered from: its controller reference to a k8s.ovn.org kind. */
export function udnOwnerOf(nad: KubeObject): { kind: UdnKind; name: string; key: string } | null {
  const ref = controllerReference(nad.metadata);
  const kind = ref ? str(ref.kind) : undefined;
  const name = ref ? str(ref.name) : undefined;
  const apiVersion = ref ? str(ref.apiVersion) : undefined;
  if (!kind || !name || !isUdnKind(kind) || !apiVersion?.startsWith("k8s.ovn.org/")) return null;
  return { kind, name, key: udnKey(kind, name, nad.metadata.namespace) };
}

function readConditions(status: unknown): Condition[] {
  if (!isObject(status) || !Array.isArray(status.conditions)) return [];
  return status.conditions.flatMap((c) => {
    const type = isObject(c) ? str(c.type) : undefined;
    const s = isObject(c) ? str(c.status) : undefined;
    if (!isObject(c) || !type || !s) return [];
    const reason = str(c.reason);
    const message = str(c.message);
    return [{ type, status: s, ...(reason ? { reason } : {}), ...(message ? { message } : {}) }];
  });
}

/** Subnets as written: a list of CIDRs (Layer2, Localnet) or of {cidr, hostSubnet} (Layer3). */
function readSubnets(v: unknown, problems: string[]): string[] {
  if (v === undefined) return [];
  if (!Array.isArray(v)) {
    problems.push(`subnets is not a list: ${preview(v)}`);
    return [];
  }
  return v.flatMap((s) => {
    const cidr = isObject(s) ? str(s.cidr) : str(s);
    if (cidr) return [cidr];
    problems.push(`subnets has ${preview(s)}, not a CIDR`);
    return [];
  });
}

/** Reads a UDN or CUDN; anything malformed is a problem, never an exception. */
export function readUdn(o: KubeObject): Udn | null {
  if (!isUdnKind(o.kind)) return null;
  const problems: string[] = [];
  const spec = isObject(o.spec) ? o.spec : {};
  if (!isObject(o.spec)) problems.push("spec is missing");
  const cluster = o.kind === "ClusterUserDefinedNetwork";
  const net: JsonObject = cluster ? (isObject(spec.network) ? spec.network : {}) : spec;
  if (cluster && !isObject(spec.network)) problems.push("spec.network is missing");
  const topologyText = str(net.topology);
  if (!topologyText) problems.push("topology is missing");
  const topology = (topologyText ?? "unknown").toLowerCase();
  const body = net[topology];
  const t: JsonObject = isObject(body) ? body : {};
  if (topologyText && !isObject(body)) problems.push(`spec for ${topologyText} (${topology}) is missing`);
  const vlanBlock = isObject(t.vlan) && isObject(t.vlan.access) ? t.vlan.access : undefined;
  const vlan = vlanBlock ? num(vlanBlock.id) : undefined;
  const physicalNetwork = str(t.physicalNetworkName);
  return {
    kind: o.kind,
    name: o.metadata.name,
    ...(cluster ? {} : { namespace: o.metadata.namespace ?? "default" }),
    topology,
    role: (str(t.role) ?? "Secondary").toLowerCase(),
    subnets: readSubnets(t.subnets, problems),
    ...(physicalNetwork ? { physicalNetwork } : {}),
    ...(vlan !== undefined ? { vlan } : {}),
    selector: cluster ? readLabelSelector(spec.namespaceSelector, problems, "spec.namespaceSelector") : null,
    conditions: readConditions(o.status),
    problems,
  };
}

/** Ready unless a condition says False; null when it reports none yet. */
export function udnReady(conditions: readonly Condition[]): boolean | null {
  if (conditions.length === 0) return null;
  return !conditions.some((c) => c.status === "False");
}

/** The namespaces a CUDN's NetworkCreated condition names ("... in following namespaces: [a, b]"). */
export function namespacesFromConditions(conditions: readonly Condition[]): string[] {
  for (const c of conditions) {
    const m = /namespaces?:?\s*\[([^\]]*)\]/.exec(c.message ?? "");
    if (m?.[1] !== undefined)
      return strings(m[1].split(/[\s,]+/).filter((s) => /^[a-z0-9]([-a-z0-9]*[a-z0-9])?$/.test(s)));
  }
  return [];
}

export const selectorLine = (u: Udn): string | undefined =>
  u.kind === "ClusterUserDefinedNetwork" ? selectorText(u.selector, "every namespace") : undefined;
