import { hostId, networkIdOfRef, pointId } from "../contract/ids";
import type { BridgeElement, NetworkElement, NicSummary, Severity } from "../contract/schema";
import type { BuildContext } from "./context";

/**
 * Linux hands the frames a device receives to one handler (its rx_handler): a bridge's, an Open vSwitch datapath's,
 * a bond's or a team's for their ports, the macvlans' for a macvlan parent, the ipvlans' for an ipvlan parent. A
 * second claimant is refused with EBUSY, which the macvlan and ipvlan plugins pass on as "device or resource busy":
 * the pod stays in ContainerCreating. (Shown on this machine's kernel by parent-busy.int.test.ts; in the field,
 * containernetworking/cni#7 and k8snetworkplumbingwg/multus-cni#1339.) A VLAN or a VRF takes no rx_handler.
 */
const TAKEN_BY_CONTROLLER = new Set(["linux-bridge", "ovs-bridge", "bond", "team"]);
/** A probe reads an OVS port's controller as the datapath, which `ip link` shows as ovs-system. */
const OVS_DATAPATH = "ovs-system";

type LowerKind = "macvlan" | "ipvlan";
const POINT_KIND = { macvlan: "macvlan-parent", ipvlan: "ipvlan-parent" } as const;

interface DeviceUse {
  host: string;
  device: string;
  networks: Record<LowerKind, Map<string, NetworkElement>>;
  interfaces: { id: string; attached: boolean }[];
}

/**
 * The macvlan and ipvlan interfaces of each host, by the parent device their network names; and each host's bridges
 * (every bridge its report names is a point, used or not: hosts.ts).
 */
function lowerDeviceUses(ctx: BuildContext): { uses: Map<string, DeviceUse>; bridges: Map<string, BridgeElement[]> } {
  const uses = new Map<string, DeviceUse>();
  const bridges = new Map<string, BridgeElement[]>();
  for (const el of ctx.elements.values()) {
    if (el.kind === "bridge") bridges.set(el.host, [...(bridges.get(el.host) ?? []), el]);
    if (el.kind !== "interface" || el.parent === null) continue;
    const pod = ctx.get(el.parent);
    if (pod?.kind !== "pod" || pod.node === null) continue;
    const net = ctx.get(networkIdOfRef(el.network));
    if (net?.kind !== "network" || (net.mainType !== "macvlan" && net.mainType !== "ipvlan")) continue;
    // Without a master the plugin takes the default-route NIC, whose name only the node knows.
    if (!net.master) continue;
    const key = `${pod.node}\n${net.master}`;
    let use = uses.get(key);
    if (!use) {
      use = { host: pod.node, device: net.master, networks: { macvlan: new Map(), ipvlan: new Map() }, interfaces: [] };
      uses.set(key, use);
    }
    use.networks[net.mainType].set(net.id, net);
    use.interfaces.push({ id: el.id, attached: el.attached });
  }
  return { uses, bridges };
}

/**
 * The device's controller as the host reports it, when that controller takes the device's frames: the port's own
 * `controller` (nmstate 2, a probe), else a bridge that lists it among its ports (nmstate 1 reports only that).
 */
function takingController(
  nics: readonly NicSummary[],
  bridges: readonly BridgeElement[],
  device: string,
): Pick<NicSummary, "name" | "type"> | undefined {
  const controller = nics.find((n) => n.name === device)?.controller;
  if (!controller) {
    const bridge = bridges.find((b) => b.ports.includes(device));
    return bridge && { name: bridge.device, type: bridge.ovs ? "ovs-bridge" : "linux-bridge" };
  }
  if (controller === OVS_DATAPATH) return { name: controller, type: "ovs-bridge" };
  const c = nics.find((n) => n.name === controller);
  return c && TAKEN_BY_CONTROLLER.has(c.type) ? c : undefined;
}

const names = (nets: Map<string, NetworkElement>) =>
  [...nets.values()].map((n) => `${n.namespace}/${n.name}`).join(", ");

/**
 * A macvlan or ipvlan network whose master the kernel has already given to another handler on that host: a port of
 * a bridge, bond or team (observed: NodeNetworkState or a probe), or the parent of the other kind (from the networks
 * the host's pods use). An error while some pod's interface there is not attached (it cannot be); a warning when
 * every one is (the host's report and the pods disagree, and the next pod there fails).
 */
export function checkParentsBusy(ctx: BuildContext): void {
  const { uses, bridges } = lowerDeviceUses(ctx);
  for (const use of uses.values()) {
    const { host, device, networks } = use;
    const severity: Severity = use.interfaces.every((i) => i.attached) ? "warning" : "error";
    const ifaces = use.interfaces.map((i) => i.id);
    const kinds = (["macvlan", "ipvlan"] as const).filter((k) => networks[k].size > 0);
    const points = kinds.map((k) => pointId(host, POINT_KIND[k], device)).filter((id) => ctx.get(id) !== undefined);
    const hostEl = ctx.get(hostId(host));
    const nics = hostEl?.kind === "host" ? hostEl.interfaces : [];
    const controller = takingController(nics, bridges.get(host) ?? [], device);
    if (controller) {
      const bridge = pointId(host, "bridge", controller.name);
      const users = kinds.map((k) => `${k} ${names(networks[k])}`).join(" and ");
      ctx.finding(
        severity,
        "parent-device-busy",
        `${device} on ${host} is a port of ${controller.type} ${controller.name}, so it cannot be the master of ${users}: the kernel refuses a macvlan or ipvlan on a device another controller holds ("device or resource busy")`,
        [...points, ...(ctx.get(bridge) ? [bridge] : []), ...ifaces],
      );
    } else if (kinds.length === 2) {
      ctx.finding(
        severity,
        "parent-device-busy",
        `${device} on ${host} is the master of macvlan ${names(networks.macvlan)} and of ipvlan ${names(networks.ipvlan)}: a device carries macvlans or ipvlans, not both, so the kernel refuses the second kind ("device or resource busy")`,
        [...points, ...ifaces],
      );
    }
  }
}
