import { randomBytes } from "node:crypto";
import type { KubeObject } from "@/lib/k8s/objects";
import {
  ownerJob,
  ownerName,
  type ProbePod,
  probePodManifest,
  probePodName,
  probePodSchema,
  RUN_LABEL,
  type RunMeta,
} from "@/lib/probes/manifest";
import { type ProbeStage, probeStage } from "@/lib/probes/pod-state";
import type { ProbeKube } from "./kube";

/** What a wait asks of each pod: it is there, it is not there yet (why), or it never will be (why). */
export type PodCheck = (pod: KubeObject) => { ok: true } | { wait: string } | { fail: string };
export type PodOutcome = { ok: true; pod: KubeObject } | { ok: false; reason: string };

export interface StartOptions {
  namespace: string;
  purpose: string;
  /** every pod ends by this many seconds after it started (activeDeadlineSeconds), and the run is stale after it */
  ttlSeconds: number;
  pods: ProbePod[];
  startedBy?: string;
  signal?: AbortSignal;
}

export interface WaitOptions {
  /** how long this phase may take, in ms; a pod not there by then fails with its last reason */
  boundMs: number;
  /** what is waited for, e.g. "scheduled and started": said in the reason when the bound passes */
  what: string;
  signal?: AbortSignal;
  /** called when a pod's reason changes, for live progress */
  onUpdate?: (key: string, text: string) => void;
  pollMs?: number;
}

const POLL_MS = 400;

/** Runs that have not been stopped yet, in this process: stopped on SIGTERM. */
const active = new Set<ProbeRun>();

export async function stopAllRuns(): Promise<void> {
  await Promise.allSettled([...active].map((r) => r.stop()));
}

export function abortError(signal: AbortSignal | undefined): Error {
  const reason = signal?.reason;
  return reason instanceof Error ? reason : new Error("the run was cancelled");
}

function sleep(ms: number, signal?: AbortSignal): Promise<void> {
  return new Promise((resolve, reject) => {
    if (signal?.aborted) return reject(abortError(signal));
    const t = setTimeout(() => {
      signal?.removeEventListener("abort", onAbort);
      resolve();
    }, ms);
    const onAbort = () => {
      clearTimeout(t);
      reject(abortError(signal));
    };
    signal?.addEventListener("abort", onAbort, { once: true });
  });
}

/** The pod has started (or already finished): the common first wait of every run. */
export const started: PodCheck = (pod) => {
  const s = probeStage(pod);
  return stageCheck(s);
};

export function stageCheck(s: ProbeStage): ReturnType<PodCheck> {
  switch (s.stage) {
    case "running":
    case "done":
      return { ok: true };
    case "image":
    case "failed":
      return { fail: s.reason };
    default:
      return { wait: s.reason };
  }
}

/**
 * One run of probe pods: an owner Job (which runs nothing), then one pod per node, each owned by it, labelled with the
 * run and ended by activeDeadlineSeconds. `stop()` deletes the owner and the pods. A server killed before it leaves a
 * run the cluster removes by itself: the Job fails at its deadline (the TTL), the TTL-after-finished controller
 * deletes it and the garbage collector its pods (the start-up sweep, sweep.ts, is a second net).
 */
export class ProbeRun {
  private stopped: Promise<void> | null = null;

  private constructor(
    private readonly kube: ProbeKube,
    readonly meta: RunMeta,
    readonly keys: readonly string[],
  ) {}

  static async start(kube: ProbeKube, opts: StartOptions): Promise<ProbeRun> {
    if (opts.signal?.aborted) throw abortError(opts.signal);
    const meta: RunMeta = {
      id: randomBytes(4).toString("hex"),
      namespace: opts.namespace,
      purpose: opts.purpose,
      ttlSeconds: opts.ttlSeconds,
      now: Date.now(),
      ...(opts.startedBy ? { startedBy: opts.startedBy } : {}),
    };
    const run = new ProbeRun(
      kube,
      meta,
      opts.pods.map((p) => p.key),
    );
    // Checked before anything is created: a bad spec makes nothing.
    for (const p of opts.pods) probePodSchema.parse(p);
    const image = opts.pods[0]?.image;
    if (!image) throw new Error("a probe run needs at least one pod");
    active.add(run);
    try {
      const owner = await kube.create(ownerJob(meta, image));
      const ref = { name: owner.metadata.name, uid: owner.metadata.uid ?? "" };
      const pods = opts.pods.map((p) => probePodManifest(meta, ref, p));
      for (const pod of pods) {
        if (opts.signal?.aborted) throw abortError(opts.signal);
        await kube.create(pod);
      }
      return run;
    } catch (e) {
      // The error that stopped the start is the one to tell, not a refused delete of nothing.
      await run.stop().catch(() => undefined);
      throw e;
    }
  }

