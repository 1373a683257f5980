import { KubeConfig } from "@kubernetes/client-node";
import type { Topology } from "@/lib/contract/schema";
import type { ClusterSource } from "../server/sources/types";

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
