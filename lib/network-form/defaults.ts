import type { NetworkFormInput } from "@/lib/network-form/schema";
import { isObject, parseJson } from "@/lib/result";

export type MainInput = NetworkFormInput["main"];
export type MainType = MainInput["type"];
export type IpamInput = NetworkFormInput["ipam"];
export type IpamType = IpamInput["type"];

/** The type picker's order and words. */
export const MAIN_TYPES: { type: MainType; label: string; blurb: string }[] = [
  { type: "bridge", label: "bridge", blurb: "Linux bridge on each node" },
  { type: "macvlan", label: "macvlan", blurb: "own MACs on a host NIC" },
  { type: "ipvlan", label: "ipvlan", blurb: "shares the NIC's MAC" },
  { type: "host-device", label: "host-device", blurb: "moves a NIC into the pod" },
  { type: "vlan", label: "vlan", blurb: "802.1Q sub-interface" },
  { type: "sriov", label: "SR-IOV", blurb: "a VF from a device plugin" },
  { type: "raw", label: "Raw JSON", blurb: "any CNI config or conflist" },
];

export const IPAM_TYPES: { type: IpamType; label: string }[] = [
  { type: "none", label: "none (L2 only)" },
  { type: "whereabouts", label: "whereabouts (cluster-wide pool)" },
  { type: "host-local", label: "host-local (per node)" },
  { type: "static", label: "static" },
  { type: "dhcp", label: "DHCP" },
];

/** A fresh main section for `type`, carrying over the parent NIC when the new type has one. */
export function defaultMain(type: MainType, previous?: MainInput): MainInput {
  const master = previous && "master" in previous ? String(previous.master ?? "") : "";
  switch (type) {
    case "bridge":
      return {
        type,
        bridge: "",
        vlan: "",
        mtu: "",
        isGateway: false,
        ipMasq: false,
        hairpinMode: false,
        macspoofchk: false,
      };
    case "macvlan":
      return { type, master, mode: "bridge", mtu: "" };
    case "ipvlan":
      return { type, master, mode: "l2", mtu: "" };
    case "host-device":
      return { type, device: "", hwaddr: "", pciBusID: "" };
    case "vlan":
      return { type, master, vlanId: "", mtu: "" };
    case "sriov":
      return { type, resourceName: "", vlan: "", spoofchk: "", trust: "" };
    case "raw":
      return { type, config: "" };
  }
}

export function defaultIpam(type: IpamType): IpamInput {
  switch (type) {
    case "none":
      return { type };
    case "dhcp":
      return { type };
    case "host-local":
      return { type, ranges: [{ subnet: "", rangeStart: "", rangeEnd: "", gateway: "" }], routes: [] };
    case "static":
      return { type, addresses: [{ address: "", gateway: "" }], routes: [], dns: { nameservers: [] } };
    case "whereabouts":
      return { type, range: "", range_start: "", range_end: "", exclude: [], gateway: "", routes: [] };
  }
}

/** A section with every field its type has, keeping whatever `given` holds. */
function filled<T extends { type: string }>(defaults: (type: T["type"]) => T, given: T): T {
  return { ...defaults(given.type), ...given };
}

/**
 * Every optional list present and every text a string, so the inputs are controlled from the first render. Raw JSON
 * opens indented (the NAD is written indented anyway); `rename` gives a clone's raw config its new name.
 */
export function normalizeForm(f: NetworkFormInput, rename?: { from: string; to: string }): NetworkFormInput {
  let main = filled(defaultMain, f.main);
  if (main.type === "raw") {
    const json = parseJson(main.config);
    if (json.ok && isObject(json.value)) {
      const value = rename && json.value.name === rename.from ? { ...json.value, name: rename.to } : json.value;
      main = { type: "raw", config: JSON.stringify(value, null, 2) };
    }
  }
  const ipam = filled(defaultIpam, f.ipam);
  return { ...f, target: f.target ?? "nad", main, ipam };
}

export function newForm(namespace: string, target: "nad" | "operator"): NetworkFormInput {
  return { name: "", namespace, target, main: defaultMain("bridge"), ipam: defaultIpam("none") };
}
