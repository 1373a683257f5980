import type { KubeConfig } from "@kubernetes/client-node";
import type { Topology } from "@/lib/contract/schema";
import { clusterFromTopology } from "@/lib/fleet/cluster-input";
import { clusterState } from "@/lib/fleet/cluster-state";
import type { FleetCluster } from "@/lib/fleet/schema";
import { buildTopology } from "@/lib/topology/build";
import { loadKubeConfig } from "./sources/kubeconfig";
import { LiveSource } from "./sources/live/live-source";

const NADS = "network-attachment-definitions";

/** One context read once for the command line: the cluster as the fleet sees it, and its topology when it was read. */
export interface ReadContext {
  cluster: FleetCluster;
  topology: Topology | null;
}

/** Every context of the kubeconfig, in its order: `check --all-contexts`. */
export function allContexts(kubeconfig?: string): string[] {
  return loadKubeConfig({ kubeconfig })
    .getContexts()
    .map((c) => c.name);
}

/**
 * Reads each context once, all at once, each within `timeoutMs`: one that does not answer is "unreachable" (or
 * "connecting"), the others are read as if it were not there.
 */
export function readContextsOnce(
  kubeconfig: string | undefined,
  contexts: readonly string[],
  timeoutMs = 30_000,
): Promise<ReadContext[]> {
  return Promise.all(contexts.map((context) => readContext(kubeconfig, context, timeoutMs)));
}

async function readContext(kubeconfig: string | undefined, context: string, timeoutMs: number): Promise<ReadContext> {
  const empty = { networks: [], wants: [], totals: { pods: 0, findings: { error: 0, warning: 0, info: 0 } } };
  let kc: KubeConfig;
  try {
    kc = loadKubeConfig({ kubeconfig, context });
  } catch (e) {
    const reason = e instanceof Error ? e.message : String(e);
    return {
      cluster: { context, label: context, state: "unreachable", reason, known: "all", ...empty },
      topology: null,
    };
  }
  const label = kc.getCurrentCluster()?.server ?? context;
  // as the server reads it: a kind refused cluster-wide is read in the context's namespace
  const namespace = kc.getContextObject(context)?.namespace;
  const source = new LiveSource(kc, {
    label,
    context,
    backoff: { min: 200, max: 1000 },
    namespaces: namespace ? [namespace] : [],
  });
  try {
    let timer: NodeJS.Timeout | undefined;
    const timeout = new Promise<"timeout">((r) => {
      timer = setTimeout(() => r("timeout"), timeoutMs);
    });
    const answered = (await Promise.race([source.ready(), timeout])) !== "timeout";
    clearTimeout(timer);
    const known = source.readScope(NADS);
    const status = answered
      ? source.status()
      : { state: "failed" as const, reason: `no answer within ${Math.round(timeoutMs / 1000)} s` };
    const refusal = source.snapshot().notes.find((n) => n.message.includes(NADS))?.message;
    const state = clusterState(status, known, refusal);
    if (state.state !== "live" && state.state !== "stale")
      return { cluster: { context, label, ...state, known, ...empty }, topology: null };
    const topology = buildTopology(source.snapshot());
    return { cluster: clusterFromTopology({ context, label, ...state, known }, topology), topology };
  } finally {
    await source.close();
  }
}
