// `ip -d -j link` and `ip -j addr` (iproute2) → NodeLinks. The text comes from a pod on a node: untrusted, so every
// field is checked and a malformed entry is dropped (counted), never thrown on.
import { fail, isObject, type JsonObject, num, ok, parseJson, type Result, str } from "../result";
import { type NodeLink, nmstateType, normalMac } from "./link";

export interface Parsed {
  links: NodeLink[];
  /** entries that were not links (no name), by count: said next to the result */
  dropped: number;
}

function kindOf(l: JsonObject): string {
  const info = isObject(l.linkinfo) ? l.linkinfo : {};
  const kind = str(info.info_kind);
  if (kind) return nmstateType(kind);
  if (l.link_type === "loopback") return "loopback";
  // No kind: a device with a driver, i.e. a NIC (physical, virtio, or an SR-IOV VF).
  return l.link_type === "ether" ? "ethernet" : (str(l.link_type) ?? "unknown");
}

function sriovOf(l: JsonObject): NodeLink["sriov"] {
  const vfs = Array.isArray(l.vfinfo_list) ? l.vfinfo_list.length : undefined;
  const numVfs = num(l.num_vf) ?? vfs;
  return numVfs === undefined ? undefined : { totalVfs: numVfs, numVfs };
}

function linkOf(l: JsonObject): NodeLink | undefined {
  const name = str(l.ifname);
  if (!name) return undefined;
  const flags = Array.isArray(l.flags) ? l.flags : [];
  const type = kindOf(l);
  const info = isObject(l.linkinfo) ? l.linkinfo : {};
  const data = isObject(info.info_data) ? info.info_data : {};
  const link = str(l.link);
  const out: NodeLink = { name, type, state: flags.includes("UP") ? "up" : "down" };
  const set = <K extends keyof NodeLink>(k: K, v: NodeLink[K] | undefined): void => {
    if (v !== undefined) out[k] = v;
  };
  set("index", num(l.ifindex));
  set("operstate", str(l.operstate)?.toLowerCase());
  set("mac", normalMac(str(l.address)));
  set("mtu", num(l.mtu));
  set("controller", str(l.master));
  if (type === "veth")
    set("peer", { ...(link ? { name: link } : {}), index: num(l.link_index), elsewhere: l.link_netnsid !== undefined });
  else if (link) set("parent", link);
  if (type === "vlan") set("vlanId", num(data.id));
  if (type === "bond") set("bond", { mode: str(data.mode), ports: [] });
  set("sriov", sriovOf(l));
  return out;
}

/** Entries of a JSON list, or why the text is not one. */
function entries(text: string, what: string): Result<unknown[]> {
  const parsed = parseJson(text);
  if (!parsed.ok) return fail(`${what}: ${parsed.error}`);
  return Array.isArray(parsed.value) ? ok(parsed.value) : fail(`${what}: not a JSON list`);
}

/**
 * `ip -d -j link` (links) merged with `ip -j addr` (addresses, by ifname; `addr` may be undefined when not taken).
 * Bond ports are filled from the ports' controller.
 */
export function parseIpJson(linkText: string, addrText?: string): Result<Parsed> {
  const raw = entries(linkText, "ip -d -j link");
  if (!raw.ok) return raw;
  const links: NodeLink[] = [];
  let dropped = 0;
  for (const e of raw.value) {
    const l = isObject(e) ? linkOf(e) : undefined;
    if (l) links.push(l);
    else dropped++;
  }
  if (addrText !== undefined) {
    const addrs = entries(addrText, "ip -j addr");
    if (!addrs.ok) return addrs;
    const byName = new Map<string, string[]>();
    for (const e of addrs.value) {
      const name = isObject(e) ? str(e.ifname) : undefined;
      if (!name || !isObject(e) || !Array.isArray(e.addr_info)) continue;
      byName.set(name, e.addr_info.flatMap(addressOf));
    }
    for (const l of links) l.addresses = byName.get(l.name) ?? [];
  }
  for (const l of links) if (l.bond) l.bond.ports = links.filter((p) => p.controller === l.name).map((p) => p.name);
  return ok({ links, dropped });
}

function addressOf(a: unknown): string[] {
  if (!isObject(a)) return [];
  const ip = str(a.local);
  const len = num(a.prefixlen);
  return ip && len !== undefined && (a.family === "inet" || a.family === "inet6") ? [`${ip}/${len}`] : [];
}
