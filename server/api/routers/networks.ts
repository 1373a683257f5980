import { z } from "zod";
import { attachFormSchema, mergeNetworksAnnotation } from "@/lib/attach/attach";
import { formFromConfig } from "@/lib/network-form/from-config";
import { dnsLabel, networkFormSchema } from "@/lib/network-form/schema";
import { isOperatorOwned, withAdditionalNetwork } from "@/lib/openshift/operator-network";
import { RESOURCE_NAME_ANNOTATION } from "@/lib/plugins/sriov";
import { isObject } from "@/lib/result";
import { udnOwnerOf } from "@/lib/udn-form/owner";
import { outcome, saveNetwork } from "../../writers/save-network";
import { type AccessCheck, WriteError } from "../../writers/types";
import { createTRPCRouter, sourceProcedure } from "../trpc";
import { toTRPCError, writerOf } from "../writer-of";

export const networksRouter = createTRPCRouter({
  /** Where writes go, and whether the operator target exists. */
  capabilities: sourceProcedure.query(async ({ ctx: { source } }) => {
    await source.ready();
    const snap = source.snapshot();
    return {
      writes: source.info.writes,
      label: source.info.label,
      openshift: snap.operatorNetwork !== null,
      /** on OpenShift, DHCP IPAM needs the dhcp-daemon pods in openshift-multus */
      dhcpDaemonPods: snap.pods.filter(
        (p) => p.metadata.namespace === "openshift-multus" && p.metadata.name.startsWith("dhcp-daemon"),
      ).length,
      readOnlyReason: source.writer() ? null : `${source.info.label} is read-only`,
    };
  }),

  /**
   * What the caller may do in a namespace, asked of the API (SelfSubjectAccessReview) so the UI can disable a
   * control and say which permission is missing instead of failing after the click.
   */
  permissions: sourceProcedure.input(z.object({ namespace: dnsLabel })).query(async ({ ctx: { source }, input }) => {
    try {
      const w = writerOf(source);
      const nad = { group: "k8s.cni.cncf.io", resource: "network-attachment-definitions", namespace: input.namespace };
      const checks = {
        create: { verb: "create", ...nad },
        update: { verb: "update", ...nad },
        delete: { verb: "delete", ...nad },
        attach: { verb: "patch", group: "apps", resource: "deployments", namespace: input.namespace },
        operator: { verb: "update", group: "operator.openshift.io", resource: "networks", name: "cluster" },
      };
      const answer = async (c: AccessCheck) => {
        const allowed = await w.can(c);
        const where = c.namespace ? ` in ${c.namespace}` : "";
        const missing = allowed ? null : `needs ${c.verb} on ${c.resource}${c.group ? `.${c.group}` : ""}${where}`;
        return { allowed, missing };
      };
      const [create, update, remove, attach, operator] = await Promise.all([
        answer(checks.create),
        answer(checks.update),
        answer(checks.delete),
        answer(checks.attach),
        answer(checks.operator),
      ]);
      return { create, update, delete: remove, attach, operator };
    } catch {
      return null;
    }
  }),

  /** Form values for editing or cloning an existing network, with the version an edit must match. */
  get: sourceProcedure
    .input(z.object({ namespace: dnsLabel, name: dnsLabel }))
    .query(async ({ ctx: { source }, input }) => {
      try {
        const nad = await writerOf(source).readNad(input.namespace, input.name);
        const config = isObject(nad.spec) && typeof nad.spec.config === "string" ? nad.spec.config : "";
        const managed = isOperatorOwned(nad.metadata);
        const form = formFromConfig(
          input.name,
          input.namespace,
          config,
          nad.metadata.annotations?.[RESOURCE_NAME_ANNOTATION],
        );
        return {
          form: { ...form, target: managed ? ("operator" as const) : ("nad" as const) },
          resourceVersion: nad.metadata.resourceVersion ?? null,
          managedByOperator: managed,
          /** OVN-Kubernetes renders this NAD from a UDN/CUDN (and puts it back when edited): edit that instead */
          udnOwner: udnOwnerOf(nad.metadata),
        };
      } catch (e) {
        throw toTRPCError(e);
      }
    }),

  /** Create or edit: always a server-side dry run first, then (unless only checking) the write itself. */
  save: sourceProcedure
    .input(
      z.object({
        form: networkFormSchema,
        mode: z.enum(["create", "edit"]),
        resourceVersion: z.string().optional(),
        dryRunOnly: z.boolean().default(false),
      }),
    )
    .mutation(({ ctx: { source }, input }) =>
      outcome(() => saveNetwork(writerOf(source), input.form, input.mode, input.resourceVersion, input.dryRunOnly)),
    ),

  remove: sourceProcedure
    .input(z.object({ namespace: dnsLabel, name: dnsLabel, target: z.enum(["nad", "operator"]) }))
    .mutation(({ ctx: { source }, input }) =>
      outcome(async () => {
        const w = writerOf(source);
        if (input.target === "operator") {
          const network = await w.readOperatorNetwork();
          if (!network) throw new WriteError("not OpenShift: no operator entry to remove", 404);
          await w.replaceOperatorNetwork(withAdditionalNetwork(network, input, null), false);
        } else {
          await w.deleteNad(input.namespace, input.name, false);
        }
        return { ok: true, dryRun: false, target: w.target };
      }),
    ),

  workloads: sourceProcedure.input(z.object({ namespace: dnsLabel })).query(async ({ ctx: { source }, input }) => {
    try {
      return await writerOf(source).listWorkloads(input.namespace);
    } catch (e) {
      throw toTRPCError(e);
    }
  }),

  /** Adds networks to a workload's pod template, keeping the entries already there but those it is told to remove. */
  attach: sourceProcedure
    .input(z.object({ form: attachFormSchema, dryRunOnly: z.boolean().default(false) }))
    .mutation(({ ctx: { source }, input }) =>
      outcome(async () => {
        const w = writerOf(source);
        const ref = { kind: input.form.kind, namespace: input.form.namespace, name: input.form.name };
        const current = await w.readWorkloadNetworks(ref);
        const merged = mergeNetworksAnnotation(current.networks, ref.namespace, input.form.networks, input.form.remove);
        if (!merged.ok) throw new WriteError(merged.error, 422, "networks");
        await w.patchWorkloadNetworks(ref, merged.value, current.resourceVersion, true);
        if (!input.dryRunOnly) await w.patchWorkloadNetworks(ref, merged.value, current.resourceVersion, false);
        return { ok: true, dryRun: input.dryRunOnly, target: w.target, annotation: merged.value };
      }),
    ),
});
