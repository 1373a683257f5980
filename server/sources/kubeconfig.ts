import { KubeConfig } from "@kubernetes/client-node";

/**
 * Loads credentials the way kubectl does: an explicit file, else $KUBECONFIG, else ~/.kube/config, else the
 * in-cluster service account. A context that does not exist is an error naming the ones that do.
 */
export function loadKubeConfig(opts: { kubeconfig?: string; context?: string } = {}): KubeConfig {
  const kc = new KubeConfig();
  if (opts.kubeconfig) kc.loadFromFile(opts.kubeconfig);
  else kc.loadFromDefault();
  if (opts.context) {
    if (!kc.getContextObject(opts.context)) {
      const known = kc.getContexts().map((c) => c.name);
      throw new Error(
        `kubeconfig has no context "${opts.context}"${known.length ? ` (it has: ${known.join(", ")})` : ""}`,
      );
    }
    kc.setCurrentContext(opts.context);
  }
  if (!kc.getCurrentCluster()) throw new Error("no cluster in the kubeconfig's current context");
  return kc;
}

export function describeContext(kc: KubeConfig): string {
  const ctx = kc.getCurrentContext();
  const server = kc.getCurrentCluster()?.server ?? "?";
  return ctx && ctx !== "inClusterContext" ? `context ${ctx} on ${server}` : `in-cluster on ${server}`;
}
