import { KubeConfig } from "@kubernetes/client-node";
import type { Topology } from "@/lib/contract/schema";
import { snapshotFromObjects } from "@/lib/k8s/snapshot";
import { isObject } from "@/lib/result";
import { buildTopology } from "@/lib/topology/build";
import { resourcePath, WATCHED } from "../server/sources/live/resources";
import type { ClusterSource } from "../server/sources/types";
import { kubeRequest, type TestCluster } from "./testbed/cluster";

/** A kubeconfig for one of the test bed's contexts ("admin" or "restricted"). */
export function testKubeConfig(path: string, context: "admin" | "restricted" = "admin"): KubeConfig {
  const kc = new KubeConfig();
  kc.loadFromFile(path);
  kc.setCurrentContext(context);
  return kc;
}

/** Resolves when the source's next change satisfies `check`; rejects after `ms`. */
export function waitFor(source: ClusterSource, check: () => boolean, ms = 20_000, what = "condition"): Promise<void> {
  if (check()) return Promise.resolve();
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => {
      off();
      reject(new Error(`timed out after ${ms} ms waiting for ${what}`));
    }, ms);
    const off = source.subscribe(() => {
      if (!check()) return;
      clearTimeout(timer);
      off();
      resolve();
    });
  });
}

/** What one picture has that the other (`other`: what it is compared with) lacks, in a line. */
export function difference(a: Topology, b: Topology, other = "the cluster"): string {
  const keys = (t: Topology) =>
    new Set([
      ...t.elements.map((e) => `element ${e.id} ${JSON.stringify(e).length}`),
      ...t.links.map((l) => `link ${l.id}`),
      ...t.findings.map((f) => `finding ${f.message}`),
    ]);
  const [x, y] = [keys(a), keys(b)];
  const only = (p: Set<string>, q: Set<string>) => [...p].filter((k) => !q.has(k)).join("; ");
  return `live has [${only(x, y)}], ${other} [${only(y, x)}]`;
}

/** The reference picture: every kind the live source watches listed afresh by the admin, built as a file is. */
export async function freshList(cluster: TestCluster): Promise<Topology> {
  const lists: unknown[] = [];
  for (const r of WATCHED) {
    const selector = r.fieldSelector ? `?fieldSelector=${encodeURIComponent(r.fieldSelector)}` : "";
    const res = await kubeRequest(cluster, "GET", `${resourcePath(r)}${selector}`);
    if (res.status !== 200) throw new Error(`list ${r.resource}: HTTP ${res.status}`);
    lists.push({ ...(isObject(res.body) ? res.body : {}), apiVersion: r.apiVersion, kind: `${r.kind}List` });
  }
  return buildTopology(snapshotFromObjects(lists, "fresh list"));
}
