import { z } from "zod";
import { LIMITS } from "../http/limits";
import { DNS_LABEL } from "../k8s/names";
import { parseNadConfig } from "../nad/parse-config";
import { validateNadConfig } from "../nad/validate-config";
import { isObject, parseJson } from "../result";
import { type IpamForm, ipamFormSchema, toCniIpam } from "./ipam";

export const dnsLabel = z
  .string()
  .trim()
  .min(1, "required")
  .max(63, "at most 63 characters")
  .regex(DNS_LABEL, "lower-case letters, digits and '-', starting and ending with a letter or digit");

const ifName = z
  .string()
  .trim()
  .min(1, "required")
  .max(15, "a Linux interface name has at most 15 characters")
  .regex(/^[^\s/:]+$/, "no spaces, '/' or ':'");
/**
 * A number typed into a form field. A blank field ("" from a text input, NaN from valueAsNumber, null, nothing) becomes
 * undefined — z.coerce.number would turn "" and null into 0, so a required VLAN ID left empty passed as VLAN 0 — and
 * digits become a number; anything else stays as it is and fails as "a number".
 */
const formNumber = (v: unknown): unknown => {
  if (v === undefined || v === null || (typeof v === "number" && Number.isNaN(v))) return undefined;
  if (typeof v !== "string") return v;
  const s = v.trim();
  if (s === "") return undefined;
  return /^[-+]?\d+(\.\d+)?$/.test(s) ? Number(s) : v;
};
const whole = (min: number, max: number, range: string) =>
  z
    .number({ error: (iss) => (iss.input === undefined ? "required" : "a number") })
    .int("a whole number")
    .min(min, range)
    .max(max, range);
const mtu = z.preprocess(
  formNumber,
  z.number({ error: "a number" }).int("a whole number").min(68, "at least 68").max(65535, "at most 65535").optional(),
);
const vlanId = z.preprocess(formNumber, whole(0, 4094, "0 to 4094"));
const optionalVlan = z.preprocess(formNumber, whole(0, 4094, "0 to 4094").optional());
const onOff = z.enum(["", "on", "off"]).optional();

export const bridgeSchema = z.object({
  type: z.literal("bridge"),
  bridge: ifName,
  vlan: optionalVlan,
  mtu,
  isGateway: z.boolean().default(false),
  ipMasq: z.boolean().default(false),
  hairpinMode: z.boolean().default(false),
  macspoofchk: z.boolean().default(false),
});
export const macvlanSchema = z.object({
  type: z.literal("macvlan"),
  master: ifName,
  mode: z.enum(["bridge", "private", "vepa", "passthru"]).default("bridge"),
  mtu,
});
export const ipvlanSchema = z.object({
  type: z.literal("ipvlan"),
  master: ifName,
  mode: z.enum(["l2", "l3", "l3s"]).default("l2"),
  mtu,
});
export const hostDeviceSchema = z
  .object({
    type: z.literal("host-device"),
    device: z.string().trim().optional(),
    hwaddr: z
      .union([
        z.literal(""),
        z
          .string()
          .trim()
          .regex(/^([0-9a-fA-F]{2}:){5}[0-9a-fA-F]{2}$/, "a MAC address like 00:1a:4a:16:06:76"),
      ])
      .optional(),
    pciBusID: z
      .union([
        z.literal(""),
        z
          .string()
          .trim()
          .regex(/^[0-9a-fA-F]{4}:[0-9a-fA-F]{2}:[0-9a-fA-F]{2}\.[0-7]$/, "a PCI address like 0000:18:00.1"),
      ])
      .optional(),
  })
  .refine((v) => !!(v.device || v.hwaddr || v.pciBusID), {
    path: ["device"],
    message: "give a device name, a MAC address or a PCI address",
  });
export const vlanSchema = z.object({ type: z.literal("vlan"), master: ifName, vlanId, mtu });
export const sriovSchema = z.object({
  type: z.literal("sriov"),
  resourceName: z
    .string()
    .trim()
    .min(1, "required")
    .regex(/^[a-zA-Z0-9.-]+\/[a-zA-Z0-9_.-]+$/, "a device plugin resource like intel.com/intel_sriov_netdevice"),
  vlan: optionalVlan,
  spoofchk: onOff,
  trust: onOff,
});
export const rawSchema = z
  .object({
    type: z.literal("raw"),
    config: z
      .string()
      .min(1, "required")
      .max(LIMITS.rawConfigChars, `at most ${LIMITS.rawConfigChars} characters: real CNI configs are a few KiB`),
  })
  .superRefine((v, ctx) => {
    const problem = rawConfigProblem(v.config);
    if (problem) ctx.addIssue({ code: "custom", path: ["config"], message: problem });
  });

/**
 * Raw JSON must be a CNI config or conflist that Multus can use: the same parse and validation the topology applies,
 * but strict (a warning refuses it too). With `nadName`, a `"name"` that differs from it is refused as well.
 */
export function rawConfigProblem(text: string, nadName?: string): string | null {
  const json = parseJson(text);
  if (!json.ok) return json.error;
  if (!isObject(json.value)) return "a CNI config is a JSON object";
  const parsed = parseNadConfig(text);
  if (!parsed.ok) return parsed.error;
  const problems = [...parsed.value.problems, ...validateNadConfig(parsed.value, nadName).map((i) => i.message)];
  return problems.length ? problems.join("; ") : null;
}

