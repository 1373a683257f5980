import { readFileSync } from "node:fs";
import { snapshotFromObjects } from "@/lib/k8s/snapshot";
import { isObject } from "@/lib/result";
import { buildTopology } from "@/lib/topology/build";
import { appRouter } from "@/server/api/root";
import { createInnerContext } from "@/server/api/trpc";
import { resourcePath, WATCHED } from "@/server/sources/live/resources";
import { SourceRegistry } from "@/server/sources/registry";
import { kubeRequest } from "../../../testing/testbed/cluster";
import { apiClient, openWatches } from "../big/seed";
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

/**
 * What an identity may see, listed afresh with its own token: each kind cluster-wide, else in each fallback
 * namespace, as the live source reads it; built as a file is. Its element ids.
 */
async function freshIds(spec: Spec, token: string): Promise<string[]> {
  const lists: unknown[] = [];
  const get = async (p: string, r: (typeof WATCHED)[number]) => {
    const q = [
      r.fieldSelector && `fieldSelector=${encodeURIComponent(r.fieldSelector)}`,
      r.labelSelector && `labelSelector=${encodeURIComponent(r.labelSelector)}`,
    ]
      .filter(Boolean)
      .join("&");
    const res = await kubeRequest(spec.cluster, "GET", q ? `${p}?${q}` : p, { token });
    if (res.status === 200)
      lists.push({ ...(isObject(res.body) ? res.body : {}), apiVersion: r.apiVersion, kind: `${r.kind}List` });
    return res.status;
  };
  for (const r of WATCHED) {
    const status = await get(resourcePath(r), r);
    if (status === 403 && r.namespaced) for (const ns of spec.fallback) await get(resourcePath(r, ns), r);
  }
  return buildTopology(snapshotFromObjects(lists, "fresh list"))
    .elements.map((e) => e.id)
    .sort();
}

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
    const shown = (await caller(i.token).topology.get({})).topology.elements.map((e) => e.id).sort();
    const fresh = await freshIds(spec, i.token);
    const extra = shown.filter((x) => !fresh.includes(x));
    const missing = fresh.filter((x) => !shown.includes(x));
    if (extra.length || missing.length)
      wrong.push(
        `${i.name}: ${extra.length} shown not listed (${extra.slice(0, 3).join(", ")}), ${missing.length} listed not shown (${missing.slice(0, 3).join(", ")})`,
      );
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
