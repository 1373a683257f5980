/**
 * `npm run check -- --probe <ns/nad> [--nodes a,b]`: a reachability check on a live cluster as the kubeconfig's
 * user; prints the matrix and exits 1 when a pair is unexpected, 2 when the check could not run.
 */
import { reachFacts } from "@/lib/reach/facts";
import { renderReachText } from "@/lib/reach/render";
import type { ReachResult } from "@/lib/reach/schema";
import { buildTopology } from "@/lib/topology/build";
import { probeImage, probeTtlSeconds } from "@/server/probes/image";
import { ProbeKube } from "@/server/probes/kube";
import { runReach } from "@/server/reach/run";
import { loadKubeConfig } from "@/server/sources/kubeconfig";
import { readLiveOnce } from "@/server/sources/live/read-once";

export async function checkProbe(opts: {
  network: string;
  nodes?: string[];
  kubeconfig?: string;
  context?: string;
  json: boolean;
}): Promise<number> {
  const snapshot = await readLiveOnce(opts.kubeconfig, opts.context);
  const topology = buildTopology(snapshot);
  const facts = reachFacts(topology, opts.network, opts.nodes);
  if ("error" in facts) throw new Error(facts.error);
  const kube = new ProbeKube(loadKubeConfig({ kubeconfig: opts.kubeconfig, context: opts.context }));
  const ac = new AbortController();
  // Ctrl-C cancels the run: its pods are removed before the command ends.
  process.once("SIGINT", () => ac.abort(new Error("cancelled (Ctrl-C)")));
  let refused: string | null = null;
  const result: ReachResult | null = await runReach(kube, {
    network: opts.network,
    nodes: facts.nodes,
    net: facts.net,
    sides: facts.sides,
    image: probeImage(snapshot.operatorNetwork !== null),
    ttlSeconds: probeTtlSeconds(),
    signal: ac.signal,
    emit: (e) => {
      if (e.type === "phase") process.stderr.write(`… ${e.text}\n`);
      else if (e.type === "probe") process.stderr.write(`  ${e.node} ${e.pod}: ${e.text}\n`);
      else if (e.type === "failed") refused = [e.message, ...(e.missing ?? [])].join("\n  ");
    },
  });
  if (!result) throw new Error(refused ?? "the check did not run");
  process.stdout.write(opts.json ? `${JSON.stringify(result, null, 2)}\n` : renderReachText(result));
  return result.counts.unexpected > 0 ? 1 : 0;
}
