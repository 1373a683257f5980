import { readConfig } from "./config";

/** Node-only start-up check (kept out of instrumentation.ts, which Next also compiles for the edge). */
export function checkConfigOrExit(): void {
  try {
    readConfig();
  } catch (e) {
    console.error(e instanceof Error ? e.message : String(e));
    process.exit(1);
  }
}

/**
 * Loads the Kubernetes client while the server starts: it is hundreds of ES modules (~1 s on this machine), which
 * the first view would otherwise wait for before its first LIST went out.
 */
export async function preloadKubernetesClient(): Promise<void> {
  await import("@kubernetes/client-node");
}

/**
 * Probe runs a killed server left behind, past their TTL, removed with the kubeconfig's identity when the server
 * serves one (in forwarded-token mode each caller's next run sweeps its namespace instead).
 */
export async function sweepProbeRunsAtStart(): Promise<void> {
  const config = readConfig();
  if (config.PLUMBLINE_SOURCE !== "kubeconfig" || config.PLUMBLINE_IDENTITY !== "kubeconfig") return;
  const { loadKubeConfig } = await import("./sources/kubeconfig");
  const { ProbeKube } = await import("./probes/kube");
  const { sweepStaleRuns } = await import("./probes/sweep");
  const kube = new ProbeKube(loadKubeConfig({ kubeconfig: config.KUBECONFIG, context: config.PLUMBLINE_CONTEXT }));
  const namespaces =
    config.PLUMBLINE_NAMESPACES?.split(",")
      .map((s) => s.trim())
      .filter(Boolean) ?? [];
  // Node-link probes run in their own namespace, which the listed ones may not include.
  const swept = namespaces.length ? [...new Set([...namespaces, config.PLUMBLINE_NODE_PROBE_NAMESPACE])] : "everywhere";
  await sweepStaleRuns(kube, Date.now(), swept).catch((e: unknown) =>
    console.error(`probe sweep at start: ${e instanceof Error ? e.message : String(e)}`),
  );
}
