// One link of a node as Plumbline observed it by probing (ip -d -j, or sysfs with a POSIX shell). Types use
// kubernetes-nmstate's names (linux-bridge, mac-vlan, ethernet...) so a probed host and a NodeNetworkState read alike.
import { z } from "zod";

export const nodeLinkSchema = z.object({
  name: z.string(),
  index: z.number().int().optional(),
  type: z.string(),
  /** administrative state (IFF_UP), as nmstate reports it: "up" | "down" */
  state: z.enum(["up", "down"]),
  /** the kernel's operational state (carrier), e.g. "up", "down", "lowerlayerdown", "unknown" */
  operstate: z.string().optional(),
  mac: z.string().optional(),
  mtu: z.number().int().optional(),
  /** "ip/prefix"; undefined when the probe could not read addresses at all (no `ip` on the image) */
  addresses: z.array(z.string()).optional(),
  /** the bridge or bond this link is a port of */
  controller: z.string().optional(),
  /** mac-vlan / ipvlan / vlan: the link it sits on */
  parent: z.string().optional(),
  vlanId: z.number().int().optional(),
  /** veth: the other end; `name` only when it is in the same network namespace */
  peer: z
    .object({ name: z.string().optional(), index: z.number().int().optional(), elsewhere: z.boolean() })
    .optional(),
  /** SR-IOV physical function: how many VFs it can have and has */
  sriov: z.object({ totalVfs: z.number().int(), numVfs: z.number().int() }).optional(),
  /** SR-IOV physical function: its VFs by index with their PCI addresses (sysfs device/virtfnN) */
  vfs: z.array(z.object({ index: z.number().int(), pciAddress: z.string() })).optional(),
  /** SR-IOV virtual function: its physical function */
  pf: z.string().optional(),
  bond: z.object({ mode: z.string().optional(), ports: z.array(z.string()) }).optional(),
});
export type NodeLink = z.infer<typeof nodeLinkSchema>;

/** Kernel link kinds (`ip -d` info_kind, sysfs uevent DEVTYPE) in kubernetes-nmstate's words. */
const NMSTATE_TYPE: Record<string, string> = {
  bridge: "linux-bridge",
  macvlan: "mac-vlan",
  macvtap: "mac-vtap",
  ipvlan: "ipvlan",
  vlan: "vlan",
  bond: "bond",
  team: "team",
  veth: "veth",
  dummy: "dummy",
  vxlan: "vxlan",
  tun: "tun",
  vrf: "vrf",
  openvswitch: "ovs-interface",
};
export const nmstateType = (kind: string): string => NMSTATE_TYPE[kind] ?? kind;

/** MACs as nmstate writes them (upper case), so probed and reported links compare equal. */
export const normalMac = (mac: string | undefined): string | undefined =>
  mac && /^[0-9a-fA-F]{2}(:[0-9a-fA-F]{2})+$/.test(mac) ? mac.toUpperCase() : undefined;

/** Bridge ports are the links whose controller is the bridge (what `ip link show master <bridge>` lists). */
export const portsOf = (links: readonly NodeLink[], bridge: string): string[] =>
  links.filter((l) => l.controller === bridge).map((l) => l.name);
