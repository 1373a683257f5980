import type { NetworkFormInput } from "@/lib/network-form/schema";
import { PLUGINS, pluginDefaults } from "@/lib/plugins/registry";
import { isObject, parseJson } from "@/lib/result";

export type MainInput = NetworkFormInput["main"];
/** What the form's type picker offers: a plugin (lib/plugins/) or raw JSON. */
export type FormType = MainInput["type"];
export type IpamInput = NetworkFormInput["ipam"];
export type IpamType = IpamInput["type"];

/** The type picker's order and words: the plugins (lib/plugins/registry.ts), then raw JSON. */
export const MAIN_TYPES: { type: FormType; label: string; blurb: string; note: string }[] = [
  ...Object.values(PLUGINS).map(({ type, label, blurb, note }) => ({ type, label, blurb, note })),
  {
    type: "raw",
    label: "Raw JSON",
    blurb: "any CNI config or conflist",
    note: "Anything the structured fields do not cover: chained plugins (tuning, ...), other CNI types, extra keys.",
  },
];

export const IPAM_TYPES: { type: IpamType; label: string }[] = [
  { type: "none", label: "none (L2 only)" },
  { type: "whereabouts", label: "whereabouts (cluster-wide pool)" },
  { type: "host-local", label: "host-local (per node)" },
  { type: "static", label: "static" },
  { type: "dhcp", label: "DHCP" },
];

/** A fresh main section for `type`, carrying over the parent NIC when the new type has one. */
export function defaultMain(type: FormType, previous?: MainInput): MainInput {
  const master = previous && "master" in previous ? String(previous.master ?? "") : "";
  return type === "raw" ? { type, config: "" } : pluginDefaults(type, master);
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
