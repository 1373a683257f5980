import { isObject, str } from "../result";

export interface ObjectMeta {
  name: string;
  namespace?: string;
  uid?: string;
  resourceVersion?: string;
  labels?: Record<string, string>;
  annotations?: Record<string, string>;
  /** what client-node's V1OwnerReference requires; entries from files are not checked beyond being listed */
  ownerReferences?: {
    apiVersion: string;
    kind: string;
    name: string;
    uid: string;
    controller?: boolean;
    blockOwnerDeletion?: boolean;
  }[];
}

/** A Kubernetes object as it comes off the wire or out of a file; only metadata.name is trusted to exist. */
export interface KubeObject {
  apiVersion: string;
  kind: string;
  metadata: ObjectMeta;
  spec?: unknown;
  status?: unknown;
}

export function asKubeObject(v: unknown, fallback?: { apiVersion?: string; kind?: string }): KubeObject | string {
  if (!isObject(v)) return "not an object";
  const kind = str(v.kind) ?? fallback?.kind;
  const apiVersion = str(v.apiVersion) ?? fallback?.apiVersion;
  if (!kind) return "no kind";
  if (!apiVersion) return `${kind} without apiVersion`;
  const md = isObject(v.metadata) ? v.metadata : undefined;
  const name = md ? str(md.name) : undefined;
  if (!md || !name) return `${kind} without metadata.name`;
  // From a file anything goes: a namespace that is not a string would turn into "[object Object]" or worse in keys.
  if (md.namespace !== undefined && md.namespace !== null && typeof md.namespace !== "string")
    return `${kind} ${name}: metadata.namespace is not a string`;
  const namespace = str(md.namespace);
  // biome-ignore lint/plugin: name and namespace are checked above; other metadata fields are passed through as read
  const metadata = { ...md, name, namespace } as ObjectMeta;
  if (namespace === undefined) delete metadata.namespace;
  return { apiVersion, kind, metadata, spec: v.spec, status: v.status };
}

export const groupOf = (apiVersion: string): string =>
  apiVersion.includes("/") ? (apiVersion.split("/")[0] ?? "") : "";

export function annotation(o: KubeObject, key: string): string | undefined {
  const a = o.metadata.annotations;
  if (!isObject(a)) return undefined;
  const v = a[key];
  return typeof v === "string" ? v : undefined;
}

export const keyOf = (o: Pick<KubeObject, "metadata">): string =>
  o.metadata.namespace ? `${o.metadata.namespace}/${o.metadata.name}` : o.metadata.name;
