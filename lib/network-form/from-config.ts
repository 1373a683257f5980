import { text as str } from "../plugins/fields";
import { isFormType, pluginFormOf, pluginOf } from "../plugins/registry";
import { isObject, parseJson } from "../result";
import type { NetworkFormInput } from "./schema";

const COMMON = ["cniVersion", "name", "type", "ipam"];
const IPAM_KNOWN: Record<string, string[]> = {
  "host-local": ["type", "ranges", "routes"],
  static: ["type", "addresses", "routes", "dns"],
  dhcp: ["type"],
  whereabouts: ["type", "range", "range_start", "range_end", "exclude", "gateway", "routes"],
};

/**
 * Form values for editing or cloning an existing config. A config the structured form can express exactly
 * opens in it; anything else (conflists, fields the form does not have, plugins Plumbline has no form for) opens as
 * raw JSON, so an edit never drops what the form cannot show.
 */
export function formFromConfig(
  name: string,
  namespace: string,
  config: string,
  resourceName?: string,
): NetworkFormInput {
  const raw: NetworkFormInput = {
    name,
    namespace,
    target: "nad",
    main: { type: "raw", config },
    ipam: { type: "none" },
  };
  const json = parseJson(config);
  if (!json.ok || !isObject(json.value)) return raw;
  const c = json.value;
  const plugin = pluginOf(str(c.type));
  if (
    !plugin ||
    !isFormType(plugin.type) ||
    Object.keys(c).some((k) => !COMMON.includes(k) && !plugin.formKeys.includes(k))
  )
    return raw;
  const ipam = isObject(c.ipam) ? c.ipam : {};
  const ipamType = str(ipam.type);
  if (ipamType && (!IPAM_KNOWN[ipamType] || Object.keys(ipam).some((k) => !IPAM_KNOWN[ipamType]?.includes(k))))
    return raw;
  const ranges = Array.isArray(ipam.ranges) ? ipam.ranges.flat() : [];
  if (ipamType === "host-local" && (!Array.isArray(ipam.ranges) || ipam.ranges.length > 1)) return raw; // several range sets: raw
  const routes = Array.isArray(ipam.routes)
    ? ipam.routes.filter(isObject).map((r) => ({ dst: str(r.dst), gw: str(r.gw) }))
    : [];
  const ipamForm: NetworkFormInput["ipam"] =
    ipamType === "host-local"
      ? {
          type: "host-local",
          ranges: ranges.filter(isObject).map((r) => ({
            subnet: str(r.subnet),
            rangeStart: str(r.rangeStart),
            rangeEnd: str(r.rangeEnd),
            gateway: str(r.gateway),
          })),
          routes,
        }
      : ipamType === "static"
        ? {
            type: "static",
            addresses: (Array.isArray(ipam.addresses) ? ipam.addresses : [])
              .filter(isObject)
              .map((a) => ({ address: str(a.address), gateway: str(a.gateway) })),
            routes,
            dns: {
              nameservers:
                isObject(ipam.dns) && Array.isArray(ipam.dns.nameservers) ? ipam.dns.nameservers.map(str) : [],
            },
          }
        : ipamType === "dhcp"
          ? { type: "dhcp" }
          : ipamType === "whereabouts"
            ? {
                type: "whereabouts",
                range: str(ipam.range),
                range_start: str(ipam.range_start),
                range_end: str(ipam.range_end),
                exclude: Array.isArray(ipam.exclude) ? ipam.exclude.map(str) : [],
                gateway: str(ipam.gateway),
                routes,
              }
            : { type: "none" };
  const main = pluginFormOf(plugin.type, c, resourceName);
  return { name, namespace, target: "nad", main, ipam: ipamForm };
}
