import { TRPCError } from "@trpc/server";
import { z } from "zod";
import { summarizeLinks } from "@/lib/node-links/summary";
import { readConfig } from "../../config";
import { inspectNodes } from "../../node-links/inspect";
import { ProgressBoard } from "../../node-links/progress";
import { probeImage, probeTtlSeconds } from "../../probes/image";
import { assertSignedIn } from "../../sources/registry";
import type { ClusterSource } from "../../sources/types";
import { createTRPCRouter, sourceProcedure } from "../trpc";

/** At most this many nodes per inspection (one probe pod each). */
export const MAX_INSPECT_NODES = 50;

/** Runs by source: progress and cancelling are one identity's own. */
const boards = new WeakMap<ClusterSource, ProgressBoard>();
const boardOf = (source: ClusterSource): ProgressBoard => {
  const board = boards.get(source) ?? new ProgressBoard();
  boards.set(source, board);
  return board;
};
const nodeName = z.string().regex(/^[a-z0-9]([a-z0-9.-]{0,251}[a-z0-9])?$/);
const runKey = z.string().regex(/^[A-Za-z0-9-]{8,64}$/);

/** Where node-link probes run: PLUMBLINE_NODE_PROBE_NAMESPACE, else "default". */
export const probeNamespace = (): string => readConfig().PLUMBLINE_NODE_PROBE_NAMESPACE;

/** Why this source cannot inspect nodes at all, or null. */
function cannot(source: ClusterSource): string | null {
  if (source.prober?.() && source.probedLinks) return null;
  if (source.info.kind !== "live")
    return `${source.info.label} is not a live cluster: node links are probed only on one`;
  return "this identity is read-only (service account): probes run as a signed-in user";
}

export const nodeLinksRouter = createTRPCRouter({
  /** May the caller run the probe pods (SelfSubjectAccessReview)? Asked before the button is enabled. */
  access: sourceProcedure.query(async ({ ctx: { source } }) => {
    const namespace = probeNamespace();
    const reason = cannot(source);
    if (reason) return { allowed: false, namespace, reason };
    const access = await source.prober?.()?.access(namespace);
    if (!access?.allowed)
      return { allowed: false, namespace, reason: `you may not run probe pods: ${access?.missing.join("; ")}` };
    return { allowed: true, namespace, reason: null };
  }),

  /** What each node's probe is doing now, while `inspect` runs (polled by the browser). */
  progress: sourceProcedure
    .input(z.object({ runKey }))
    .query(({ ctx: { source }, input }) => boardOf(source).get(input.runKey)),

  /** Cancels a run: its pods are removed at once; `inspect` then answers with the cancellation. */
  cancel: sourceProcedure
    .input(z.object({ runKey }))
    .mutation(({ ctx: { source }, input }) => ({ cancelled: boardOf(source).cancel(input.runKey) })),

  /**
   * "Forget probed links" (start over): the nodes are drawn from NodeNetworkState or inferred again, as before any
   * inspection, until the next one. Only the caller's own kept results: each identity keeps its own.
   */
  forget: sourceProcedure
    .input(z.object({ nodes: z.array(nodeName).min(1).max(MAX_INSPECT_NODES) }))
    .mutation(({ ctx: { source }, input }) => {
      if (!source.probedLinks) throw new Error(cannot(source) ?? "node links are not probed here");
      assertSignedIn(source);
      return { forgotten: source.probedLinks.forget(input.nodes) };
    }),

  /**
   * "Inspect node links": a probe pod on each node, as the caller; each node's links become its observed host side
   * (kept until the node changes or the next inspection), unless a fresh NodeNetworkState reports them.
   */
  inspect: sourceProcedure
    .input(z.object({ nodes: z.array(nodeName).min(1).max(MAX_INSPECT_NODES), runKey }))
    .mutation(async ({ ctx: { source }, input, signal }) => {
      const reason = cannot(source);
      const kube = source.prober?.();
      if (reason || !kube || !source.probedLinks) throw new Error(reason ?? "node links cannot be probed here");
      await source.ready();
      assertSignedIn(source);
      // Asked first, so a caller without the rights gets the reason and no object is made.
      const access = await kube.access(probeNamespace());
      if (!access.allowed)
        throw new TRPCError({ code: "FORBIDDEN", message: `you may not run probe pods: ${access.missing.join("; ")}` });
      const nodes = [...new Set(input.nodes)];
      const known = new Set(source.snapshot().nodes.map((n) => n.metadata.name));
      const unknown = nodes.filter((n) => !known.has(n));
      if (unknown.length > 0) throw new Error(`no such node: ${unknown.join(", ")}`);
      const progress = boardOf(source);
      const runSignal = progress.begin(input.runKey, nodes, signal);
      try {
        const results = await inspectNodes(kube, {
          nodes,
          namespace: probeNamespace(),
          image: probeImage(source.snapshot().operatorNetwork !== null),
          ttlSeconds: probeTtlSeconds(),
          by: (await kube.who()) ?? "an unnamed user",
          signal: runSignal,
          onUpdate: (node, text) => progress.update(input.runKey, node, text),
        });
        const snapNodes = new Map(source.snapshot().nodes.map((n) => [n.metadata.name, n]));
        for (const r of results) if (r.ok) source.probedLinks.set(r.probe, snapNodes.get(r.node));
        return results.map((r) =>
          r.ok
            ? {
                node: r.node,
                ok: true as const,
                at: r.probe.at,
                by: r.probe.by,
                method: r.probe.method,
                notes: r.notes,
                summary: summarizeLinks(r.probe.links),
              }
            : r,
        );
      } finally {
        progress.end(input.runKey);
      }
    }),
});
