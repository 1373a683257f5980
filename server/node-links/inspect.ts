// "Inspect node links": one short-lived probe pod per node (host network, nothing else: reading links needs no
// capability - see SECURITY.md), run as the caller through s4-reach's probe runner (server/probes/), its output read
// from the pod's log through the API server, parsed (lib/node-links) and kept as that node's observed links.

import type { KubeObject } from "@/lib/k8s/objects";
import { parseProbeOutput } from "@/lib/node-links/probe-output";
import { NODE_LINKS_SCRIPT } from "@/lib/node-links/script";
import type { Probe } from "@/lib/node-links/to-nns";
import type { ProbePod } from "@/lib/probes/manifest";
import { probeStage } from "@/lib/probes/pod-state";
import type { ProbeKube } from "../probes/kube";
import { type PodCheck, ProbeRun } from "../probes/run";
import { sweepStaleRuns } from "../probes/sweep";

export type NodeResult =
  | { node: string; ok: true; probe: Probe; notes: string[] }
  | { node: string; ok: false; reason: string };

export interface InspectOptions {
  nodes: readonly string[];
  namespace: string;
  image: string;
  /** every probe pod ends by then (activeDeadlineSeconds) and the run is swept after it */
  ttlSeconds: number;
  /** who asks, as the API server names them: said with the result */
  by: string;
  signal?: AbortSignal;
  /** a node's progress, in words ("waiting for the scheduler", "reading links") */
  onUpdate?: (node: string, text: string) => void;
}

/** The probe pod for one node: the node's network namespace and nothing else (SECURITY.md says why). */
export const nodeLinksPod = (key: string, node: string, image: string): ProbePod => ({
  key,
  node,
  image,
  command: ["sh", "-c", NODE_LINKS_SCRIPT],
  extras: { hostNetwork: true, netRaw: false },
  tolerations: "all",
});

/** The probe has exited: its log holds the links. A pod that cannot get there says why. */
const finished: PodCheck = (pod) => {
  const s = probeStage(pod);
  if (s.stage === "done") return s.exitCode === 0 ? { ok: true } : { fail: `the probe exited ${s.exitCode}` };
  if (s.stage === "image" || s.stage === "failed") return { fail: s.reason };
  if (s.stage === "unschedulable") return { wait: s.reason };
  return { wait: s.stage === "running" ? "reading the node's links" : s.reason };
};

async function readOne(run: ProbeRun, node: string, pod: KubeObject, by: string): Promise<NodeResult> {
  const text = await run.result(pod);
  if (text === null) return { node, ok: false, reason: "the probe's log cannot be read through the API server" };
  const parsed = parseProbeOutput(text);
  if (!parsed.ok) return { node, ok: false, reason: parsed.error };
  const { links, method, notes } = parsed.value;
  return { node, ok: true, probe: { node, links, at: new Date().toISOString(), by, method }, notes };
}

export async function inspectNodes(kube: ProbeKube, o: InspectOptions): Promise<NodeResult[]> {
  const keys = o.nodes.map((node, i) => ({ key: `links-${i}`, node }));
  const nodeOf = new Map(keys.map((k) => [k.key, k.node]));
  // What a killed server left here past its TTL goes first (best effort: a caller who may not list is no reason).
  await sweepStaleRuns(kube, Date.now(), [o.namespace]).catch(() => []);
  const run = await ProbeRun.start(kube, {
    namespace: o.namespace,
    purpose: "node-links",
    ttlSeconds: o.ttlSeconds,
    startedBy: o.by,
    ...(o.signal ? { signal: o.signal } : {}),
    pods: keys.map(({ key, node }) => nodeLinksPod(key, node, o.image)),
  });
  try {
    const outcomes = await run.waitEach(
      keys.map((k) => k.key),
      finished,
      {
        // Half the TTL to come up and read; the pods end at the TTL whatever happens here.
        boundMs: (o.ttlSeconds * 1000) / 2,
        what: "done reading links",
        ...(o.signal ? { signal: o.signal } : {}),
        onUpdate: (key, text) => o.onUpdate?.(nodeOf.get(key) ?? key, text),
      },
    );
    return await Promise.all(
      keys.map(async ({ key, node }): Promise<NodeResult> => {
        const out = outcomes.get(key);
        if (!out) return { node, ok: false, reason: "no outcome" };
        return out.ok ? readOne(run, node, out.pod, o.by) : { node, ok: false, reason: out.reason };
      }),
    );
  } finally {
    // Removed whatever happened (done, failed, cancelled); the API server is asked until none is left.
    await run.stop({ wait: true, boundMs: 30_000 }).catch(() => undefined);
  }
}
