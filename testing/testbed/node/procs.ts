// Spawning the node's components with logs in the stage's dir, and condition-based waits that name what did not
// come up (with the tail of its log).
import { type ChildProcess, execFile, spawn } from "node:child_process";
import { closeSync, existsSync, openSync, readFileSync } from "node:fs";

export const sleep = (ms: number): Promise<void> => new Promise((r) => setTimeout(r, ms));

export function tail(file: string, lines = 30): string {
  if (!existsSync(file)) return `(${file} missing)`;
  return readFileSync(file, "utf8").split("\n").slice(-lines).join("\n");
}

export interface Component {
  name: string;
  proc: ChildProcess;
  log: string;
}

export function spawnLogged(name: string, [bin, ...args]: [string, ...string[]], log: string): Component {
  const fd = openSync(log, "a");
  const proc = spawn(bin, args, { stdio: ["ignore", fd, fd] });
  closeSync(fd);
  return { name, proc, log };
}

export const exited = (c: Component): boolean => c.proc.exitCode !== null || c.proc.signalCode !== null;

/**
 * Polls `ready` until it returns true; fails with `what` and the component's log tail if the component exits or the
 * deadline passes. `ready` may throw: that counts as "not yet".
 */
export async function waitFor(
  what: string,
  c: Component | undefined,
  ready: () => boolean | Promise<boolean>,
  timeoutMs = 60_000,
): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    if (c && exited(c))
      throw new Error(`${what}: ${c.name} exited (${c.proc.exitCode ?? c.proc.signalCode})\n${logOf(c)}`);
    if (
      await Promise.resolve()
        .then(ready)
        .catch(() => false)
    )
      return;
    if (Date.now() > deadline) throw new Error(`${what}: not within ${timeoutMs / 1000}s${c ? `\n${logOf(c)}` : ""}`);
    await sleep(200);
  }
}

const logOf = (c: Component): string => `--- ${c.log} ---\n${tail(c.log)}`;

export function terminate(c: Component, graceMs = 10_000): Promise<void> {
  if (exited(c)) return Promise.resolve();
  return new Promise((resolve) => {
    const force = setTimeout(() => c.proc.kill("SIGKILL"), graceMs);
    c.proc.once("exit", () => {
      clearTimeout(force);
      resolve();
    });
    c.proc.kill("SIGTERM");
  });
}

/**
 * True if the command exits 0 within 10 s (output ignored). Asynchronous on purpose: the apiserver forwarder lives
 * in this process's event loop, and a blocking exec would starve the very connection being checked.
 */
export function succeeds([bin, ...args]: [string, ...string[]]): Promise<boolean> {
  return new Promise((resolve) => {
    execFile(bin, args, { timeout: 10_000 }, (err) => resolve(!err));
  });
}

export function killPids(pids: number[]): void {
  for (const pid of pids) {
    try {
      process.kill(pid, "SIGKILL");
    } catch {
      /* already gone */
    }
  }
}
