import { z } from "zod";
import type { KubeObject } from "../k8s/objects";

/** Every object a probe run makes carries this label (its run id), so a run is found and removed by one selector. */
export const RUN_LABEL = "plumbline.io/probe-run";
/** What the run is for ("reachability", "node-links"): shown in `kubectl get pods -L`. */
const PURPOSE_LABEL = "plumbline.io/probe-purpose";
/** The owner Job's expiry (epoch seconds): a run past it is stale (the cluster removes it; the sweep too). */
export const EXPIRES_ANNOTATION = "plumbline.io/probe-expires";
/** Who started the run (the caller's name as the API server knows it, when known). */
const STARTED_BY_ANNOTATION = "plumbline.io/probe-started-by";
/** Downward-API annotations a probe reads while it runs: mounted as files under this directory. */
export const PROBE_INPUT_DIR = "/probe";

/**
 * What a probe pod may do beyond the least privilege (non-root, no capabilities, read-only root filesystem, no
 * service-account token, no privilege escalation, RuntimeDefault seccomp). Each extra is asked for by the caller
 * and named in SECURITY.md.
 */
export const probeExtrasSchema = z.object({
  /** the node's network namespace (reading the node's links) */
  hostNetwork: z.boolean().default(false),
  /** ping's raw ICMP socket: runs as root with exactly CAP_NET_RAW (busybox ping cannot use datagram ICMP) */
  netRaw: z.boolean().default(false),
});

/** Which node taints a probe tolerates: all (as `oc debug node` and DaemonSets do) or none. */
export const tolerationsSchema = z.enum(["all", "none"]);

export const probePodSchema = z.object({
  /** unique within the run, a DNS label: the pod is named <run>-<key> */
  key: z.string().regex(/^[a-z0-9]([a-z0-9-]{0,20}[a-z0-9])?$/),
  /** the node the pod must run on (required node affinity on metadata.name, so the scheduler says why not) */
  node: z.string().min(1).max(253),
  image: z.string().min(1).max(512),
  /** the probe's command; its result is what it writes to /dev/termination-log (and its log) */
  command: z.array(z.string()).min(1).max(8),
  extras: probeExtrasSchema.default({ hostNetwork: false, netRaw: false }),
  tolerations: tolerationsSchema.default("all"),
  /** pod annotations, e.g. k8s.v1.cni.cncf.io/networks */
  annotations: z.record(z.string(), z.string()).default({}),
  /** annotations the probe reads as files under /probe while it runs (the kubelet updates them in place) */
  inputs: z
    .array(z.string().regex(/^[a-z0-9.-]+\/[a-z0-9-]+$/))
    .max(4)
    .default([]),
  /** keep the pod (and its network) up after the probe exits, so others can reach it; ends with the run */
  hold: z.boolean().default(false),
  /** extended resources the probe container needs, e.g. an SR-IOV VF: `{ "openshift.io/sriov_nic": "1" }` */
  devices: z.record(z.string().regex(/^[a-z0-9.-]+\/[a-zA-Z0-9_.-]+$/), z.string().regex(/^\d{1,3}$/)).default({}),
  /** CPU and memory the pod asks the scheduler for */
  requests: z.object({ cpu: z.string(), memory: z.string() }).default({ cpu: "10m", memory: "16Mi" }),
});
export type ProbePod = z.input<typeof probePodSchema>;

export interface RunMeta {
  id: string;
  namespace: string;
  purpose: string;
  /** when every pod of the run must be gone: activeDeadlineSeconds counts from each pod's start */
  ttlSeconds: number;
  startedBy?: string;
  now: number;
}

/** A pod name for the run's key: `plumbline-probe-<run>-<key>`, at most 63 characters by the key's bound. */
export const probePodName = (run: string, key: string): string => `plumbline-probe-${run}-${key}`;

const NOBODY = 65534;
/** A container's least privilege: not root, no capability, no escalation, nothing written to its image. */
const LEAST = {
  allowPrivilegeEscalation: false,
  readOnlyRootFilesystem: true,
  runAsNonRoot: true,
  runAsUser: NOBODY,
  capabilities: { drop: ["ALL"] },
};

/**
 * The run's owner: a Job that runs nothing (parallelism 0) and exists for its two clocks. The cluster's Job controller
 * fails it at `activeDeadlineSeconds` (the TTL), the TTL-after-finished controller then deletes it, and the garbage
 * collector deletes every pod that names it as owner. So a run whose server was killed is removed by the cluster
 * itself, with no Plumbline process left to do it; a stopped run deletes the Job (and its pods) at once.
 */
