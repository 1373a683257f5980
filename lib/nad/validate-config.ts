import type { Ipam, IpRange } from "../contract/schema";
import { type Cidr, cidrContains, networkOf, parseCidr, parseIp } from "../net/ip";
import { pluginOf } from "../plugins/registry";
import type { NadConfig } from "./parse-config";

/**
 * The one check of a parsed CNI config's meaning, whatever wrote it: the network forms refuse a config with an error
 * here at the field it names, and the topology turns every issue into a finding on the network. An error is a config
 * the plugin will refuse when a pod starts; a warning one that works but misleads.
 */
export interface ConfigIssue {
  severity: "error" | "warning";
  /** where in the config: "name", "ipam.type", or a range field ("subnet", "start", "end", "gateway", "exclude") */
  field: string;
  /** index of the range (or static address) the issue is in */
  index?: number;
  /** index inside a list field, e.g. which exclude */
  item?: number;
  message: string;
  /** the value itself does not parse (a form field's own schema says so already) */
  format?: true;
}

/** The IPAM plugins the reference CNI plugins, whereabouts and the Multus ecosystem ship. */
export const KNOWN_IPAM_TYPES = ["host-local", "static", "dhcp", "whereabouts", "none"] as const;

/** Checks one address range: a CIDR, start and end and gateway inside it, start ≤ end, excludes inside it. */
export function validateRange(range: IpRange, index?: number): ConfigIssue[] {
  const issues: ConfigIssue[] = [];
  const add = (
    severity: ConfigIssue["severity"],
    field: string,
    message: string,
    item?: number,
    format?: true,
  ): void => {
    issues.push({
      severity,
      field,
      message,
      ...(index !== undefined ? { index } : {}),
      ...(item !== undefined ? { item } : {}),
      ...(format ? { format } : {}),
    });
  };
  const cidr = parseCidr(range.subnet);
  if (!cidr) {
    add("error", "subnet", `${range.subnet} is not a CIDR, e.g. 192.168.12.0/24`, undefined, true);
  }
  for (const [field, what, value] of [
    ["start", "start", range.start],
    ["end", "end", range.end],
    ["gateway", "gateway", range.gateway],
  ] as const) {
    if (!value) continue;
    const ip = parseIp(value);
    if (!ip) add("error", field, `${what} ${value} is not an IP address`, undefined, true);
    // A gateway off the subnet only breaks the routes through it; an address outside the range is never handed out.
    else if (cidr && !cidrContains(cidr, ip))
      add(field === "gateway" ? "warning" : "error", field, `${what} ${value} is outside ${range.subnet}`);
  }
  const a = range.start ? parseIp(range.start) : null;
  const b = range.end ? parseIp(range.end) : null;
  if (a && b && (a.family !== b.family || a.value > b.value)) {
    add("error", "end", `end ${range.end} comes before start ${range.start}`);
  }
  range.exclude.forEach((ex, i) => {
    const e = parseCidr(ex);
    if (!e) add("error", "exclude", `exclude ${ex} is not a CIDR`, i, true);
    else if (cidr && !cidrInside(cidr, e)) add("warning", "exclude", `${ex} is not inside ${range.subnet}`, i);
  });
  return issues;
}

function cidrInside(outer: Cidr, inner: Cidr): boolean {
  return (
    inner.ip.family === outer.ip.family &&
    inner.prefix >= outer.prefix &&
    cidrContains(outer, { family: inner.ip.family, value: networkOf(inner) })
  );
}

/** Checks the IPAM section: a known plugin with what it needs, and every range and address. */
export function validateIpam(ipam: Ipam): ConfigIssue[] {
  const issues: ConfigIssue[] = [];
  const known: readonly string[] = KNOWN_IPAM_TYPES;
  if (!known.includes(ipam.type)) {
    issues.push({
      severity: "warning",
      field: "ipam.type",
      message: `IPAM type "${ipam.type}" is not one of ${KNOWN_IPAM_TYPES.filter((t) => t !== "none").join(", ")}: pods start only if that plugin is installed on every node`,
    });
  }
  if ((ipam.type === "host-local" || ipam.type === "whereabouts") && ipam.ranges.length === 0) {
    const needs = ipam.type === "whereabouts" ? "`range` or `ipRanges`" : "`ranges` or `subnet`";
    issues.push({
      severity: "error",
      field: "ipam",
      message: `${ipam.type} IPAM needs ${needs}: no pod gets an address`,
    });
  }
  ipam.ranges.forEach((r, i) => {
    issues.push(...validateRange(r, i));
  });
  ipam.addresses.forEach((address, i) => {
    if (!parseCidr(address))
      issues.push({
        severity: "error",
        field: "address",
        index: i,
        message: `${address} is not an address with a prefix, e.g. 192.168.12.5/24`,
      });
  });
  return issues;
}

/** Checks a whole parsed config; `nadName` is the name of the NAD that holds it, when there is one. */
export function validateNadConfig(config: NadConfig, nadName?: string): ConfigIssue[] {
  const issues: ConfigIssue[] = [];
  // Where the plugin shares the name across NADs (OVN-Kubernetes: the OVN network's name, the same in every NAD of a
  // localnet or layer2 network, as its docs require), a name unlike the NAD's is required, not misleading.
  const shared = config.cniType !== null && pluginOf(config.cniType)?.sharedName === true;
  if (nadName !== undefined && config.name !== undefined && config.name !== nadName && !shared) {
    issues.push({
      severity: "warning",
      field: "name",
      message: `the config's "name" is "${config.name}" but the NAD is ${nadName}: Multus goes by the NAD's name, so "${config.name}" only misleads whoever reads the config`,
    });
  }
  if (config.ipam) issues.push(...validateIpam(config.ipam).map((i) => ({ ...i, message: `ipam: ${i.message}` })));
  return issues;
}
