import { z } from "zod";
import { LIMITS } from "../http/limits";
import { DNS_LABEL } from "../k8s/names";
import { parseNadConfig } from "../nad/parse-config";
import { validateNadConfig } from "../nad/validate-config";
import { numberOrUndefined } from "../plugins/fields";
import { PLUGIN_SCHEMAS, pluginAnnotations, pluginConfigOf } from "../plugins/registry";
import { isObject, parseJson } from "../result";
import { ipamFormSchema, toCniIpam } from "./ipam";

export const dnsLabel = z
  .string()
  .trim()
  .min(1, "required")
  .max(63, "at most 63 characters")
  .regex(DNS_LABEL, "lower-case letters, digits and '-', starting and ending with a letter or digit");

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

/** One of the plugins (lib/plugins/), or raw JSON for anything else. */
export const mainSchema = z.discriminatedUnion("type", [...PLUGIN_SCHEMAS, rawSchema]);

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

/** The CNI config a valid form stands for (Multus fills in nothing we do not write). */
export function toCniConfig(f: NetworkFormValues): Record<string, unknown> {
  if (f.main.type === "raw") {
    const raw: unknown = JSON.parse(f.main.config); // rawSchema has checked it is a JSON object
    return isObject(raw) ? raw : {};
  }
  const base: Record<string, unknown> = {
    cniVersion: "0.3.1",
    name: f.name,
    type: f.main.type,
    ...pluginConfigOf(f.main),
  };
  base.ipam = toCniIpam(f.ipam);
  return Object.fromEntries(Object.entries(base).filter(([, v]) => v !== undefined));
}

/** The NetworkAttachmentDefinition a form writes. */
export function toNad(f: NetworkFormValues): {
  apiVersion: string;
  kind: string;
  metadata: { name: string; namespace: string; annotations?: Record<string, string> };
  spec: { config: string };
} {
  const annotations = f.main.type === "raw" ? null : pluginAnnotations(f.main);
  return {
    apiVersion: "k8s.cni.cncf.io/v1",
    kind: "NetworkAttachmentDefinition",
    metadata: {
      name: f.name,
      namespace: f.namespace,
      ...(annotations ? { annotations } : {}),
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
