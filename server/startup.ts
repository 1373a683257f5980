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
 * A server that reads the cluster from its start sends its first LISTs before the Kubernetes client has loaded
 * (sources/live/early-lists.ts): the API server serialises them while this process loads its code. Same conditions
 * as readClusterAtStart, whose source takes them, and as the preload's (sources/live/early-preload-lists.mjs), whose
 * lists these take; returns how many went out or were taken.
 */
export async function listEarly(env: Record<string, string | undefined> = process.env): Promise<number> {
  const config = readConfig(env);
  if (!config.PLUMBLINE_READ_AT_START || !config.PLUMBLINE_EARLY_LISTS) return 0;
  if (config.PLUMBLINE_SOURCE !== "kubeconfig" || config.PLUMBLINE_IDENTITY === "forwarded-token") return 0;
  const { earlyTarget, startEarlyLists } = await import("./sources/live/early-lists");
  try {
    const target = earlyTarget(config.KUBECONFIG, config.PLUMBLINE_CONTEXT, env);
    return target ? startEarlyLists(target) : 0;
  } catch (e) {
    // the source lists as before, and meets (and shows) whatever went wrong here
    console.error(`early lists: ${e instanceof Error ? e.message : String(e)}`);
    return 0;
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
 * A server with an identity of its own (its kubeconfig's, or its service account's) starts reading the cluster while
 * Next finishes starting: the first tab finds the lists under way or read, instead of starting them after the server's
 * boot. The source is leased and given back at once, so the registry's idle rule closes it when nobody comes. Not
 * with forwarded tokens: there is nobody to read as until a request brings a token. PLUMBLINE_READ_AT_START=false
 * waits for the first view, as before. Returns whether it read.
 */
export async function readClusterAtStart(env: Record<string, string | undefined> = process.env): Promise<boolean> {
  const config = readConfig(env);
  if (!config.PLUMBLINE_READ_AT_START) return false;
  if (config.PLUMBLINE_SOURCE !== "kubeconfig" || config.PLUMBLINE_IDENTITY === "forwarded-token") return false;
  const { getRegistry } = await import("./process-registry");
  try {
    (await getRegistry().acquire({})).release();
  } catch (e) {
    // the first request meets the same error and shows it; here it is only logged
    console.error(`reading the cluster at start: ${e instanceof Error ? e.message : String(e)}`);
  }
  return true;
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
