import { TRPCError } from "@trpc/server";
import { z } from "zod";
import { attachFormSchema, mergeNetworksAnnotation } from "@/lib/attach/attach";
import type { KubeObject } from "@/lib/k8s/objects";
import { formFromConfig } from "@/lib/network-form/from-config";
import {
  dnsLabel,
  type NetworkFormValues,
  networkFormSchema,
  RESOURCE_NAME_ANNOTATION,
  toNad,
  toOperatorEntry,
} from "@/lib/network-form/schema";
import { hasAdditionalNetwork, isOperatorOwned, withAdditionalNetwork } from "@/lib/openshift/operator-network";
import { isObject } from "@/lib/result";
import { type AccessCheck, type ClusterWriter, isWriteError, WriteError } from "../../writers/types";
import type { InnerContext } from "../trpc";
import { createTRPCRouter, identifiedProcedure } from "../trpc";

const context = z.string().min(1).optional();

/** What a write answers: done (or checked, for a dry run), or refused with the reason at the field to blame. */
export type WriteOutcome =
  | { ok: true; dryRun: boolean; target: "cluster" | "memory"; resourceVersion?: string; annotation?: string }
  | { ok: false; status: number; message: string; field?: string };

async function withWriter<T>(
  ctx: InnerContext,
  ctxName: string | undefined,
  fn: (w: ClusterWriter) => Promise<T>,
): Promise<T> {
  const lease = await ctx.sources.acquire({ context: ctxName, token: ctx.token });
  try {
    const writer = lease.source.writer();
    if (!writer)
      throw new WriteError(
        `${lease.source.info.label} is read-only: open a live cluster or the demo to change networks`,
        405,
      );
    return await fn(writer);
  } finally {
    lease.release();
  }
}

/** Reads (not writes) refused by the cluster become tRPC errors the UI shows as they are. */
function toTRPCError(e: unknown): unknown {
  if (!isWriteError(e)) return e;
  const code =
    e.status === 404 ? "NOT_FOUND" : e.status === 403 ? "FORBIDDEN" : e.status === 401 ? "UNAUTHORIZED" : "BAD_REQUEST";
  return new TRPCError({ code, message: e.message });
}

const outcome = async (fn: () => Promise<WriteOutcome>): Promise<WriteOutcome> => {
  try {
    return await fn();
  } catch (e) {
    if (isWriteError(e))
      return { ok: false, status: e.status, message: e.message, ...(e.field ? { field: e.field } : {}) };
    throw e;
  }
};

async function saveNetwork(
  w: ClusterWriter,
  form: NetworkFormValues,
  mode: "create" | "edit",
  resourceVersion: string | undefined,
  dryRunOnly: boolean,
): Promise<WriteOutcome> {
  if (form.target === "operator") {
    if (form.main.type === "sriov") {
      // The operator renders entries without annotations, so the SR-IOV resourceName would be lost.
      throw new WriteError(
        "an SR-IOV network needs the resourceName annotation, which an operator entry cannot carry: create it as a NAD",
        422,
        "target",
      );
    }
    const network = await w.readOperatorNetwork();
    if (!network)
      throw new WriteError(
        "this cluster has no networks.operator.openshift.io cluster: it is not OpenShift, create a NAD instead",
        404,
        "target",
      );
    const exists = hasAdditionalNetwork(network, form);
    if (mode === "create" && exists)
      throw new WriteError(
        `name taken: the operator already has an additional network ${form.namespace}/${form.name}`,
        409,
        "name",
      );
    if (mode === "edit" && !exists)
      throw new WriteError(`the operator has no additional network ${form.namespace}/${form.name} to edit`, 404);
    const next = withAdditionalNetwork(network, form, toOperatorEntry(form));
    await w.replaceOperatorNetwork(next, true);
    if (dryRunOnly) return { ok: true, dryRun: true, target: w.target };
    const saved = await w.replaceOperatorNetwork(next, false);
    return { ok: true, dryRun: false, target: w.target, resourceVersion: saved.metadata.resourceVersion };
  }
  const nad: KubeObject = toNad(form);
  if (mode === "edit") {
    const current = await w.readNad(form.namespace, form.name);
    // Operator-owned NADs are rendered from the operator CR: an edit here would be overwritten.
    if (isOperatorOwned(current.metadata))
      throw new WriteError(
        "this NAD is managed by the Cluster Network Operator: edit its operator entry instead",
        409,
        "target",
      );
    nad.metadata = {
      ...current.metadata,
      ...nad.metadata,
      annotations: mergeAnnotations(current.metadata.annotations, nad.metadata.annotations),
      resourceVersion: resourceVersion ?? current.metadata.resourceVersion,
    };
  }
  const write = (dry: boolean) => (mode === "create" ? w.createNad(nad, dry) : w.replaceNad(nad, dry));
  await write(true);
  if (dryRunOnly) return { ok: true, dryRun: true, target: w.target };
  const saved = await write(false);
  return { ok: true, dryRun: false, target: w.target, resourceVersion: saved.metadata.resourceVersion };
}

