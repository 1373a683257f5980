import { addressOf, bits, type Cidr, type Ip, networkOf, parseCidr } from "../net/ip";

/** What a search box text asks for; parsed once, then matched against every element (or a server's index). */
export type SearchQuery =
  | { kind: "address"; ip: Ip; text: string }
  | { kind: "range"; cidr: Cidr; text: string }
  | { kind: "mac"; mac: string; text: string }
  | { kind: "pci"; pci: string; text: string }
  | { kind: "name"; lower: string; text: string };

const MAC = /^[0-9a-f]{2}([:-][0-9a-f]{2}){5}$/i;
/** domain:bus:device.function, as sysfs and Multus' device-info write it; the domain may be left out */
const PCI = /^(?:([0-9a-f]{4}):)?([0-9a-f]{2}):([0-9a-f]{2})\.([0-7])$/i;

export const normMac = (s: string): string => s.toLowerCase().replace(/-/g, ":");

/** "00:05.0" and "0000:00:05.0" are the same device: the domain defaults to 0000. */
export function normPci(s: string): string | null {
  const m = PCI.exec(s.trim());
  if (!m) return null;
  return `${m[1] ?? "0000"}:${m[2]}:${m[3]}.${m[4]}`.toLowerCase();
}

/**
 * A CIDR whose host bits are all zero (20.2.2.0/24, fd00:10::/64) is a range: it finds every address inside it. An
 * address written with its prefix length (192.168.12.21/24, as interfaces report them) is that one address.
 */
export function parseSearchQuery(input: string): SearchQuery | null {
  const text = input.trim();
  if (text === "") return null;
  const cidr = text.includes("/") ? parseCidr(text) : null;
  if (cidr && cidr.prefix < bits(cidr.ip.family) && networkOf(cidr) === cidr.ip.value)
    return { kind: "range", cidr, text };
  const ip = addressOf(text);
  if (ip && (cidr || !text.includes("/"))) return { kind: "address", ip, text };
  if (MAC.test(text)) return { kind: "mac", mac: normMac(text), text };
  const pci = normPci(text);
  if (pci) return { kind: "pci", pci, text };
  return { kind: "name", lower: text.toLowerCase(), text };
}
