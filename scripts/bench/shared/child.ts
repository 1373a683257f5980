import { readFileSync } from "node:fs";
import { appRouter } from "@/server/api/root";
import { createInnerContext } from "@/server/api/trpc";
import { SourceRegistry } from "@/server/sources/registry";
import { payloadOf } from "@/server/topology-cache";
import { apiClient, openWatches } from "../big/seed";
import { compareTopology, freshList } from "./fresh";
import type { Identity } from "./identities";

export interface ChildResult {
  peak: number;
  watches: number;
  sources: number;
  views: number;
  exact: number;
  wrong: string[];
}

interface Spec {
  cluster: { server: string; caData: string; adminToken: string };
  kubeconfig: string;
  fallback: string[];
  identities: Identity[];
  /** how many identities' views are checked */
  check: number;
}

const peakRss = (): number => Number(/VmHWM:\s+(\d+)/.exec(readFileSync("/proc/self/status", "utf8"))?.[1] ?? 0) * 1024;

/** One server's life in one mode: every identity of the mode holds a cluster view; what it cost and showed. */
export async function runChild(mode: string, specFile: string): Promise<void> {
  const spec = JSON.parse(readFileSync(specFile, "utf8")) as Spec;
  const api = apiClient({ ...spec.cluster, restrictedToken: "", kubeconfigPath: "", dir: "" } as never);
  const before = await openWatches(api);
  const registry = new SourceRegistry({
    PLUMBLINE_SOURCE: "kubeconfig",
    PLUMBLINE_IDENTITY: "forwarded-token",
    KUBECONFIG: spec.kubeconfig,
    PLUMBLINE_NAMESPACES: spec.fallback.join(","),
    PLUMBLINE_SHARE_SOURCES: mode !== "own",
  });
  const who = mode === "one" ? spec.identities.slice(0, 1) : spec.identities;
  const ac = new AbortController();
  const caller = (token: string) =>
    appRouter.createCaller(createInnerContext({ sources: registry, token }), { signal: ac.signal });
  // One tab each: the cluster view's subscription, held until the end, its first message received.
  const streams = await Promise.all(
    who.map(async (i) => (await caller(i.token).topology.view({ view: {} }))[Symbol.asyncIterator]()),
  );
  await Promise.all(streams.map((s) => s.next()));
  const watches = (await openWatches(api)) - before;
  // (before the check below: its fresh lists are the benchmark's, not the server's)
  const peak = peakRss();
  const wrong: string[] = [];
  const checked = who.slice(0, spec.check);
  for (const i of checked) {
    // (the whole topology as the export reads it: topology.get answers at most LIMITS.wholeTopologyItems items)
    const lease = await registry.acquire({ token: i.token });
    const shown = await payloadOf(lease.source).finally(lease.release);
    const bad = compareTopology(shown.topology, await freshList(spec.cluster, spec.fallback, i.token));
    if (bad.length) wrong.push(`${i.name}: ${bad.join("; ")}`);
  }
  const result: ChildResult = {
    peak,
    watches,
    sources: registry.sharing()?.sources ?? who.length,
    views: checked.length,
    exact: checked.length - wrong.length,
    wrong,
  };
  ac.abort();
  await Promise.all(streams.map((s) => s.return?.()));
  await registry.closeAll();
  api.close();
  console.log(JSON.stringify(result));
}
