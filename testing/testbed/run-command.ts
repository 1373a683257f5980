import { spawn } from "node:child_process";

/**
 * The end of a test-bed runner: runs `cmd` with KUBECONFIG set and tears the bed down (`stop`) when it exits (its exit
 * code is ours), or without a command stays up until SIGINT/SIGTERM, then tears down.
 */
export function runUnderBed(cmd: readonly string[], kubeconfigPath: string, stop: () => Promise<void>): void {
  let stopping = false;
  const shutdown = async (code: number): Promise<never> => {
    if (!stopping) {
      stopping = true;
      await stop();
    }
    process.exit(code);
  };
  const [bin, ...args] = cmd;
  if (bin === undefined) {
    console.error("testbed: running; Ctrl-C to stop");
    for (const sig of ["SIGINT", "SIGTERM"] as const)
      process.on(sig, () => void shutdown(sig === "SIGINT" ? 130 : 143));
    return;
  }
  const child = spawn(bin, args, { stdio: "inherit", env: { ...process.env, KUBECONFIG: kubeconfigPath } });
  // The terminal delivers Ctrl-C to the child too; we just wait for it to exit, then tear down.
  for (const sig of ["SIGINT", "SIGTERM"] as const) process.on(sig, () => child.kill(sig));
  child.on("error", (e) => {
    console.error(`testbed: cannot run ${bin}: ${e.message}`);
    void shutdown(127);
  });
  child.on(
    "exit",
    (code, signal) => void shutdown(code ?? 128 + (signal === "SIGINT" ? 2 : signal === "SIGTERM" ? 15 : 1)),
  );
}
