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
