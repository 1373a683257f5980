import { isObject, parseJson } from "../result";
import type { NetworkFormInput } from "./schema";

const KNOWN: Record<string, string[]> = {
  bridge: ["bridge", "vlan", "mtu", "isGateway", "ipMasq", "hairpinMode", "macspoofchk"],
  macvlan: ["master", "mode", "mtu"],
  ipvlan: ["master", "mode", "mtu"],
  "host-device": ["device", "hwaddr", "pciBusID"],
  vlan: ["master", "vlanId", "mtu"],
  sriov: ["vlan", "spoofchk", "trust"],
};
const COMMON = ["cniVersion", "name", "type", "ipam"];
const IPAM_KNOWN: Record<string, string[]> = {
  "host-local": ["type", "ranges", "routes"],
  static: ["type", "addresses", "routes", "dns"],
  dhcp: ["type"],
  whereabouts: ["type", "range", "range_start", "range_end", "exclude", "gateway", "routes"],
};

const str = (v: unknown): string => (typeof v === "string" ? v : typeof v === "number" ? String(v) : "");

/**
 * Form values for editing or cloning an existing config. A config the structured form can express exactly
 * opens in it; anything else (conflists, fields the form does not have) opens as raw JSON, so an edit never
 * drops what the form cannot show.
 */
/**
 * A config's value for a field with fixed options, kept as written even when it is not one of them: the form then
 * shows it and its schema refuses it at that field, rather than an edit silently changing it to a default.
 */
function keepOption<T extends string>(value: string): T {
  // biome-ignore lint/plugin: deliberately unchecked here; networkFormSchema checks it when the form is submitted
  return value as T;
}

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
  const type = str(c.type);
  const known = KNOWN[type];
  if (!known || Object.keys(c).some((k) => !COMMON.includes(k) && !known.includes(k))) return raw;
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
  const flag = (k: string) => c[k] === true;
  const main: NetworkFormInput["main"] =
    type === "bridge"
      ? {
          type,
          bridge: str(c.bridge) || "cni0",
          vlan: str(c.vlan),
          mtu: str(c.mtu),
          isGateway: flag("isGateway"),
          ipMasq: flag("ipMasq"),
          hairpinMode: flag("hairpinMode"),
          macspoofchk: flag("macspoofchk"),
        }
      : type === "macvlan"
        ? { type, master: str(c.master), mode: keepOption(str(c.mode) || "bridge"), mtu: str(c.mtu) }
        : type === "ipvlan"
          ? { type, master: str(c.master), mode: keepOption(str(c.mode) || "l2"), mtu: str(c.mtu) }
          : type === "host-device"
            ? { type, device: str(c.device), hwaddr: str(c.hwaddr), pciBusID: str(c.pciBusID) }
            : type === "vlan"
              ? { type, master: str(c.master), vlanId: str(c.vlanId), mtu: str(c.mtu) }
              : {
                  type: "sriov",
                  resourceName: resourceName ?? "",
                  vlan: str(c.vlan),
                  spoofchk: keepOption(str(c.spoofchk) || ""),
                  trust: keepOption(str(c.trust) || ""),
                };
  return { name, namespace, target: "nad", main, ipam: ipamForm };
}