export const mainSchema = z.discriminatedUnion("type", [
  bridgeSchema,
  macvlanSchema,
  ipvlanSchema,
  hostDeviceSchema,
  vlanSchema,
  sriovSchema,
  rawSchema,
]);

export const networkFormSchema = z
  .object({
    name: dnsLabel,
    namespace: dnsLabel,
    /** a NAD written directly, or an entry in the OpenShift operator's spec.additionalNetworks */
    target: z.enum(["nad", "operator"]).default("nad"),
    main: mainSchema,
    ipam: ipamFormSchema,
  })
  .superRefine((v, ctx) => {
    // Only the name check needs the NAD's name; everything else rawSchema has already said.
    if (v.main.type !== "raw" || rawConfigProblem(v.main.config) !== null) return;
    const problem = rawConfigProblem(v.main.config, v.name);
    if (problem) ctx.addIssue({ code: "custom", path: ["main", "config"], message: problem });
  });

export type NetworkFormValues = z.infer<typeof networkFormSchema>;
export type NetworkFormInput = z.input<typeof networkFormSchema>;
export type MainForm = z.infer<typeof mainSchema>;

const numberOrUndefined = (v: number | "" | undefined): number | undefined =>
  v === "" || v === undefined ? undefined : v;

/** The CNI config a valid form stands for (Multus fills in nothing we do not write). */
export function toCniConfig(f: NetworkFormValues): Record<string, unknown> {
  if (f.main.type === "raw") {
    const raw: unknown = JSON.parse(f.main.config); // rawSchema has checked it is a JSON object
    return isObject(raw) ? raw : {};
  }
  const base: Record<string, unknown> = {
    cniVersion: "0.3.1",
    name: f.name,
    type: f.main.type === "sriov" ? "sriov" : f.main.type,
  };
  const m = f.main;
  switch (m.type) {
    case "bridge":
      Object.assign(base, { bridge: m.bridge, vlan: numberOrUndefined(m.vlan), mtu: numberOrUndefined(m.mtu) });
      for (const k of ["isGateway", "ipMasq", "hairpinMode", "macspoofchk"] as const) if (m[k]) base[k] = true;
      break;
    case "macvlan":
      Object.assign(base, { master: m.master, mode: m.mode, mtu: numberOrUndefined(m.mtu) });
      break;
    case "ipvlan":
      Object.assign(base, { master: m.master, mode: m.mode, mtu: numberOrUndefined(m.mtu) });
      break;
    case "host-device":
      Object.assign(base, {
        device: m.device || undefined,
        hwaddr: m.hwaddr || undefined,
        pciBusID: m.pciBusID || undefined,
      });
      break;
    case "vlan":
      Object.assign(base, { master: m.master, vlanId: m.vlanId, mtu: numberOrUndefined(m.mtu) });
      break;
    case "sriov":
      Object.assign(base, {
        vlan: numberOrUndefined(m.vlan),
        spoofchk: m.spoofchk || undefined,
        trust: m.trust || undefined,
      });
      break;
  }
  base.ipam = toCniIpam(f.ipam);
  return Object.fromEntries(Object.entries(base).filter(([, v]) => v !== undefined));
}

export const RESOURCE_NAME_ANNOTATION = "k8s.v1.cni.cncf.io/resourceName";

/** The NetworkAttachmentDefinition a form writes. */
export function toNad(f: NetworkFormValues): {
  apiVersion: string;
  kind: string;
  metadata: { name: string; namespace: string; annotations?: Record<string, string> };
  spec: { config: string };
} {
  return {
    apiVersion: "k8s.cni.cncf.io/v1",
    kind: "NetworkAttachmentDefinition",
    metadata: {
      name: f.name,
      namespace: f.namespace,
      ...(f.main.type === "sriov" ? { annotations: { [RESOURCE_NAME_ANNOTATION]: f.main.resourceName } } : {}),
    },
    spec: { config: JSON.stringify(toCniConfig(f), null, 2) },
  };
}

/** The operator's additionalNetworks entry: SimpleMacvlan for a plain macvlan it can express, Raw otherwise. */
export function toOperatorEntry(f: NetworkFormValues): Record<string, unknown> {
  const m = f.main;
  const simple =
    m.type === "macvlan" &&
    (f.ipam.type === "dhcp" || f.ipam.type === "static") &&
    (f.ipam.type !== "static" || f.ipam.dns.nameservers.length === 0);
  if (simple && m.type === "macvlan") {
    const ipamConfig =
      f.ipam.type === "static"
        ? {
            type: "Static",
            staticIPAMConfig: {
              addresses: f.ipam.addresses.map((a) => ({
                address: a.address,
                ...(a.gateway ? { gateway: a.gateway } : {}),
              })),
              routes: f.ipam.routes.map((r) => ({ destination: r.dst, ...(r.gw ? { gateway: r.gw } : {}) })),
            },
          }
        : { type: "DHCP" };
    const mode = { bridge: "Bridge", private: "Private", vepa: "VEPA", passthru: "Passthru" }[m.mode];
    return {
      name: f.name,
      namespace: f.namespace,
      type: "SimpleMacvlan",
      simpleMacvlanConfig: { master: m.master, mode, ...(numberOrUndefined(m.mtu) ? { mtu: m.mtu } : {}), ipamConfig },
    };
  }
  return { name: f.name, namespace: f.namespace, type: "Raw", rawCNIConfig: JSON.stringify(toCniConfig(f)) };
}

export type { IpamForm };
