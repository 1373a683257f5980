import { refOf } from "../contract/ids";
import type { Topology } from "../contract/schema";
import { cidrsOverlap, parseCidr } from "../net/ip";
import type { IpamForm, IpamFormInput } from "./ipam";

export interface RangeOverlap {
  /** namespace/name of the other NAD */
  network: string;
  range: string;
  mine: string;
}

function rangesOf(ipam: IpamForm | IpamFormInput): string[] {
  switch (ipam.type) {
    case "host-local":
      return ipam.ranges.map((r) => r.subnet);
    case "whereabouts":
      return [ipam.range];
    case "static":
      return ipam.addresses.map((a) => a.address);
    case "none":
    case "dhcp":
      return [];
  }
}

/** Other NADs whose ranges overlap this form's: a warning, not an error (separate L2 segments may reuse a range). */
export function rangeOverlaps(
  ipam: IpamForm | IpamFormInput,
  topology: Topology,
  self?: { namespace: string; name: string },
): RangeOverlap[] {
  const mine = rangesOf(ipam)
    .map((r) => [r, parseCidr(r)] as const)
    .filter((x): x is readonly [string, NonNullable<ReturnType<typeof parseCidr>>] => x[1] !== null);
  if (mine.length === 0) return [];
  const out: RangeOverlap[] = [];
  for (const el of topology.elements) {
    if (el.kind !== "network" || !el.ipam) continue;
    if (self && el.namespace === self.namespace && el.name === self.name) continue;
    for (const r of [...el.ipam.ranges.map((x) => x.subnet), ...el.ipam.addresses]) {
      const theirs = parseCidr(r);
      if (!theirs) continue;
      for (const [text, c] of mine) if (cidrsOverlap(c, theirs)) out.push({ network: refOf(el), range: r, mine: text });
    }
  }
  return out;
}
