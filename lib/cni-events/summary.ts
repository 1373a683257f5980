import { parseIp } from "../net/ip";
import type { CniFailure } from "./schema";

const clip = (s: string, n = 140): string => (s.length > n ? `${s.slice(0, n - 1)}…` : s);

/** "135.111.37.1–4" when both ends share the first three IPv4 octets, else "a–b". */
export function formatRange([first, last]: readonly [string, string]): string {
  if (first === last) return first;
  const a = first.split(".");
  const b = last.split(".");
  if (a.length === 4 && b.length === 4 && a.slice(0, 3).join(".") === b.slice(0, 3).join(".")) {
    return `${first}–${b[3]}`;
  }
  return `${first}–${last}`;
}

/** Addresses from first to last inclusive, when both parse, are one family, and the count is readable. */
export function rangeSize([first, last]: readonly [string, string]): number | null {
  const a = parseIp(first);
  const b = parseIp(last);
  if (!a || !b || a.family !== b.family || b.value < a.value) return null;
  const n = b.value - a.value + 1n;
  return n > 1_000_000n ? null : Number(n);
}

function exhausted(range: readonly [string, string]): string {
  const size = rangeSize(range);
  return size === null
    ? `IP range exhausted: no free address in ${formatRange(range)}`
    : `IP range exhausted: 0 of ${size} free in ${formatRange(range)}`;
}

type Parts = Omit<CniFailure, "summary">;

/** One line per cause, in the words an admin acts on; the full text stays in the event. */
export function summarize(f: Parts): string {
  const on = f.network ? ` (${f.network})` : "";
  switch (f.cause) {
    case "ip-range-exhausted":
      return f.range ? exhausted(f.range) : `IP range exhausted${on}`;
    case "ip-in-use":
      return f.ip && !f.ip.includes("<") ? `IP ${f.ip} is already in use${on}` : `IP address already in use${on}`;
    case "whereabouts-storage":
      return `whereabouts could not update its IP pool: ${clip(f.detail.replace(/^error at storage engine:\s*/i, ""))}`;
    case "master-not-found":
      return f.device === ""
        ? "No master/device set in the network config, and none was found"
        : `${f.device ? `Device ${f.device}` : "The master/parent device"} not found on the node${on}`;
    case "device-busy":
      return `Device busy: held by another pod or already moved${on}`;
    case "ifname-exists":
      return `Interface name ${f.interface ?? ""} already exists in the pod`.replace("name  ", "name ");
    case "plugin-missing":
      return `CNI plugin ${f.plugin ?? "binary"} is not installed on the node`;
    case "nad-not-found":
      return f.network?.endsWith("/")
        ? "Empty network name in the pod's networks annotation (a stray comma?)"
        : `NetworkAttachmentDefinition ${f.network ?? ""} not found`.replace("  ", " ");
    case "invalid-config":
      return `Invalid CNI configuration: ${clip(f.detail)}`;
    case "dhcp-unreachable":
      return "DHCP IPAM: no dhcp daemon answering on the node";
    case "sriov-resource":
      return `SR-IOV VF not allocated or unavailable: ${clip(f.detail)}`;
    case "multus-not-ready":
      return `Multus is not ready on the node: ${clip(f.detail)}`;
    case "timeout":
      return `Timed out: ${clip(f.detail)}`;
    case "unknown":
      return clip(f.detail);
  }
}
