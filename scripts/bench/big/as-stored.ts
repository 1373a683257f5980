import { randomUUID } from "node:crypto";
import type { KubeObject } from "@/lib/k8s/objects";

/**
 * An object of the generator as kube-apiserver stores it after the API seeder's create and status write
 * (scripts/bench/big/seed.ts): defaults, what admission adds, what the create's strategy sets, and managedFields the
 * way the API server's field manager records them (one "Update" entry for the create, one for the status
 * subresource, manager "unknown": the seeder's client sends no User-Agent). Only the shapes the generator makes
 * (testing/fixtures/synthetic-cluster.ts); scripts/bench/big/seed-etcd.int.test.ts compares every object field by
 * field with one created through the API. Without managedFields a LIST is about half the bytes of a real cluster's.
 */
export function asStored(o: KubeObject, now: string): Stored {
  const metadata: Meta = { ...o.metadata, uid: randomUUID(), creationTimestamp: now };
  switch (o.kind) {
    case "Namespace":
      return namespace(o, metadata, now);
    case "Node":
      // TaintNodesByCondition (admission) taints a new node until its kubelet says it is ready. No managedFields:
      // the create names nothing of its own and the API server records no entry for this status write (observed).
      return {
        ...o,
        metadata,
        spec: { ...spec(o), taints: [{ key: "node.kubernetes.io/not-ready", effect: "NoSchedule" }] },
      };
    case "Pod":
      return pod(o, metadata, now);
    case "NetworkAttachmentDefinition":
      return {
        ...o,
        metadata: { ...metadata, generation: 1, managedFields: created(o, now, { "f:spec": crdFields(o.spec) }) },
      };
    case "NodeNetworkState":
      // a custom resource: generation 1; like a Node's, its status write leaves no entry (observed)
      return { ...o, metadata: { ...metadata, generation: 1 } };
    default:
      throw new Error(`cannot store ${o.kind} as the API server would`);
  }
}

type Fields = Record<string, object>;
/** metadata as stored: the API server's own fields beside the generator's */
type Meta = KubeObject["metadata"] & {
  uid: string;
  creationTimestamp: string;
  generation?: number;
  managedFields?: Entry[];
};
export type Stored = Omit<KubeObject, "metadata"> & { metadata: Meta };
const leaf = {};
const spec = (o: KubeObject): Record<string, unknown> => (isRecord(o.spec) ? o.spec : {});
const isRecord = (v: unknown): v is Record<string, unknown> => typeof v === "object" && v !== null && !Array.isArray(v);

/** a map[string]string (labels, annotations): the map itself and each key */
const mapFields = (m: Record<string, unknown>): Fields =>
  Object.fromEntries([[".", leaf], ...Object.keys(m).map((k) => [`f:${k}`, leaf])]);

/** a struct's fields: nested structs descended, empty ones, scalars and lists (atomic here) are leaves */
function structFields(s: Record<string, unknown>): Fields {
  const out: Fields = {};
  for (const [k, v] of Object.entries(s))
    out[`f:${k}`] = isRecord(v) && Object.keys(v).length > 0 ? structFields(v) : leaf;
  return out;
}

/** a custom resource's object fields: schema-less maps, each with itself (".") and its fields */
function crdFields(v: unknown): Fields {
  if (!isRecord(v)) return leaf;
  return Object.fromEntries([[".", leaf], ...Object.entries(v).map(([k, x]) => [`f:${k}`, crdFields(x)])]);
}

/** the metadata a create sets: labels and annotations */
function metadataFields(m: KubeObject["metadata"]): Fields {
  const out: Fields = {};
  if (m.labels && Object.keys(m.labels).length) out["f:labels"] = mapFields(m.labels);
  if (m.annotations && Object.keys(m.annotations).length) out["f:annotations"] = mapFields(m.annotations);
  return Object.keys(out).length ? { "f:metadata": out } : {};
}

interface Entry {
  manager: string;
  operation: "Update";
  apiVersion: string;
  time: string;
  fieldsType: "FieldsV1";
  fieldsV1: Fields;
  subresource?: "status";
}

