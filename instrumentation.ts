/**
 * Next calls this once when the server starts: a bad setting stops it there, with the reason, not at the first
 * request; the Kubernetes client is loaded then, not by the first view; and a server with an identity of its own
 * starts reading the cluster then (server/startup.ts readClusterAtStart), its first LISTs sent even before the
 * client has loaded (listEarly), or taken from the preload that sent the biggest before Next had loaded
 * (server/sources/live/early-preload.mjs). Every stream's text is encoded by a TextEncoderStream that encodes a
 * chunk at once (server/text-encoder-stream.ts: Node 20's goes one code unit at a time).
 */
export async function register(): Promise<void> {
  if (process.env.NEXT_RUNTIME !== "nodejs") return;
  const { installUtf8EncoderStream } = await import("./server/text-encoder-stream");
  installUtf8EncoderStream();
  const { checkConfigOrExit, listEarly, preloadKubernetesClient, readClusterAtStart, sweepProbeRunsAtStart } =
    await import("./server/startup");
  checkConfigOrExit();
  await listEarly();
  await preloadKubernetesClient();
  void readClusterAtStart();
  void sweepProbeRunsAtStart();
}
