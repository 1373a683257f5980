import type { KubeObject } from "@/lib/k8s/objects";
import { type NetworkFormValues, toNad, toOperatorEntry } from "@/lib/network-form/schema";
import { hasAdditionalNetwork, isOperatorOwned, withAdditionalNetwork } from "@/lib/openshift/operator-network";
import { RESOURCE_NAME_ANNOTATION } from "@/lib/plugins/sriov";
import { type ClusterWriter, isWriteError, WriteError } from "./types";

/** What a write answers: done (or checked, for a dry run), or refused with the reason at the field to blame. */
export type WriteOutcome =
  | { ok: true; dryRun: boolean; target: "cluster" | "memory"; resourceVersion?: string; annotation?: string }
  | { ok: false; status: number; message: string; field?: string };

/** Runs a write; a refusal (a `WriteError`) becomes the outcome the form shows, anything else stays thrown. */
export const outcome = async (fn: () => Promise<WriteOutcome>): Promise<WriteOutcome> => {
  try {
    return await fn();
  } catch (e) {
    if (isWriteError(e))
      return { ok: false, status: e.status, message: e.message, ...(e.field ? { field: e.field } : {}) };
    throw e;
  }
};

/** Create or edit a network (a NAD or an operator entry): always a dry run first, then the write unless only checking. */
export async function saveNetwork(
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
