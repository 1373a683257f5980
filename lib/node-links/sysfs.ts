// The POSIX-shell fallback's listing of /sys/class/net (script.ts) and `ip -o addr` → NodeLinks. What sysfs says:
// type (ARPHRD), flags (IFF_UP), operstate, address, mtu, master, lower_* (the parent of a macvlan/vlan), bonding/,
// bridge/, device/sriov_* and device/physfn (SR-IOV), uevent's DEVTYPE (the kernel's kind for virtual links).
import { type NodeLink, nmstateType, normalMac } from "./link";

type Fields = Map<string, string[]>;

/** `@iface <name>` blocks of `key=value` lines; unknown keys are kept (ignored), lines without `=` dropped. */
export function sysfsBlocks(text: string): { name: string; fields: Fields }[] {
  const out: { name: string; fields: Fields }[] = [];
  for (const line of text.split("\n")) {
    const head = /^@iface (\S{1,64})$/.exec(line);
    if (head?.[1]) {
      out.push({ name: head[1], fields: new Map() });
      continue;
    }
    const eq = line.indexOf("=");
    const cur = out.at(-1);
    if (!cur || eq <= 0) continue;
    const key = line.slice(0, eq);
    cur.fields.set(key, [...(cur.fields.get(key) ?? []), line.slice(eq + 1)]);
  }
  return out;
}

const one = (f: Fields, k: string): string | undefined => f.get(k)?.[0] || undefined;
const int = (f: Fields, k: string): number | undefined => {
  const v = one(f, k);
  if (v === undefined) return undefined;
  const n = v.startsWith("0x") ? Number.parseInt(v.slice(2), 16) : Number(v);
  return Number.isSafeInteger(n) ? n : undefined;
};

const ARPHRD_LOOPBACK = 772;
const IFF_UP = 0x1;

function typeOf(f: Fields, index: number | undefined, iflink: number | undefined): string {
  if (int(f, "type") === ARPHRD_LOOPBACK) return "loopback";
  if (one(f, "bridge") === "1") return "linux-bridge";
  const devtype = one(f, "devtype");
  if (devtype) return nmstateType(devtype);
  // A virtual link with no kind in uevent but a link to another ifindex and no lower: a veth (its peer).
  if (one(f, "virtual") === "1")
    return iflink !== undefined && iflink !== 0 && iflink !== index && !f.has("lower") ? "veth" : "unknown";
  return int(f, "type") === 1 ? "ethernet" : "unknown";
}

function linkOf(name: string, f: Fields): NodeLink {
  const index = int(f, "ifindex");
  const iflink = int(f, "iflink");
  const type = typeOf(f, index, iflink);
  const flags = int(f, "flags") ?? 0;
  const l: NodeLink = { name, type, state: flags & IFF_UP ? "up" : "down" };
  const set = <K extends keyof NodeLink>(k: K, v: NodeLink[K] | undefined): void => {
    if (v !== undefined) l[k] = v;
  };
  set("index", index);
  set("operstate", one(f, "operstate"));
  set("mac", normalMac(one(f, "address")));
  set("mtu", int(f, "mtu"));
  set("controller", one(f, "master"));
  if (type === "veth") set("peer", { index: iflink, elsewhere: true });
  else if (f.has("lower") && type !== "bond" && type !== "linux-bridge") set("parent", one(f, "lower"));
  const total = int(f, "sriov_totalvfs");
  if (total !== undefined) set("sriov", { totalVfs: total, numVfs: int(f, "sriov_numvfs") ?? 0 });
  set("pf", one(f, "physfn"));
  if (f.has("bond_mode") || type === "bond")
    set("bond", {
      mode: one(f, "bond_mode")?.split(" ")[0],
      ports: (one(f, "bond_slaves") ?? "").split(" ").filter(Boolean),
    });
  return l;
}

/** Links from the sysfs listing; a veth's peer is named when it is in the same namespace (its iflink is ours). */
export function parseSysfs(text: string): NodeLink[] {
  const links = sysfsBlocks(text).map((b) => linkOf(b.name, b.fields));
  for (const l of links) {
    // macvlan and ipvlan have no DEVTYPE in uevent: a virtual link on a lower one; ipvlan shares the lower's MAC.
    const lower = l.type === "unknown" && l.parent ? links.find((p) => p.name === l.parent) : undefined;
    if (lower) l.type = lower.mac !== undefined && lower.mac === l.mac ? "ipvlan" : "mac-vlan";
    if (l.type !== "veth" || !l.peer) continue;
    const peer = links.find((p) => p.index === l.peer?.index && p.peer?.index === l.index);
    if (peer) l.peer = { name: peer.name, index: peer.index, elsewhere: false };
  }
  return links;
}

/** `ip -o addr` lines (iproute2 or busybox): "2: eth0    inet 10.0.0.2/24 brd ... scope global eth0". */
export function parseIpOneline(text: string): Map<string, string[]> {
  const out = new Map<string, string[]>();
  for (const line of text.split("\n")) {
    const m = /^\d+:\s+([^\s@]+)(?:@\S+)?\s+inet6?\s+([0-9a-fA-F.:]+\/\d{1,3})\b/.exec(line);
    if (!m?.[1] || !m[2]) continue;
    out.set(m[1], [...(out.get(m[1]) ?? []), m[2]]);
  }
  return out;
}
