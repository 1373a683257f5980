import "server-only";
import { log } from "./log";
import { stopAllRuns } from "./probes/run";
import { processSlots as g } from "./process-registry";

export { getRegistry } from "./process-registry";

/** Aborted on SIGTERM/SIGINT: open subscriptions end and watches close before the process exits. */
export function shutdownSignal(): AbortSignal {
  if (!g.__plumblineShutdown) {
    const ac = new AbortController();
    g.__plumblineShutdown = ac;
    const stop = (sig: string) => {
      if (ac.signal.aborted) return;
      log.info({ signal: sig }, "shutting down: closing subscriptions and watches");
      ac.abort();
      void g.__plumblineRegistry?.closeAll();
      // Probe runs in flight remove their pods (a SIGKILL leaves them to their TTL and the next start's sweep).
      void stopAllRuns();
      // Our handler replaces Node's default exit: leave Next a moment to finish what is in flight, then go.
      setTimeout(() => process.exit(0), 3000).unref();
    };
    process.once("SIGTERM", () => stop("SIGTERM"));
    process.once("SIGINT", () => stop("SIGINT"));
  }
  return g.__plumblineShutdown.signal;
}
