import type { z } from "zod";
import type { workloadKindSchema } from "@/lib/attach/attach";
import type { KubeObject } from "@/lib/k8s/objects";

/** A refused write, said the way the form shows it: at a field when one is to blame, else for the whole form. */
export class WriteError extends Error {
  constructor(
    message: string,
    readonly status: number,
    /** the form field the error belongs to, e.g. "name" */
    readonly field?: string,
  ) {
    super(message);
    this.name = "WriteError";
  }
}

/** A write whose resourceVersion is no longer current: said the same way wherever it is detected. */
export const conflictError = (what: string): WriteError =>
  new WriteError(`${what} was changed by someone else since you opened it: reload it and make your change again`, 409);

/**
 * Next bundles the route and the pages separately, and the shared registry's writers may come from either
 * bundle: recognise the error by its shape, not by `instanceof` one copy of the class.
 */
export function isWriteError(e: unknown): e is WriteError {
  return e instanceof Error && e.name === "WriteError" && "status" in e && typeof e.status === "number";
}

export type WorkloadKind = z.infer<typeof workloadKindSchema>;

export interface WorkloadRef {
  kind: WorkloadKind;
  namespace: string;
  name: string;
}

/** Where creates and edits go: the cluster (as the caller's own identity) or the demo's memory. */
export interface ClusterWriter {
  readonly target: "cluster" | "memory";
  /** dryRun: the API server runs every check (admission, validation, RBAC) and stores nothing */
  readNad(namespace: string, name: string): Promise<KubeObject>;
  createNad(nad: KubeObject, dryRun: boolean): Promise<KubeObject>;
  replaceNad(nad: KubeObject, dryRun: boolean): Promise<KubeObject>;
  deleteNad(namespace: string, name: string, dryRun: boolean): Promise<void>;
  readOperatorNetwork(): Promise<KubeObject | null>;
  replaceOperatorNetwork(network: KubeObject, dryRun: boolean): Promise<KubeObject>;
  listWorkloads(namespace: string): Promise<(WorkloadRef & { networks?: string })[]>;
  readWorkloadNetworks(ref: WorkloadRef): Promise<{ networks?: string; resourceVersion?: string }>;
  patchWorkloadNetworks(
    ref: WorkloadRef,
    networks: string,
    resourceVersion: string | undefined,
    dryRun: boolean,
  ): Promise<void>;
  /** the resources (plural names) the API serves in group/version; [] when it serves none (discovery) */
  servedResources(group: string, version: string): Promise<string[]>;
  /** any object of a served kind, namespaced or not (UserDefinedNetworks...); `resource` names it in errors */
  createObject(obj: KubeObject, resource: string, dryRun: boolean, fieldOf?: CauseField): Promise<KubeObject>;
  readObject(ref: ObjectRef, resource: string): Promise<KubeObject>;
  /** may the caller do this? (a SelfSubjectAccessReview; the demo may do everything) */
  can(check: AccessCheck): Promise<boolean>;
}

/** Where one cause of a 422 belongs in the form that wrote the object, or null (said for the whole form). */
export type CauseField = (cause: { field?: string; message?: string }) => string | null;

export interface ObjectRef {
  apiVersion: string;
  kind: string;
  namespace?: string;
  name: string;
}

export interface AccessCheck {
  verb: string;
  group: string;
  resource: string;
  namespace?: string;
  name?: string;
}
