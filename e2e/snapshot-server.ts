import { type ChildProcess, spawn } from "node:child_process";
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { withFaults } from "../testing/fixtures/faults";
import { type SyntheticOptions, syntheticCluster } from "../testing/fixtures/synthetic-cluster";

export interface SnapshotServer {
  url: string;
  /** the snapshot file it serves (until stopped), for reading the same cluster another way */
  file: string;
  stop: () => Promise<void>;
}

/**
 * The production server on a generated cluster (a snapshot file, as `npm run serve -- --snapshot` reads it), on its
 * own port beside the demo's, with the usual faults in it (testing/fixtures/faults.ts). For browser tests of big
 * clusters; stopped by the caller.
 */
export function startSnapshotServer(opts: SyntheticOptions, portOffset: number): Promise<SnapshotServer> {
  return startObjectsServer(withFaults(syntheticCluster(opts)), portOffset);
}

/** The production server on these objects, written to a snapshot file: read-only, as `--snapshot` serves a file. */
export async function startObjectsServer(items: unknown[], portOffset: number): Promise<SnapshotServer> {
  const dir = mkdtempSync(path.join(os.tmpdir(), "plumbline-e2e-cluster-"));
  const file = path.join(dir, "cluster.json");
  writeFileSync(file, JSON.stringify({ apiVersion: "v1", kind: "List", items }));
  const server = await startServer({ PLUMBLINE_SOURCE: "snapshot", PLUMBLINE_SNAPSHOT: file }, portOffset, () =>
    rmSync(dir, { recursive: true, force: true }),
  );
  return { ...server, file };
}

/**
 * The production server (scripts/start.sh) with this environment on its own port beside the demo's, once it answers
 * its health check; `cleanup` runs when it is stopped (or fails to come up).
 */
export async function startServer(
  env: Record<string, string>,
  portOffset: number,
  cleanup: () => void = () => {},
): Promise<Omit<SnapshotServer, "file">> {
  const port = Number(process.env.PLUMBLINE_E2E_PORT ?? 3100) + portOffset;
  const child: ChildProcess = spawn("bash", ["scripts/start.sh"], {
    env: { ...process.env, ...env, PORT: String(port), HOSTNAME: "127.0.0.1" },
    stdio: ["ignore", "ignore", "inherit"],
    detached: true,
  });
  const url = `http://127.0.0.1:${port}`;
  const stop = async () => {
    if (child.pid && child.exitCode === null) {
      const exited = new Promise((r) => child.once("exit", r));
      process.kill(-child.pid, "SIGTERM");
      await exited;
    }
    cleanup();
  };
  for (let i = 0; i < 1500; i += 1) {
    if (child.exitCode !== null) break;
    const up = await fetch(`${url}/api/healthz`).then(
      (r) => r.ok,
      () => false,
    );
    if (up) return { url, stop };
    await new Promise((r) => setTimeout(r, 200));
  }
  await stop();
  throw new Error(`the server on ${url} did not come up`);
}