export function ownerJob(run: RunMeta, image: string): KubeObject {
  return {
    apiVersion: "batch/v1",
    kind: "Job",
    metadata: {
      name: ownerName(run.id),
      namespace: run.namespace,
      labels: { [RUN_LABEL]: run.id, [PURPOSE_LABEL]: run.purpose },
      annotations: {
        [EXPIRES_ANNOTATION]: String(Math.ceil(run.now / 1000) + run.ttlSeconds),
        ...(run.startedBy ? { [STARTED_BY_ANNOTATION]: run.startedBy } : {}),
      },
    },
    spec: {
      // Never starts a pod: the probes are the caller's own pods, owned by this Job (see probePodManifest).
      parallelism: 0,
      backoffLimit: 0,
      activeDeadlineSeconds: run.ttlSeconds,
      ttlSecondsAfterFinished: OWNER_TTL_AFTER_FINISHED,
      template: {
        spec: {
          restartPolicy: "Never",
          automountServiceAccountToken: false,
          securityContext: { seccompProfile: { type: "RuntimeDefault" } },
          containers: [{ name: "none", image, command: ["true"], securityContext: LEAST }],
        },
      },
    },
  };
}

/** Seconds the finished owner Job stays before the cluster deletes it (and with it the run's pods). */
const OWNER_TTL_AFTER_FINISHED = 0;

/** The owner Job's name for a run. */
export const ownerName = (run: string): string => `plumbline-probe-${run}`;

/** The pod of one probe: least privilege unless `extras` asks, owned by the run's Job, bounded by the TTL. */
export function probePodManifest(run: RunMeta, owner: { name: string; uid: string }, input: ProbePod): KubeObject {
  const p = probePodSchema.parse(input);
  const root = p.extras.netRaw;
  const probeSecurity = {
    allowPrivilegeEscalation: false,
    readOnlyRootFilesystem: true,
    runAsNonRoot: !root,
    runAsUser: root ? 0 : NOBODY,
    capabilities: { drop: ["ALL"], ...(root ? { add: ["NET_RAW"] } : {}) },
  };
  const resources = { requests: p.requests, limits: { cpu: "200m", memory: "64Mi" } };
  const probeResources = {
    requests: { ...p.requests, ...p.devices },
    limits: { cpu: "200m", memory: "64Mi", ...p.devices },
  };
  const inputs = p.inputs.map((a) => ({
    path: a.replace("/", "_"),
    fieldRef: { fieldPath: `metadata.annotations['${a}']` },
  }));
  const containers = [
    {
      name: "probe",
      image: p.image,
      imagePullPolicy: "IfNotPresent",
      command: p.command,
      securityContext: probeSecurity,
      resources: probeResources,
      terminationMessagePath: "/dev/termination-log",
      terminationMessagePolicy: "File",
      ...(inputs.length ? { volumeMounts: [{ name: "inputs", mountPath: PROBE_INPUT_DIR, readOnly: true }] } : {}),
    },
    ...(p.hold
      ? [
          {
            name: "hold",
            image: p.image,
            imagePullPolicy: "IfNotPresent",
            // Holds the pod's network up after the probe exits; ends at once on TERM (the run's delete).
            command: ["sh", "-c", "trap 'exit 0' TERM; while :; do sleep 1 & wait $!; done"],
            securityContext: LEAST,
            resources,
          },
        ]
      : []),
  ];
  return {
    apiVersion: "v1",
    kind: "Pod",
    metadata: {
      name: probePodName(run.id, p.key),
      namespace: run.namespace,
      labels: { [RUN_LABEL]: run.id, [PURPOSE_LABEL]: run.purpose, "plumbline.io/probe-key": p.key },
      annotations: p.annotations,
      ownerReferences: [{ apiVersion: "batch/v1", kind: "Job", name: owner.name, uid: owner.uid }],
    },
    spec: {
      restartPolicy: "Never",
      activeDeadlineSeconds: run.ttlSeconds,
      terminationGracePeriodSeconds: 1,
      automountServiceAccountToken: false,
      enableServiceLinks: false,
      hostNetwork: p.extras.hostNetwork,
      securityContext: { seccompProfile: { type: "RuntimeDefault" } },
      affinity: {
        nodeAffinity: {
          requiredDuringSchedulingIgnoredDuringExecution: {
            nodeSelectorTerms: [{ matchFields: [{ key: "metadata.name", operator: "In", values: [p.node] }] }],
          },
        },
      },
      tolerations: p.tolerations === "all" ? [{ operator: "Exists" }] : [],
      containers,
      ...(inputs.length ? { volumes: [{ name: "inputs", downwardAPI: { items: inputs } }] } : {}),
    },
  };
}
