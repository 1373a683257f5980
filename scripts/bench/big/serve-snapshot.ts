import { spawn } from "node:child_process";
import { freePort } from "./measure";

/**
 * A production build (`cwd`'s own scripts/start.sh, after its `npx next build`) serving a snapshot file on a free
 * loopback port, once its health check answers; `pid` is the server's (start.sh execs node), `stop` ends its group.
 */
export async function serveSnapshot(cwd: string, file: string): Promise<{ base: string; pid: number; stop(): void }> {
  const port = await freePort();
  const base = `http://127.0.0.1:${port}`;
  const server = spawn("bash", ["scripts/start.sh"], {
    cwd,
    env: { ...process.env, PLUMBLINE_SOURCE: "snapshot", PLUMBLINE_SNAPSHOT: file, PORT: String(port) },
    stdio: "ignore",
    detached: true,
  });
  for (let i = 0; i < 600; i++) {
    const ok = await fetch(`${base}/api/healthz`).then(
      (r) => r.ok,
      () => false,
    );
    if (ok) break;
    await new Promise((r) => setTimeout(r, 200));
  }
  const pid = server.pid ?? 0;
  return { base, pid, stop: () => void (pid && process.kill(-pid, "SIGTERM")) };
}
