import { cidrSize, formatIp, networkOf, parseCidr } from "../net/ip";
import { fail, isObject, ok, type Result, str } from "../result";

export interface IpPoolAllocation {
  ip: string;
  /** namespace/name of the pod; whereabouts before 0.5 (issue #112) wrote allocations without it */
  podref?: string;
  ifname?: string;
  containerId?: string;
}

export interface IpPool {
  range: string;
  allocations: IpPoolAllocation[];
}

/** Allocations are keyed by the decimal offset from the range's first address. */
export function parseIpPoolSpec(spec: unknown): Result<IpPool> {
  if (!isObject(spec)) return fail("spec is missing");
  const range = str(spec.range);
  if (!range) return fail("spec.range is missing");
  const cidr = parseCidr(range);
  if (!cidr) return fail(`spec.range "${range}" is not a CIDR`);
  const first = networkOf(cidr);
  const size = cidrSize(cidr);
  const allocations: IpPoolAllocation[] = [];
  const raw = isObject(spec.allocations) ? spec.allocations : {};
  for (const [key, value] of Object.entries(raw)) {
    if (!/^\d+$/.test(key) || !isObject(value)) return fail(`allocation "${key}" is not an offset with an object`);
    const offset = BigInt(key);
    if (offset >= size) return fail(`allocation offset ${key} lies outside ${range}`);
    const podref = str(value.podref);
    allocations.push({
      ip: formatIp({ family: cidr.ip.family, value: first + offset }),
      ...(podref ? { podref } : {}),
      ifname: str(value.ifname),
      containerId: str(value.id),
    });
  }
  return ok({ range, allocations });
}

/** The pool name whereabouts derives from a range: `:` and `/` become `-`, prefixed by network_name when set. */
export function ipPoolName(range: string, networkName?: string): string {
  const base = range.replace(/[:/]/g, "-");
  return networkName ? `${networkName}-${base}` : base;
}