function mergeAnnotations(
  current: Record<string, string> | undefined,
  next: Record<string, string> | undefined,
): Record<string, string> | undefined {
  const merged = { ...current };
  delete merged[RESOURCE_NAME_ANNOTATION];
  Object.assign(merged, next);
  return Object.keys(merged).length ? merged : undefined;
}

export const networksRouter = createTRPCRouter({
  /** Where writes go, and whether the operator target exists. */
  capabilities: identifiedProcedure.input(z.object({ context })).query(async ({ ctx, input }) => {
    const lease = await ctx.sources.acquire({ context: input.context, token: ctx.token });
    try {
      await lease.source.ready();
      const snap = lease.source.snapshot();
      const writer = lease.source.writer();
      return {
        writes: lease.source.info.writes,
        label: lease.source.info.label,
        openshift: snap.operatorNetwork !== null,
        /** on OpenShift, DHCP IPAM needs the dhcp-daemon pods in openshift-multus */
        dhcpDaemonPods: snap.pods.filter(
          (p) => p.metadata.namespace === "openshift-multus" && p.metadata.name.startsWith("dhcp-daemon"),
        ).length,
        readOnlyReason: writer ? null : `${lease.source.info.label} is read-only`,
      };
    } finally {
      lease.release();
    }
  }),

  /**
   * What the caller may do in a namespace, asked of the API (SelfSubjectAccessReview) so the UI can disable a
   * control and say which permission is missing instead of failing after the click.
   */
  permissions: identifiedProcedure.input(z.object({ context, namespace: dnsLabel })).query(({ ctx, input }) =>
    withWriter(ctx, input.context, async (w) => {
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
    }).catch(() => null),
  ),

  /** Form values for editing or cloning an existing network, with the version an edit must match. */
  get: identifiedProcedure.input(z.object({ context, namespace: dnsLabel, name: dnsLabel })).query(({ ctx, input }) =>
    withWriter(ctx, input.context, async (w) => {
      try {
        const nad = await w.readNad(input.namespace, input.name);
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
        };
      } catch (e) {
        throw toTRPCError(e);
      }
    }),
  ),

  /** Create or edit: always a server-side dry run first, then (unless only checking) the write itself. */
  save: identifiedProcedure
    .input(
      z.object({
        context,
        form: networkFormSchema,
        mode: z.enum(["create", "edit"]),
        resourceVersion: z.string().optional(),
        dryRunOnly: z.boolean().default(false),
      }),
    )
    .mutation(({ ctx, input }) =>
      outcome(() =>
        withWriter(ctx, input.context, (w) =>
          saveNetwork(w, input.form, input.mode, input.resourceVersion, input.dryRunOnly),
        ),
      ),
    ),

  remove: identifiedProcedure
    .input(z.object({ context, namespace: dnsLabel, name: dnsLabel, target: z.enum(["nad", "operator"]) }))
    .mutation(({ ctx, input }) =>
      outcome(() =>
        withWriter(ctx, input.context, async (w) => {
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
    ),

  workloads: identifiedProcedure.input(z.object({ context, namespace: dnsLabel })).query(({ ctx, input }) =>
    withWriter(ctx, input.context, (w) => w.listWorkloads(input.namespace)).catch((e: unknown) => {
      throw toTRPCError(e);
    }),
  ),

  /** Adds networks to a workload's pod template, keeping the entries already there but those it is told to remove. */
  attach: identifiedProcedure
    .input(z.object({ context, form: attachFormSchema, dryRunOnly: z.boolean().default(false) }))
    .mutation(({ ctx, input }) =>
      outcome(() =>
        withWriter(ctx, input.context, async (w) => {
          const ref = { kind: input.form.kind, namespace: input.form.namespace, name: input.form.name };
          const current = await w.readWorkloadNetworks(ref);
          const merged = mergeNetworksAnnotation(
            current.networks,
            ref.namespace,
            input.form.networks,
            input.form.remove,
          );
          if (!merged.ok) throw new WriteError(merged.error, 422, "networks");
          await w.patchWorkloadNetworks(ref, merged.value, current.resourceVersion, true);
          if (!input.dryRunOnly) await w.patchWorkloadNetworks(ref, merged.value, current.resourceVersion, false);
          return { ok: true, dryRun: input.dryRunOnly, target: w.target, annotation: merged.value };
        }),
      ),
    ),
});