/** The create's entry (none when it set nothing), then the status write's when given. */
function created(o: KubeObject, time: string, fields: Fields, status?: Fields): Entry[] {
  const entry = (fieldsV1: Fields): Entry => ({
    manager: "unknown",
    operation: "Update",
    apiVersion: o.apiVersion,
    time,
    fieldsType: "FieldsV1",
    fieldsV1,
  });
  const all = { ...metadataFields(o.metadata), ...fields };
  return [
    ...(Object.keys(all).length ? [entry(all)] : []),
    ...(status && Object.keys(status).length
      ? [{ ...entry({ "f:status": status }), subresource: "status" as const }]
      : []),
  ];
}

function namespace(o: KubeObject, metadata: Meta, now: string): Stored {
  // The namespace strategy labels it with its name (before the field manager: the create's entry owns the label).
  const labels = { ...metadata.labels, "kubernetes.io/metadata.name": o.metadata.name };
  const withLabels = { ...o, metadata: { ...metadata, labels } };
  return {
    ...withLabels,
    metadata: { ...withLabels.metadata, managedFields: created(withLabels, now, {}) },
    spec: { finalizers: ["kubernetes"] },
    status: { phase: "Active" },
  };
}

/** core/v1 defaults of a pod's spec and its containers (what the decoder fills in before the field manager runs) */
function podSpecDefaults(s: Record<string, unknown>): Record<string, unknown> {
  const containers = (Array.isArray(s.containers) ? s.containers : []).filter(isRecord).map((c) => ({
    ...c,
    resources: c.resources ?? {},
    terminationMessagePath: c.terminationMessagePath ?? "/dev/termination-log",
    terminationMessagePolicy: c.terminationMessagePolicy ?? "File",
    imagePullPolicy:
      c.imagePullPolicy ??
      (/:[^/:]+$/.test(String(c.image)) && !String(c.image).endsWith(":latest") ? "IfNotPresent" : "Always"),
  }));
  return {
    ...s,
    containers,
    restartPolicy: s.restartPolicy ?? "Always",
    terminationGracePeriodSeconds: s.terminationGracePeriodSeconds ?? 30,
    dnsPolicy: s.dnsPolicy ?? "ClusterFirst",
    securityContext: s.securityContext ?? {},
    schedulerName: s.schedulerName ?? "default-scheduler",
    enableServiceLinks: s.enableServiceLinks ?? true,
  };
}

function pod(o: KubeObject, metadata: Meta, now: string): Stored {
  const defaulted = podSpecDefaults(spec(o));
  const { containers, ...rest } = defaulted;
  const containerFields = Object.fromEntries(
    (Array.isArray(containers) ? containers : [])
      .filter(isRecord)
      .map((c) => [`k:${JSON.stringify({ name: c.name })}`, { ".": leaf, ...structFields(c) }]),
  );
  const status = isRecord(o.status) ? o.status : {};
  // The status write owns what it changed from the create's status (phase Pending, the QoS class).
  const { podIPs, phase, ...statusRest } = status;
  const statusFields: Fields = {
    ...structFields(statusRest),
    ...(phase !== undefined && phase !== "Pending" ? { "f:phase": leaf } : {}),
    ...(Array.isArray(podIPs)
      ? {
          "f:podIPs": {
            ".": leaf,
            ...Object.fromEntries(
              podIPs.filter(isRecord).map((p) => [`k:${JSON.stringify({ ip: p.ip })}`, { ".": leaf, "f:ip": leaf }]),
            ),
          },
        }
      : {}),
  };
  return {
    ...o,
    metadata: {
      ...metadata,
      generation: 1,
      managedFields: created(
        o,
        now,
        { "f:spec": { ...structFields(rest), "f:containers": containerFields } },
        statusFields,
      ),
    },
    spec: {
      ...defaulted,
      // DefaultTolerationSeconds and Priority (admission), after the field manager: no entry owns them
      tolerations: [
        ...(Array.isArray(defaulted.tolerations) ? defaulted.tolerations : []),
        { key: "node.kubernetes.io/not-ready", operator: "Exists", effect: "NoExecute", tolerationSeconds: 300 },
        { key: "node.kubernetes.io/unreachable", operator: "Exists", effect: "NoExecute", tolerationSeconds: 300 },
      ],
      priority: 0,
      preemptionPolicy: "PreemptLowerPriority",
    },
    // the create's strategy sets the QoS class (no requests or limits: BestEffort); the status write keeps it
    status: { ...status, qosClass: "BestEffort" },
  };
}
