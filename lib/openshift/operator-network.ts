import type { KubeObject } from "../k8s/objects";
import { isObject, type JsonObject, str, strAt } from "../result";

/** An entry of networks.operator.openshift.io/cluster spec.additionalNetworks. */
export interface AdditionalNetwork {
  name: string;
  namespace: string;
  type: string;
  /** the CNI config the operator renders into the NAD, when it can be derived */
  config?: string;
  problem?: string;
}

export function parseAdditionalNetworks(spec: unknown): AdditionalNetwork[] {
  if (!isObject(spec) || !Array.isArray(spec.additionalNetworks)) return [];
  return spec.additionalNetworks.flatMap((raw): AdditionalNetwork[] => {
    const name = strAt(raw, "name");
    if (!isObject(raw) || name === undefined) return [];
    const entry: AdditionalNetwork = {
      name,
      namespace: str(raw.namespace) ?? "default",
      type: str(raw.type) ?? "Raw",
    };
    if (entry.type === "Raw") {
      entry.config = str(raw.rawCNIConfig);
      if (!entry.config) entry.problem = "type Raw without rawCNIConfig";
    } else if (entry.type === "SimpleMacvlan") {
      const simple = isObject(raw.simpleMacvlanConfig) ? raw.simpleMacvlanConfig : {};
      // The operator refuses any other spelling ("invalid IPAM type: dhcp"), even its own README's lower case.
      const ipamType = isObject(simple.ipamConfig) ? str(simple.ipamConfig.type) : undefined;
      if (ipamType !== undefined && ipamType !== "DHCP" && ipamType !== "Static") {
        entry.problem = `invalid IPAM type "${ipamType}": the operator accepts DHCP or Static and renders nothing else`;
      } else {
        entry.config = JSON.stringify(simpleMacvlanConfig(entry.name, simple));
      }
    }
    return [entry];
  });
}

/** What the Cluster Network Operator renders for SimpleMacvlan: a macvlan config, IPAM dhcp when unset. */
function simpleMacvlanConfig(name: string, c: JsonObject): JsonObject {
  const ipamConfig = isObject(c.ipamConfig) ? c.ipamConfig : {};
  const staticCfg = isObject(ipamConfig.staticIPAMConfig) ? ipamConfig.staticIPAMConfig : {};
  const ipam =
    str(ipamConfig.type) === "Static"
      ? {
          type: "static",
          addresses: flatList(staticCfg.addresses),
          routes: flatList(staticCfg.routes),
          dns: isObject(staticCfg.dns) ? flat(staticCfg.dns) : undefined,
        }
      : { type: "dhcp" };
  const out: JsonObject = { cniVersion: "0.3.1", name, type: "macvlan", ipam };
  if (str(c.master)) out.master = c.master;
  const mode = str(c.mode);
  if (mode) out.mode = mode.toLowerCase();
  if (typeof c.mtu === "number") out.mtu = c.mtu;
  return out;
}

/** Scalar fields and lists of scalars only: what the operator's static IPAM types hold, and bounded in depth. */
function flat(o: JsonObject): JsonObject {
  const out: JsonObject = {};
  for (const [k, v] of Object.entries(o)) {
    if (Array.isArray(v)) out[k] = v.filter((x) => typeof x !== "object" || x === null);
    else if (typeof v !== "object" || v === null) out[k] = v;
  }
  return out;
}
const flatList = (v: unknown): JsonObject[] => (Array.isArray(v) ? v.filter(isObject).map(flat) : []);

/** A NAD owned by the operator's Network `cluster` is rendered by the Cluster Network Operator. */
export function isOperatorOwned(metadata: unknown): boolean {
  if (!isObject(metadata) || !Array.isArray(metadata.ownerReferences)) return false;
  return metadata.ownerReferences.some(
    (r) =>
      isObject(r) &&
      r.kind === "Network" &&
      str(r.apiVersion)?.startsWith("operator.openshift.io/") &&
      r.name === "cluster",
  );
}

/**
 * The NADs the Cluster Network Operator renders from the Network CR: one per additionalNetworks entry, owned by
 * the CR. The demo uses it to behave like a cluster with the operator running.
 */
export function renderOperatorNads(network: {
  spec?: unknown;
  metadata: { name: string; uid?: string };
}): KubeObject[] {
  return parseAdditionalNetworks(network.spec).flatMap((e) =>
    e.config
      ? [
          {
            apiVersion: "k8s.cni.cncf.io/v1",
            kind: "NetworkAttachmentDefinition",
            metadata: {
              name: e.name,
              namespace: e.namespace,
              ownerReferences: [
                {
                  apiVersion: "operator.openshift.io/v1",
                  kind: "Network",
                  name: network.metadata.name,
                  uid: network.metadata.uid ?? "",
                  controller: true,
                  blockOwnerDeletion: true,
                },
              ],
            },
            spec: { config: e.config },
          },
        ]
      : [],
  );
}

type Entry = Record<string, unknown>;

/** The raw additionalNetworks entries of a Network CR, as stored (unknown fields kept). */
export function additionalNetworkEntries(network: { spec?: unknown }): Entry[] {
  const spec = isObject(network.spec) ? network.spec : {};
  return Array.isArray(spec.additionalNetworks) ? spec.additionalNetworks.filter(isObject) : [];
}

const sameEntry = (e: Entry, key: { name: string; namespace: string }): boolean =>
  e.name === key.name && (typeof e.namespace === "string" ? e.namespace : "default") === key.namespace;

export function hasAdditionalNetwork(network: { spec?: unknown }, key: { name: string; namespace: string }): boolean {
  return additionalNetworkEntries(network).some((e) => sameEntry(e, key));
}

/** The Network CR with one entry added or replaced (`entry`), or removed (`null`); the other entries stay as they are. */
export function withAdditionalNetwork<T extends { spec?: unknown }>(
  network: T,
  key: { name: string; namespace: string },
  entry: Entry | null,
): T {
  const rest = additionalNetworkEntries(network).filter((e) => !sameEntry(e, key));
  return {
    ...network,
    spec: { ...(isObject(network.spec) ? network.spec : {}), additionalNetworks: entry ? [...rest, entry] : rest },
  };
}
