import { KubeConfig } from "@kubernetes/client-node";
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
