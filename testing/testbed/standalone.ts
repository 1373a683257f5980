import { type ChildProcess, spawn } from "node:child_process";
import { request as httpRequest } from "node:http";
import { createServer } from "node:net";

/** The production (standalone) server, started the way `npm start` does, for tests that attack it over HTTP. */
export interface Standalone {
  base: string;
  port: number;
  logs(): string;
  stop(): Promise<void>;
}

export const freePort = (): Promise<number> =>
  new Promise((resolve) => {
    const s = createServer().listen(0, "127.0.0.1", () => {
      const addr = s.address();
      const port = typeof addr === "object" && addr ? addr.port : 0;
      s.close(() => resolve(port));
    });
  });

/** Needs `next build` first (scripts/test.sh does it). `env` adds to (or, with undefined, removes from) ours. */
export async function startStandalone(env: Record<string, string | undefined>): Promise<Standalone> {
  const port = await freePort();
  const merged: NodeJS.ProcessEnv = { ...process.env, PORT: String(port), ...env };
  for (const [k, v] of Object.entries(env)) if (v === undefined) delete merged[k];
  const child: ChildProcess = spawn("bash", ["scripts/start.sh"], { env: merged, stdio: ["ignore", "pipe", "pipe"] });
  let logs = "";
  child.stdout?.on("data", (d: Buffer) => (logs += d.toString()));
  child.stderr?.on("data", (d: Buffer) => (logs += d.toString()));
  const base = `http://127.0.0.1:${port}`;
  for (let i = 0; ; i++) {
    try {
      if ((await fetch(`${base}/api/healthz`)).status < 500) break;
    } catch {
      // not listening yet
    }
    if (i > 150 || child.exitCode !== null) throw new Error(`standalone server did not start:\n${logs}`);
    await new Promise((r) => setTimeout(r, 200));
  }
  return {
    base,
    port,
    logs: () => logs,
    stop: async () => {
      if (child.exitCode !== null) return;
      const exited = new Promise((r) => child.once("exit", r));
      child.kill("SIGTERM");
      await exited;
    },
  };
}

export interface RawResponse {
  status: number;
  headers: Record<string, string | string[] | undefined>;
  text: string;
}

/** A request with headers fetch() will not send as given (Host), as a rebinding page's browser would send them. */
export function rawRequest(
  url: string,
  opts: { method?: string; headers?: Record<string, string>; body?: string | Buffer } = {},
): Promise<RawResponse> {
  return new Promise((resolve, reject) => {
    let answered = false;
    const req = httpRequest(url, { method: opts.method ?? "GET", headers: opts.headers, agent: false }, (res) => {
      answered = true;
      let text = "";
      const done = () => resolve({ status: res.statusCode ?? 0, headers: res.headers, text });
      res.setEncoding("utf8");
      res.on("data", (d: string) => (text += d));
      res.on("end", done);
      res.on("error", done);
    });
    // A server that refuses a large body answers and closes while it is still being sent: the answer counts.
    req.on("error", (e) => (answered ? undefined : reject(e)));
    if (opts.body !== undefined) req.write(opts.body);
    req.end();
  });
}
