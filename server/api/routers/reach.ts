import { tracked } from "@trpc/server";
import { z } from "zod";
import { splitRef } from "@/lib/contract/ids";
import { explainStuck } from "@/lib/reach/explain";
import { reachFacts } from "@/lib/reach/facts";
import { MAX_PROBE_NODES } from "@/lib/reach/plan";
import { probeImage, probeTtlSeconds } from "../../probes/image";
import type { ProbeKube } from "../../probes/kube";
import { type ReachEvent, runReach } from "../../reach/run";
import { eventsOf } from "../../reach/stream";
import { assertSignedIn } from "../../sources/registry";
import type { ClusterSource } from "../../sources/types";
import { payloadOf } from "../../topology-cache";
import { createTRPCRouter, sourceProcedure } from "../trpc";

/** Checks running per source (one source per identity): each makes up to 32 pods, so one identity runs few at once. */
const running = new WeakMap<ClusterSource, number>();
const MAX_RUNS_PER_IDENTITY = 2;

const networkRef = z.string().regex(/^[a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?\/[a-z0-9]([a-z0-9.-]{0,251}[a-z0-9])?$/);

/** Why this source cannot run probes at all, or null. */
function noProbes(source: ClusterSource): string | null {
  if (source.prober?.()) return null;
  if (source.info.kind !== "live") return `Probe pods need a live cluster (this is the ${source.info.label})`;
  return "This identity is read-only (the dashboard's service account): probe pods run as a signed-in user";
}

export const reachRouter = createTRPCRouter({
  /** May the caller check reachability on this network? Asked before the button is enabled (no pod is made). */
  access: sourceProcedure.input(z.object({ network: networkRef })).query(async ({ ctx: { source }, input }) => {
    const reason = noProbes(source);
    if (reason) return { allowed: false, missing: [], reason };
    const kube = source.prober?.();
    const access = kube ? await kube.access(splitRef(input.network).namespace) : { allowed: false, missing: [] };
    return {
      ...access,
      reason: access.allowed ? null : `You may not run probe pods here: ${access.missing.join("; ")}`,
    };
  }),

  /**
   * "Check reachability": probe pods on each node (or those picked), every pair pinged over the network, the
   * result judged against the topology. Progress arrives live; closing the stream cancels the run and removes its
   * pods.
   */
  check: sourceProcedure
    .input(
      z.object({
        network: networkRef,
        nodes: z.array(z.string().min(1).max(253)).max(MAX_PROBE_NODES).optional(),
        lastEventId: z.string().nullish(),
      }),
    )
    .subscription(async function* ({ ctx: { source }, input, signal }) {
      // A reconnect is not a new click: the run it belonged to was cancelled when its stream dropped.
      if (input.lastEventId) {
        const end: ReachEvent = {
          type: "failed",
          message: "the connection dropped, so the check was cancelled and its pods removed: run it again",
        };
        yield tracked(`${input.lastEventId}.end`, end);
        return;
      }
      let seq = 0;
      const stream = eventsOf<ReachEvent>(
        async (emit, runSignal) => {
          const reason = noProbes(source);
          const kube = source.prober?.();
          if (reason || !kube) return emit({ type: "failed", message: reason ?? "no probes here" });
          const mine = running.get(source) ?? 0;
          if (mine >= MAX_RUNS_PER_IDENTITY)
            return emit({
              type: "failed",
              message: `you already have ${mine} checks running: wait for one to end or cancel it`,
            });
          running.set(source, mine + 1);
          try {
            await checkAs(source, kube, input, emit, runSignal);
          } finally {
            running.set(source, (running.get(source) ?? 1) - 1);
          }
        },
        (e) => ({ type: "failed", message: e instanceof Error ? e.message : String(e) }),
        signal,
      );
      for await (const event of stream) yield tracked(String(++seq), event);
    }),
});

/** One check as the caller: RBAC first, then the topology's facts, then the run. */
async function checkAs(
  source: ClusterSource,
  kube: ProbeKube,
  input: { network: string; nodes?: string[] | undefined },
  emit: (e: ReachEvent) => void,
  signal: AbortSignal,
): Promise<void> {
  // Before the topology: a user who may not run probes is told which rights are missing, whatever they see.
  const namespace = splitRef(input.network).namespace;
  const access = await kube.access(namespace);
  if (!access.allowed)
    return emit({
      type: "failed",
      message: `you may not run probe pods in ${namespace}`,
      missing: access.missing,
    });
  await source.ready();
  assertSignedIn(source);
  const { topology } = await payloadOf(source);
  const facts = reachFacts(topology, input.network, input.nodes);
  if ("error" in facts) return emit({ type: "failed", message: facts.error });
  const result = await runReach(kube, {
    network: input.network,
    nodes: facts.nodes,
    net: facts.net,
    sides: facts.sides,
    image: probeImage(source.snapshot().operatorNetwork !== null),
    ttlSeconds: probeTtlSeconds(),
    signal,
    emit,
    explain: (pod) => explainStuck(source.snapshot().events, namespace, pod),
  });
  if (result) emit({ type: "done", result });
}
