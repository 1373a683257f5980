/**
 * Next calls this once when the server starts: a bad setting stops it there, with the reason, not at the first
 * request; and the Kubernetes client is loaded then, not by the first view.
 */
export async function register(): Promise<void> {
  if (process.env.NEXT_RUNTIME !== "nodejs") return;
  const { checkConfigOrExit, preloadKubernetesClient, sweepProbeRunsAtStart } = await import("./server/startup");
  checkConfigOrExit();
  await preloadKubernetesClient();
  void sweepProbeRunsAtStart();
}
