// `ip -d -j addr` of the node namespace -> a NodeNetworkState's status.currentState, shaped as kubernetes-nmstate
// reports it (type names, controller, bridge ports, mac-vlan base-iface). Pure: the reporter feeds it.
import { z } from "zod";
import { nmstateType } from "../../../lib/node-links/link";

const addrInfo = z.object({ family: z.string(), local: z.string(), prefixlen: z.number() });
export const ipLinkSchema = z.object({
  ifname: z.string(),
  flags: z.array(z.string()).default([]),
  mtu: z.number().optional(),
  operstate: z.string().optional(),
  link_type: z.string().optional(),
  address: z.string().optional(),
  master: z.string().optional(),
  link: z.string().nullable().optional(),
  linkinfo: z
    .object({ info_kind: z.string().optional(), info_data: z.record(z.string(), z.unknown()).optional() })
    .optional(),
  addr_info: z.array(addrInfo.partial().passthrough()).default([]),
});
export type IpLink = z.infer<typeof ipLinkSchema>;

function typeOf(l: IpLink): string {
  const kind = l.linkinfo?.info_kind;
  if (kind) return nmstateType(kind);
  if (l.link_type === "loopback") return "loopback";
  return l.link_type === "ether" ? "ethernet" : "unknown";
}

function family(l: IpLink, fam: "inet" | "inet6") {
  const address = l.addr_info.flatMap((a) =>
    a.family === fam && a.local && a.prefixlen !== undefined ? [{ ip: a.local, "prefix-length": a.prefixlen }] : [],
  );
  return { enabled: address.length > 0, address };
}

export function nnsInterfaces(links: IpLink[]): Record<string, unknown>[] {
  return links.map((l) => {
    const type = typeOf(l);
    // nmstate's state is the administrative one (IFF_UP), not carrier: a bridge without live ports is still "up".
    const up = l.flags.includes("UP");
    const iface: Record<string, unknown> = {
      name: l.ifname,
      type,
      state: up ? "up" : "down",
      "mac-address": l.address?.toUpperCase(),
      mtu: l.mtu,
      ipv4: family(l, "inet"),
      ipv6: family(l, "inet6"),
    };
    if (l.master) iface.controller = l.master;
    if (type === "linux-bridge")
      iface.bridge = { port: links.filter((x) => x.master === l.ifname).map((x) => ({ name: x.ifname })) };
    const base = l.link ?? undefined;
    if (type === "veth" && base) iface.veth = { peer: base };
    if (type === "mac-vlan") iface["mac-vlan"] = { "base-iface": base, mode: l.linkinfo?.info_data?.mode };
    if (type === "ipvlan") iface.ipvlan = { "base-iface": base, mode: l.linkinfo?.info_data?.mode };
    if (type === "vlan") iface.vlan = { "base-iface": base, id: l.linkinfo?.info_data?.id };
    return iface;
  });
}

export function parseIpJson(text: string): IpLink[] {
  return z.array(ipLinkSchema).parse(JSON.parse(text));
}
