import { isObject, type JsonObject } from "../result";
import { TOPOLOGIES, type UdnKind } from "./fields";
import { newUdnForm, type UdnFormInput } from "./schema";

/**
 * A UserDefinedNetwork or ClusterUserDefinedNetwork as the form shows it (the owner's page of a NAD OVN-Kubernetes
 * rendered, and the tests' round trip of real manifests). Anything the form has no field for is named in
 * `unshown`, never silently dropped; a value of the wrong type is kept as text, so the form says what is wrong with it.
 */
export interface UdnFromObject {
  form: UdnFormInput;
  unshown: string[];
}

const NAMESPACE_NAME_LABEL = "kubernetes.io/metadata.name";
const obj = (v: unknown): JsonObject => (isObject(v) ? v : {});
const text = (v: unknown): string =>
  typeof v === "string" ? v : v === undefined || v === null ? "" : JSON.stringify(v);
const texts = (v: unknown): string[] => (Array.isArray(v) ? v.map(text) : []);

const KNOWN: Record<string, string[]> = {
  layer2: ["role", "subnets", "joinSubnets", "ipam", "mtu"],
  layer3: ["role", "subnets", "joinSubnets", "mtu"],
  localnet: ["role", "physicalNetworkName", "subnets", "excludeSubnets", "ipam", "mtu", "vlan"],
};

function selectorOf(sel: JsonObject, unshown: string[]): Pick<UdnFormInput, "selectorNamespaces" | "selectorLabels"> {
  const labels = obj(sel.matchLabels);
  const selectorLabels = Object.entries(labels).map(([key, value]) => ({ key, value: text(value) }));
  const selectorNamespaces: string[] = [];
  for (const e of Array.isArray(sel.matchExpressions) ? sel.matchExpressions : []) {
    const x = obj(e);
    if (x.key === NAMESPACE_NAME_LABEL && x.operator === "In") selectorNamespaces.push(...texts(x.values));
    else unshown.push(`namespaceSelector.matchExpressions: ${JSON.stringify(e)}`);
  }
  return { selectorNamespaces, selectorLabels };
}

export function udnFormFromObject(o: unknown): UdnFromObject {
  const o2 = obj(o);
  const kind: UdnKind = o2.kind === "ClusterUserDefinedNetwork" ? "ClusterUserDefinedNetwork" : "UserDefinedNetwork";
  const meta = obj(o2.metadata);
  const spec = obj(o2.spec);
  const network = kind === "UserDefinedNetwork" ? spec : obj(spec.network);
  const unshown: string[] = [];
  const topology = TOPOLOGIES.find((t) => t === network.topology) ?? "Layer2";
  if (topology !== network.topology) unshown.push(`topology: ${text(network.topology)}`);
  const key = topology === "Layer2" ? "layer2" : topology === "Layer3" ? "layer3" : "localnet";
  const section = obj(network[key]);
  for (const k of Object.keys(section)) if (!KNOWN[key]?.includes(k)) unshown.push(`${key}.${k}`);
  const ipam = obj(section.ipam);
  const vlan = obj(section.vlan);
  if (section.vlan !== undefined && vlan.mode !== "Access") unshown.push(`vlan: ${JSON.stringify(section.vlan)}`);
  const base = newUdnForm(kind, text(meta.namespace) || "default");
  const form: UdnFormInput = {
    ...base,
    name: text(meta.name),
    topology,
    role: section.role === "Primary" ? "Primary" : "Secondary",
    subnets: topology === "Layer3" ? [] : texts(section.subnets),
    layer3Subnets:
      topology === "Layer3"
        ? (Array.isArray(section.subnets) ? section.subnets : []).map((s) => ({
            cidr: text(obj(s).cidr),
            hostSubnet: obj(s).hostSubnet ?? "",
          }))
        : [],
    joinSubnets: texts(section.joinSubnets),
    ipamMode: ipam.mode === "Disabled" ? "Disabled" : "Enabled",
    persistentIps: ipam.lifecycle === "Persistent",
    mtu: section.mtu ?? "",
    physicalNetworkName: text(section.physicalNetworkName),
    vlanId: obj(vlan.access).id ?? "",
    excludeSubnets: texts(section.excludeSubnets),
    ...(kind === "ClusterUserDefinedNetwork"
      ? selectorOf(obj(spec.namespaceSelector), unshown)
      : { selectorNamespaces: [], selectorLabels: [] }),
  };
  return { form, unshown };
}
