import { z } from "zod";
import { dnsLabel } from "@/lib/network-form/schema";
import { udnFieldOf } from "@/lib/udn-form/api-field";
import { UDN_KINDS } from "@/lib/udn-form/fields";
import { udnFormFromObject } from "@/lib/udn-form/from-object";
import { foreignNadProblem } from "@/lib/udn-form/name-taken";
import { udnFormSchema } from "@/lib/udn-form/schema";
import { toUdnObject } from "@/lib/udn-form/to-object";
import { outcome } from "../../writers/save-network";
import { WriteError } from "../../writers/types";
import { createTRPCRouter, sourceProcedure } from "../trpc";
import { toTRPCError, writerOf } from "../writer-of";

const GROUP = "k8s.ovn.org";
const VERSION = "v1";
const RESOURCE = {
  UserDefinedNetwork: "userdefinednetworks",
  ClusterUserDefinedNetwork: "clusteruserdefinednetworks",
} as const;

/** OVN-Kubernetes' user-defined networks (k8s.ovn.org/v1): offered where the API serves them, created dry-run first. */
export const udnRouter = createTRPCRouter({
  /** Which of the two kinds the cluster serves (API discovery), and why not when it serves neither. */
  available: sourceProcedure.query(async ({ ctx: { source } }) => {
    const writer = source.writer();
    if (!writer) return { udn: false, cudn: false, reason: `${source.info.label} is read-only` };
    try {
      const served = await writer.servedResources(GROUP, VERSION);
      const udn = served.includes(RESOURCE.UserDefinedNetwork);
      const cudn = served.includes(RESOURCE.ClusterUserDefinedNetwork);
      const reason =
        udn || cudn
          ? null
          : `${source.info.label} does not serve ${GROUP}/${VERSION} UserDefinedNetworks (OVN-Kubernetes' user-defined networks, OpenShift 4.18+)`;
      return { udn, cudn, reason };
    } catch (e) {
      return { udn: false, cudn: false, reason: `could not ask the API which kinds it serves: ${String(e)}` };
    }
  }),

  /** A UDN or CUDN as the form shows it (the owner's page of a NAD OVN-Kubernetes rendered). */
  get: sourceProcedure
    .input(z.object({ kind: z.enum(UDN_KINDS), namespace: dnsLabel.optional(), name: z.string().min(1).max(253) }))
    .query(async ({ ctx: { source }, input }) => {
      try {
        const ref = { apiVersion: `${GROUP}/${VERSION}`, ...input };
        const obj = await writerOf(source).readObject(ref, `${RESOURCE[input.kind]}.${GROUP}`);
        return { ...udnFormFromObject(obj), status: obj.status ?? null };
      } catch (e) {
        throw toTRPCError(e);
      }
    }),

  /** Create: always the API server's dry run first (the CRD's CEL rules run there), then the write unless only checking. */
  save: sourceProcedure
    .input(z.object({ form: udnFormSchema, dryRunOnly: z.boolean().default(false) }))
    .mutation(({ ctx: { source }, input }) =>
      outcome(async () => {
        const w = writerOf(source);
        await source.ready();
        const nads = source.snapshot().nads.map((n) => n.metadata);
        const taken = foreignNadProblem(input.form, nads);
        if (taken) throw new WriteError(taken, 409, "name");
        const obj = toUdnObject(input.form);
        const resource = `${RESOURCE[obj.kind]}.${GROUP}`;
        await w.createObject(obj, resource, true, udnFieldOf);
        if (input.dryRunOnly) return { ok: true, dryRun: true, target: w.target };
        const saved = await w.createObject(obj, resource, false, udnFieldOf);
        return { ok: true, dryRun: false, target: w.target, resourceVersion: saved.metadata.resourceVersion };
      }),
    ),
});
