import type { NicSummary } from "../contract/schema";
import { fail, isObject, num, ok, type Result, str, strAt, stringsAt } from "../result";

/** A link as kubernetes-nmstate reports it in status.currentState.interfaces. */
export interface NnsInterface extends NicSummary {
  /** linux-bridge, ovs-bridge: names of its ports */
  ports: string[];
  /** mac-vlan / ipvlan / vlan: the interface it sits on */
  baseIface?: string;
  vlanId?: number;
  /** veth: its peer's name, when reported (absent: the peer is in another network namespace) */
  peer?: string;
}

export function parseNnsInterfaces(status: unknown): Result<NnsInterface[]> {
  if (!isObject(status)) return fail("status is missing");
  const current = status.currentState;
  if (!isObject(current)) return fail("status.currentState is missing");
  if (!Array.isArray(current.interfaces)) return fail("status.currentState.interfaces is not a list");
  const out: NnsInterface[] = [];
  for (const raw of current.interfaces) {
    if (!isObject(raw)) continue;
    const name = str(raw.name);
    if (!name) continue;
    const type = str(raw.type) ?? "unknown";
    const iface: NnsInterface = {
      name,
      type,
      state: str(raw.state),
      mac: str(raw["mac-address"]),
      mtu: num(raw.mtu),
      controller: str(raw.controller),
      ips: [...addresses(raw.ipv4), ...addresses(raw.ipv6)],
      ports: [],
    };
    // An OVS bridge (br-ex, a localnet's bridge) lists its ports the same way: the NIC among them is its uplink.
    if ((type === "linux-bridge" || type === "ovs-bridge") && isObject(raw.bridge) && Array.isArray(raw.bridge.port)) {
      iface.ports = stringsAt(raw.bridge.port, "name");
    }
    const sub = isObject(raw["mac-vlan"])
      ? raw["mac-vlan"]
      : isObject(raw.ipvlan)
        ? raw.ipvlan
        : isObject(raw.vlan)
          ? raw.vlan
          : undefined;
    if (sub) {
      iface.baseIface = str(sub["base-iface"]);
      iface.vlanId = num(sub.id);
    }
    const peer = type === "veth" && isObject(raw.veth) ? str(raw.veth.peer) : undefined;
    if (peer) iface.peer = peer;
    out.push(iface);
  }
  return ok(out);
}

function addresses(family: unknown): string[] {
  if (!isObject(family) || !Array.isArray(family.address)) return [];
  return family.address.flatMap((a) => {
    const ip = strAt(a, "ip");
    if (!isObject(a) || ip === undefined) return [];
    const len = num(a["prefix-length"]);
    return [len === undefined ? ip : `${ip}/${len}`];
  });
}

/** Interfaces that are physical or bonded NICs: what a bridge uplink or a macvlan parent is made of. */
export const NIC_TYPES = new Set(["ethernet", "bond", "vlan", "team"]);

/**
 * Whether a bridge port leads off the host: a NIC, or a veth whose other end is in another network namespace and is
 * not a pod's (a container node's eth0, as kind or the test bed wire them). Pods' veths are named veth* by the CNI
 * plugins that make them, and lead only into that pod.
 */
export function isUplinkPort(port: NnsInterface, onHost: (name: string) => NnsInterface | undefined): boolean {
  if (NIC_TYPES.has(port.type)) return true;
  if (port.type !== "veth" || port.name.startsWith("veth")) return false;
  return port.peer === undefined || onHost(port.peer) === undefined;
}
