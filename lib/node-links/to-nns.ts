// A probe's links in NodeNetworkState's shape, so the one path that reads observed host links (topology/hosts.ts)
// reads them too. The object is never written to the cluster: the server stands it in for a node's missing or stale
// NodeNetworkState, and the annotations say it is a probe (who, when, how), which the host element then says.
import type { KubeObject } from "../k8s/objects";
import { type NodeLink, portsOf } from "./link";

export const PROBED_BY = "plumbline.io/probed-by";
export const PROBED_AT = "plumbline.io/probed-at";
const PROBE_METHOD = "plumbline.io/probe-method";

export interface Probe {
  node: string;
  links: NodeLink[];
  /** ISO time the links were read */
  at: string;
  /** the caller's name, as the API server knows them */
  by: string;
  method: string;
}

function family(l: NodeLink, v6: boolean) {
  const address = (l.addresses ?? []).flatMap((a) => {
    const [ip, len] = a.split("/");
    if (!ip || ip.includes(":") !== v6) return [];
    return [{ ip, "prefix-length": Number(len) }];
  });
  return { enabled: address.length > 0, address };
}

function iface(l: NodeLink, all: readonly NodeLink[]): Record<string, unknown> {
  const out: Record<string, unknown> = {
    name: l.name,
    type: l.type,
    state: l.state,
    ipv4: family(l, false),
    ipv6: family(l, true),
  };
  if (l.mac) out["mac-address"] = l.mac;
  if (l.mtu !== undefined) out.mtu = l.mtu;
  if (l.controller) out.controller = l.controller;
  if (l.type === "linux-bridge") out.bridge = { port: portsOf(all, l.name).map((name) => ({ name })) };
  if (l.type === "veth") out.veth = l.peer?.name ? { peer: l.peer.name } : {};
  const sub = { "base-iface": l.parent, ...(l.vlanId === undefined ? {} : { id: l.vlanId }) };
  if (l.parent && l.type === "mac-vlan") out["mac-vlan"] = sub;
  if (l.parent && l.type === "ipvlan") out.ipvlan = sub;
  if (l.parent && l.type === "vlan") out.vlan = sub;
  if (l.bond) out["link-aggregation"] = { mode: l.bond.mode, port: l.bond.ports };
  return out;
}

export function probedNodeNetworkState(p: Probe): KubeObject {
  return {
    apiVersion: "nmstate.io/v1beta1",
    kind: "NodeNetworkState",
    metadata: {
      name: p.node,
      annotations: { [PROBED_BY]: p.by, [PROBED_AT]: p.at, [PROBE_METHOD]: p.method },
    },
    status: { currentState: { interfaces: p.links.map((l) => iface(l, p.links)) } },
  };
}

/** Whether a NodeNetworkState is Plumbline's stand-in for a probe (not kubernetes-nmstate's). */
export const isProbeStandIn = (o: KubeObject): boolean => o.metadata.annotations?.[PROBED_BY] !== undefined;

/** How many NodeNetworkStates kubernetes-nmstate wrote (stand-ins aside): what "none at all" is said from. */
export const reportedCount = (states: readonly KubeObject[]): number => states.filter((s) => !isProbeStandIn(s)).length;
