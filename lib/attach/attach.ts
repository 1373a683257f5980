import { z } from "zod";
import { splitRef } from "../contract/ids";
import { workloadKindSchema } from "../k8s/workloads";
import { parseIp } from "../net/ip";
import { dnsLabel } from "../network-form/schema";
import { type NetworkRequest, parseNetworksAnnotation, requestKey } from "../pod/networks-annotation";
import { fail, ok, type Result } from "../result";

export { workloadKindSchema };

export const attachEntrySchema = z.object({
  /** `name` or `namespace/name` of the NAD */
  /** "" is a row left empty: nothing to add (the form may be used only to remove) */
  network: z.union([
    z.literal(""),
    z
      .string()
      .trim()
      .regex(
        /^([a-z0-9]([-a-z0-9]*[a-z0-9])?\/)?[a-z0-9]([-a-z0-9]*[a-z0-9])?$/,
        "a NAD name, optionally namespace/name",
      ),
  ]),
  interface: z
    .union([
      z.literal(""),
      z
        .string()
        .trim()
        .max(15, "at most 15 characters")
        .regex(/^[^\s/:@]+$/, "no spaces, '/', ':' or '@'"),
    ])
    .optional(),
  ip: z
    .union([
      z.literal(""),
      z
        .string()
        .trim()
        .refine(
          (s) => /\/\d+$/.test(s) && parseIp(s.split("/")[0] ?? "") !== null,
          "an address with its prefix, e.g. 192.168.12.50/24",
        ),
    ])
    .optional(),
  mac: z
    .union([
      z.literal(""),
      z
        .string()
        .trim()
        .regex(/^([0-9a-fA-F]{2}:){5}[0-9a-fA-F]{2}$/, "a MAC address like 02:23:45:67:89:01"),
    ])
    .optional(),
});

export const attachFormSchema = z
  .object({
    kind: workloadKindSchema,
    namespace: dnsLabel,
    name: dnsLabel,
    networks: z.array(attachEntrySchema).transform((list) => list.filter((e) => e.network !== "")),
    /** entries of the template's annotation to take out, by requestKey (the walk-through replaces the annotation) */
    remove: z.array(z.string().max(400)).max(100).default([]),
  })
  .refine((v) => v.networks.length > 0 || v.remove.length > 0, {
    message: "pick a network to add, or one to remove",
    path: ["networks"],
  });

export type AttachEntry = z.infer<typeof attachEntrySchema>;
export type AttachFormValues = z.infer<typeof attachFormSchema>;

const toRequest = (e: AttachEntry, podNamespace: string): NetworkRequest => {
  // A bare name is in the pod's own namespace, as Multus reads it.
  const ref = splitRef(e.network);
  return {
    namespace: ref.namespace || podNamespace,
    name: ref.name,
    ...(e.interface ? { interface: e.interface } : {}),
    ips: e.ip ? [e.ip] : [],
    ...(e.mac ? { mac: e.mac } : {}),
    defaultRoute: [],
  };
};

const same = (a: NetworkRequest, b: NetworkRequest) =>
  a.namespace === b.namespace &&
  a.name === b.name &&
  (a.interface ?? "") === (b.interface ?? "") &&
  a.ips.join() === b.ips.join() &&
  (a.mac ?? "") === (b.mac ?? "");

/**
 * The pod template's k8s.v1.cni.cncf.io/networks after adding networks: the entries already there are kept,
 * an identical entry is not added twice, and the short comma form stays short unless an entry needs JSON
 * (an address or a MAC). What `oc patch deploy/pod-a` does in the walk-through, without losing what was there.
 * `removals` (requestKey of current entries) are taken out first; nothing left is "" (the writers drop the key).
 */
export function mergeNetworksAnnotation(
  existing: string | undefined,
  podNamespace: string,
  additions: AttachEntry[],
  removals: readonly string[] = [],
): Result<string> {
  const current = existing?.trim() ? parseNetworksAnnotation(existing, podNamespace) : ok<NetworkRequest[]>([]);
  if (!current.ok)
    return fail(`the workload's current networks annotation is not valid (${current.error}); fix it by hand first`);
  const gone = new Set(removals);
  const missing = removals.find((r) => !current.value.some((m) => requestKey(m) === r));
  if (missing !== undefined) return fail(`${missing} is not in the workload's networks annotation any more`);
  const kept = current.value.filter((m) => !gone.has(requestKey(m)));
  const merged = [...kept];
  for (const add of additions.map((e) => toRequest(e, podNamespace)))
    if (!merged.some((m) => same(m, add))) merged.push(add);
  const wasJson = !!existing && /[[{"]/.test(existing);
  if (wasJson && existing && merged.length > 0) {
    // Keep the existing JSON entries verbatim: they may carry cni-args, portMappings, bandwidth, ...
    const raw: unknown = JSON.parse(existing);
    const list = (Array.isArray(raw) ? raw : [raw]).filter((_, i) => {
      const m = current.value[i];
      return m === undefined || !gone.has(requestKey(m));
    });
    return ok(JSON.stringify([...list, ...merged.slice(kept.length).map(toJsonEntry)]));
  }
  const needsJson = merged.some((m) => m.ips.length > 0 || m.mac !== undefined || m.defaultRoute.length > 0);
  if (!needsJson) {
    return ok(
      merged
        .map(
          (m) =>
            `${m.namespace === podNamespace ? "" : `${m.namespace}/`}${m.name}${m.interface ? `@${m.interface}` : ""}`,
        )
        .join(","),
    );
  }
  return ok(JSON.stringify(merged.map(toJsonEntry)));
}

function toJsonEntry(m: NetworkRequest): Record<string, unknown> {
  return {
    name: m.name,
    namespace: m.namespace,
    ...(m.interface ? { interface: m.interface } : {}),
    ...(m.ips.length ? { ips: m.ips } : {}),
    ...(m.mac ? { mac: m.mac } : {}),
    ...(m.defaultRoute.length ? { "default-route": m.defaultRoute } : {}),
  };
}
