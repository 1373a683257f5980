import { isObject, str } from "../result";

/**
 * Where a probe pod stands, read from its status alone (no events, no kubelet): every stage a pod can get stuck
 * in has a reason a person can act on.
 */
export type ProbeStage =
  | { stage: "pending"; reason: string }
  | { stage: "unschedulable"; cause: "taints" | "full" | "cordoned" | "other"; reason: string }
  | { stage: "starting"; reason: string }
  | { stage: "image"; reason: string }
  | { stage: "running" }
  | { stage: "done"; message: string; exitCode: number }
  | { stage: "failed"; reason: string };

const IMAGE_REASONS = new Set(["ErrImagePull", "ImagePullBackOff", "ErrImageNeverPull", "InvalidImageName"]);

type Json = Record<string, unknown>;
const list = (v: unknown): Json[] => (Array.isArray(v) ? v.filter(isObject) : []);

/** What the scheduler's message says kept the pod off its node. */
export function unschedulableCause(message: string): "taints" | "full" | "cordoned" | "other" {
  // A cordon shows as the node's own condition, or as its taint once the node controller has added it.
  if (/were unschedulable|node is unschedulable|node\.kubernetes\.io\/unschedulable/i.test(message)) return "cordoned";
  if (/untolerated taint|had taint/i.test(message)) return "taints";
  if (/Insufficient |Too many pods|exceed/i.test(message)) return "full";
  return "other";
}

const CAUSE_TEXT = {
  taints: "the node has a taint the probe does not tolerate",
  full: "the node has no room for the probe",
  cordoned: "the node is cordoned (unschedulable)",
  other: "the scheduler cannot place the probe on the node",
} as const;

/** The stage of one container of the pod (the probe's own by default). */
function containerStage(status: Json, container: string): ProbeStage | null {
  const cs = list(status.containerStatuses).find((c) => c.name === container);
  if (!cs || !isObject(cs.state)) return null;
  const { waiting, terminated } = cs.state;
  if (isObject(terminated)) {
    const exitCode = typeof terminated.exitCode === "number" ? terminated.exitCode : -1;
    return { stage: "done", message: typeof terminated.message === "string" ? terminated.message : "", exitCode };
  }
  if (isObject(waiting)) {
    const reason = str(waiting.reason) ?? "Waiting";
    const detail = str(waiting.message);
    const text = detail ? `${reason}: ${detail}` : reason;
    if (IMAGE_REASONS.has(reason)) return { stage: "image", reason: `the image cannot be pulled (${text})` };
    if (reason === "CreateContainerConfigError" || reason === "CreateContainerError" || reason === "RunContainerError")
      return { stage: "failed", reason: `the container cannot start (${text})` };
    return { stage: "starting", reason: text };
  }
  return { stage: "running" };
}

export function probeStage(pod: unknown, container = "probe"): ProbeStage {
  const status = isObject(pod) && isObject(pod.status) ? pod.status : {};
  const phase = str(status.phase) ?? "Pending";
  const own = containerStage(status, container);
  if (phase === "Failed") {
    const why = [str(status.reason), str(status.message)].filter(Boolean).join(": ");
    if (own?.stage === "done" && own.message) return own;
    return { stage: "failed", reason: why || "the pod failed" };
  }
  if (own) return own;
  const scheduled = list(status.conditions).find((c) => c.type === "PodScheduled");
  if (scheduled?.status === "False") {
    const message = str(scheduled.message) ?? str(scheduled.reason) ?? "not scheduled";
    const cause = unschedulableCause(message);
    return { stage: "unschedulable", cause, reason: `${CAUSE_TEXT[cause]}: ${message}` };
  }
  if (scheduled?.status === "True" || (isObject(pod) && isObject(pod.spec) && str(pod.spec.nodeName)))
    return { stage: "starting", reason: "creating the pod's sandbox and network" };
  return { stage: "pending", reason: "waiting for the scheduler" };
}