  get id(): string {
    return this.meta.id;
  }

  podName(key: string): string {
    return probePodName(this.meta.id, key);
  }

  /** The run's pods by key, as the API server has them now. */
  async pods(): Promise<Map<string, KubeObject>> {
    const list = await this.kube.listPods(this.meta.namespace, `${RUN_LABEL}=${this.meta.id}`);
    const byName = new Map(list.map((p) => [p.metadata.name, p]));
    const out = new Map<string, KubeObject>();
    for (const key of this.keys) {
      const pod = byName.get(this.podName(key));
      if (pod) out.set(key, pod);
    }
    return out;
  }

  /** Waits until `check` passes or fails for each of `keys`, at most `boundMs`; a pod still waiting then fails. */
  async waitEach(keys: readonly string[], check: PodCheck, o: WaitOptions): Promise<Map<string, PodOutcome>> {
    const deadline = Date.now() + o.boundMs;
    const settled = new Map<string, PodOutcome>();
    const last = new Map<string, string>();
    for (;;) {
      if (o.signal?.aborted) throw abortError(o.signal);
      const pods = await this.pods();
      for (const key of keys) {
        if (settled.has(key)) continue;
        const pod = pods.get(key);
        const verdict = pod ? check(pod) : { fail: "the probe pod is gone (deleted by someone else?)" };
        const text = "ok" in verdict ? "ready" : "fail" in verdict ? verdict.fail : verdict.wait;
        if (last.get(key) !== text) o.onUpdate?.(key, text);
        last.set(key, text);
        if ("ok" in verdict && pod) settled.set(key, { ok: true, pod });
        else if ("fail" in verdict) settled.set(key, { ok: false, reason: verdict.fail });
      }
      if (settled.size === keys.length) return settled;
      if (Date.now() >= deadline) {
        const secs = Math.round(o.boundMs / 1000);
        for (const key of keys)
          if (!settled.has(key))
            settled.set(key, { ok: false, reason: `not ${o.what} within ${secs} s: ${last.get(key) ?? "no pod"}` });
        return settled;
      }
      await sleep(Math.min(o.pollMs ?? POLL_MS, Math.max(0, deadline - Date.now())), o.signal);
    }
  }

  annotate(key: string, annotations: Record<string, string>): Promise<void> {
    return this.kube.annotatePod(this.meta.namespace, this.podName(key), annotations);
  }

  /**
   * What the probe container reported: its termination message (read from the pod's status, no kubelet needed),
   * or its log through the API server when the message is empty.
   */
  async result(pod: KubeObject): Promise<string | null> {
    const s = probeStage(pod);
    if (s.stage === "done" && s.message) return s.message;
    return this.kube.podLog(this.meta.namespace, pod.metadata.name, "probe");
  }

  /** Deletes the owner and every pod of the run; safe to call more than once. */
  stop(opts: { wait?: boolean; boundMs?: number } = {}): Promise<void> {
    this.stopped ??= this.remove();
    return opts.wait ? this.stopped.then(() => this.gone(opts.boundMs ?? 30_000)) : this.stopped;
  }

  private async remove(): Promise<void> {
    const { namespace, id } = this.meta;
    try {
      await this.kube.delete("Job", namespace, ownerName(id));
      // Not left to the garbage collector alone: it may be slow, or not run where the owner went first.
      const pods = await this.kube.listPods(namespace, `${RUN_LABEL}=${id}`);
      await Promise.all(pods.map((p) => this.kube.delete("Pod", namespace, p.metadata.name)));
    } finally {
      active.delete(this);
    }
  }

  /** Resolves once the API server has no pod of the run left (kubelet done with them), at most `boundMs`. */
  private async gone(boundMs: number): Promise<void> {
    const deadline = Date.now() + boundMs;
    for (;;) {
      const left = await this.kube.listPods(this.meta.namespace, `${RUN_LABEL}=${this.meta.id}`);
      if (left.length === 0) return;
      if (Date.now() >= deadline)
        throw new Error(
          `probe pods still there after ${boundMs / 1000} s: ${left.map((p) => p.metadata.name).join(", ")}`,
        );
      await sleep(300);
    }
  }
}
