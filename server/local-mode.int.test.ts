import { spawn } from "node:child_process";
import { networkInterfaces } from "node:os";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { kubeRequest, startTestCluster, type TestCluster } from "@/testing/testbed/cluster";
import { rawRequest, type Standalone, startStandalone } from "@/testing/testbed/standalone";

// Attacks on `npm start` in kubeconfig mode (a laptop holding an admin kubeconfig), on the real test bed.
let cluster: TestCluster;
let server: Standalone;

beforeAll(async () => {
  cluster = await startTestCluster();
  // As a user would start it: no listen address given.
  server = await startStandalone({
    HOSTNAME: undefined,
    PLUMBLINE_LISTEN: undefined,
    PLUMBLINE_SOURCE: "kubeconfig",
    KUBECONFIG: cluster.kubeconfigPath,
  });
});

afterAll(async () => {
  await server?.stop();
  await cluster?.stop();
});

const input = (v: unknown) => `input=${encodeURIComponent(JSON.stringify(v))}`;
const saveBody = (name: string) =>
  JSON.stringify({
    mode: "create",
    form: {
      name,
      namespace: "multus-test",
      target: "nad",
      main: { type: "bridge", bridge: `br-${name}` },
      ipam: { type: "none" },
    },
  });
const nadExists = async (name: string) =>
  (
    await kubeRequest(
      cluster,
      "GET",
      `/apis/k8s.cni.cncf.io/v1/namespaces/multus-test/network-attachment-definitions/${name}`,
    )
  ).status === 200;

/** What a page this server served holds: its session cookie, as the browser sends it back. */
async function pageSession(base: string, headers: Record<string, string> = {}): Promise<string> {
  const page = await rawRequest(`${base}/`, { headers });
  const set = [page.headers["set-cookie"] ?? []].flat().find((c) => c.startsWith("plumbline-session-"));
  if (!set) throw new Error(`the page set no session cookie (${page.status})`);
  return set.split(";")[0] ?? "";
}

function nonLoopbackAddress(): string {
  for (const list of Object.values(networkInterfaces()))
    for (const a of list ?? []) if (a.family === "IPv4" && !a.internal) return a.address;
  throw new Error("this machine has no non-loopback IPv4 address to try the attack from");
}

describe("kubeconfig mode is local", () => {
  it("is not reachable on the machine's other addresses unless told to listen there", async () => {
    const other = `http://${nonLoopbackAddress()}:${server.port}/api/trpc/cluster.info`;
    await expect(rawRequest(other)).rejects.toThrow(/ECONNREFUSED/);
    expect((await rawRequest(`${server.base}/api/healthz`)).status).toBe(200);
  });

  it("refuses a DNS-rebound page: Host and Origin rebind.attacker.example create nothing and read nothing", async () => {
    const host = `rebind.attacker.example:${server.port}`;
    const post = await rawRequest(`${server.base}/api/trpc/networks.save`, {
      method: "POST",
      headers: {
        host,
        origin: `http://${host}`,
        "sec-fetch-site": "same-origin",
        "content-type": "application/json",
      },
      body: saveBody("rebound"),
    });
    expect(post.status).toBe(421);
    expect(await nadExists("rebound")).toBe(false);
    const info = await rawRequest(`${server.base}/api/trpc/cluster.info`, { headers: { host } });
    expect(info.status).toBe(421);
    expect(info.text).not.toContain("restricted");
    const page = await rawRequest(`${server.base}/`, { headers: { host } });
    expect(page.status).toBe(421);
    // The names it was started for still work.
    for (const ok of [`localhost:${server.port}`, `127.0.0.1:${server.port}`])
      expect((await rawRequest(`${server.base}/api/trpc/cluster.info`, { headers: { host: ok } })).status).toBe(200);
  });

  it("switches only to contexts the operator allowed, never one a caller names", async () => {
    const info = await rawRequest(`${server.base}/api/trpc/cluster.info`);
    expect(JSON.parse(info.text).result.data.contexts).toEqual(["admin"]);
    const other = await rawRequest(`${server.base}/api/trpc/topology.get?${input({ context: "restricted" })}`);
    expect(other.status).toBe(403);
    expect(other.text).toContain("context restricted is not one this server was started with");
    // the streamed JSON export, the same
    const exported = await rawRequest(`${server.base}/api/export/topology?context=restricted`);
    expect(exported.status).toBe(403);
    expect(exported.text).toContain("context restricted is not one this server was started with");
  });
});

describe("limits", () => {
  it("refuses a body over 1 MB before parsing it, declared or streamed", async () => {
    for (const size of [1.5, 50]) {
      const big = JSON.stringify({ mode: "create", form: { name: "x".repeat(size * 1024 * 1024) } });
      // Streamed (chunked, no length): the server must count.
      const streamed = await rawRequest(`${server.base}/api/trpc/networks.save`, {
        method: "POST",
        headers: { "content-type": "application/json", cookie: await pageSession(server.base) },
        body: big,
      });
      expect(streamed.status, `${size} MB streamed`).toBe(413);
      const declared = await rawRequest(`${server.base}/api/trpc/networks.save`, {
        method: "POST",
        headers: {
          "content-type": "application/json",
          "content-length": String(Buffer.byteLength(big)),
          cookie: await pageSession(server.base),
        },
        body: big,
      });
      expect(declared.status, `${size} MB declared`).toBe(413);
    }
  });

  it("refuses a batch of 100 permission checks instead of making 500 access reviews", async () => {
    const paths = Array.from({ length: 100 }, () => "networks.permissions").join(",");
    const inputs = Object.fromEntries(Array.from({ length: 100 }, (_, i) => [i, { namespace: "multus-test" }]));
    const res = await rawRequest(`${server.base}/api/trpc/${paths}?batch=1&${input(inputs)}`);
    expect(res.status).toBe(400);
  });

  it("refuses a raw CNI config of a megabyte-sized string at its field", async () => {
    const config = JSON.stringify({ cniVersion: "0.3.1", type: "bridge", pad: "y".repeat(300_000) });
    const res = await rawRequest(`${server.base}/api/trpc/networks.save`, {
      method: "POST",
      headers: { "content-type": "application/json", cookie: await pageSession(server.base) },
      body: JSON.stringify({
        mode: "create",
        dryRun: true,
        form: {
          name: "huge",
          namespace: "multus-test",
          target: "nad",
          main: { type: "raw", config },
          ipam: { type: "none" },
        },
      }),
    });
    expect(res.status).toBe(400);
    expect(res.text).toContain("at most");
  });
});

describe("headers", () => {
  it("marks every API response no-store, so cluster data never sits in a cache", async () => {
    for (const path of [
      `/api/trpc/topology.get?${input({})}`,
      "/api/export/topology",
      "/api/healthz",
      "/api/trpc/cluster.info",
    ]) {
      const res = await rawRequest(`${server.base}${path}`);
      expect(res.headers["cache-control"], path).toBe("no-store");
    }
  });

  it("sends a nonce-based script policy with no unsafe-inline", async () => {
    const res = await rawRequest(`${server.base}/`);
    const csp = String(res.headers["content-security-policy"]);
    const script = csp.split(";").find((d) => d.trim().startsWith("script-src")) ?? "";
    expect(script).toMatch(/'nonce-[A-Za-z0-9+/=]{16,}'/);
    expect(script).not.toContain("unsafe-inline");
    const nonce = /'nonce-([^']+)'/.exec(script)?.[1];
    // Next's own inline scripts carry it, so the page still hydrates.
    expect(res.text).toContain(`nonce="${nonce}"`);
  });
});

describe("local writes need the page's own proof (issue 25)", () => {
  const save = (name: string, headers: Record<string, string>) =>
    rawRequest(`${server.base}/api/trpc/networks.save`, {
      method: "POST",
      headers: { "content-type": "application/json", ...headers },
      body: saveBody(name),
    });

  it("refuses a header-less POST to 127.0.0.1: a local process no longer writes with the operator's kubeconfig", async () => {
    const res = await save("headerless", {});
    expect(res.status).toBe(403);
    expect(res.text).toContain("writes need the session of a Plumbline page this server served");
    expect(await nadExists("headerless")).toBe(false);
    // Nor with a made-up session, nor with a same-origin claim alone.
    expect(
      (await save("forged", { cookie: `plumbline-session-${server.port}=guess`, "sec-fetch-site": "same-origin" }))
        .status,
    ).toBe(403);
    expect(await nadExists("forged")).toBe(false);
  });

  it("lets the page's own write through with the cookie the page was served with", async () => {
    const cookie = await pageSession(server.base);
    const res = await save("page-w", { cookie, origin: server.base, "sec-fetch-site": "same-origin" });
    expect(res.status).toBe(200);
    expect(await nadExists("page-w")).toBe(true);
  });

  it("ignores X-Forwarded-Host without a trusted proxy: a forged one does not make a cross-site Origin same-site", async () => {
    const cookie = await pageSession(server.base);
    const res = await save("forwarded", {
      cookie,
      origin: "http://evil.example",
      "x-forwarded-host": "evil.example",
    });
    expect(res.status).toBe(403);
    expect(res.text).toContain("Origin evil.example is not");
    expect(await nadExists("forwarded")).toBe(false);
  });

  it("names the session cookie after the port, HttpOnly, SameSite=Strict, holding no launch key, not Secure over HTTP", async () => {
    const page = await rawRequest(`${server.base}/`);
    const set = String([page.headers["set-cookie"]].flat().find((c) => c?.startsWith("plumbline-session-")));
    expect(set).toMatch(new RegExp(`^plumbline-session-${server.port}=[A-Za-z0-9_-]{43};`));
    expect(set).toMatch(/HttpOnly/i);
    expect(set).toMatch(/SameSite=Strict/i);
    expect(set).not.toMatch(/Secure/i);
    expect(page.headers["strict-transport-security"]).toBeUndefined();
  });

  it("says only ready or not ready on /api/readyz, no source state", async () => {
    const res = await rawRequest(`${server.base}/api/readyz`);
    expect(res.status).toBe(200);
    expect(JSON.parse(res.text)).toEqual({ status: "ready" });
  });
});

describe("behind a trusted TLS proxy", () => {
  let proxied: Standalone;
  beforeAll(async () => {
    proxied = await startStandalone({
      PLUMBLINE_SOURCE: "kubeconfig",
      KUBECONFIG: cluster.kubeconfigPath,
      PLUMBLINE_TRUSTED_PROXY: "true",
    });
  });
  afterAll(async () => proxied?.stop());

  it("sends HSTS and a Secure session cookie when the proxy says the request came over TLS, and neither otherwise", async () => {
    const tls = await rawRequest(`${proxied.base}/`, { headers: { "x-forwarded-proto": "https" } });
    expect(String(tls.headers["strict-transport-security"])).toMatch(/max-age=31536000/);
    expect(String([tls.headers["set-cookie"]].flat()[0])).toMatch(/;\s*Secure/i);
    const health = await rawRequest(`${proxied.base}/api/healthz`, { headers: { "x-forwarded-proto": "https" } });
    expect(health.headers["strict-transport-security"]).toBeDefined();
    const plain = await rawRequest(`${proxied.base}/`);
    expect(plain.headers["strict-transport-security"]).toBeUndefined();
  });

  it("takes the proxy's X-Forwarded-Host as this site's name", async () => {
    const cookie = await pageSession(proxied.base);
    const res = await rawRequest(`${proxied.base}/api/trpc/networks.save`, {
      method: "POST",
      headers: {
        "content-type": "application/json",
        cookie,
        origin: "https://localhost:8443",
        "x-forwarded-host": "localhost:8443",
      },
      body: saveBody("via-proxy"),
    });
    expect(res.status).toBe(200);
  });
});

describe("--listen 0.0.0.0 without --allow-host (issue 25)", () => {
  /** Runs a start script to its end (it must end: there is nothing it could serve). */
  const run = (args: string[], env: Record<string, string>) =>
    new Promise<{ code: number | null; stderr: string }>((resolve) => {
      const child = spawn("bash", args, { env: { ...process.env, ...env }, stdio: ["ignore", "ignore", "pipe"] });
      let stderr = "";
      child.stderr?.on("data", (d: Buffer) => (stderr += d.toString()));
      child.on("close", (code) => resolve({ code, stderr }));
    });

  it("ends with a message naming --allow-host, not 'unbound variable' (start.sh and serve.sh)", async () => {
    const env = {
      PLUMBLINE_SOURCE: "kubeconfig",
      KUBECONFIG: cluster.kubeconfigPath,
      PLUMBLINE_LISTEN: "0.0.0.0",
      PORT: "1",
    };
    const start = await run(["scripts/start.sh"], env);
    expect(start.code).toBe(2);
    expect(start.stderr).toContain("PLUMBLINE_LISTEN=0.0.0.0 needs PLUMBLINE_ALLOWED_HOSTS=<name>");
    expect(start.stderr).not.toContain("unbound variable");
    const serve = await run(["scripts/serve.sh", "--listen", "0.0.0.0", "--kubeconfig", cluster.kubeconfigPath], {});
    expect(serve.code).toBe(2);
    expect(serve.stderr).toContain("--listen 0.0.0.0 needs --allow-host <name>");
  });
});

describe("a kubeconfig server reachable beyond loopback needs the launch secret", () => {
  let guarded: Standalone;
  const secret = "b4c1f0e9a7d3c2b1a0f9e8d7c6b5a4f3";
  beforeAll(async () => {
    guarded = await startStandalone({
      PLUMBLINE_SOURCE: "kubeconfig",
      KUBECONFIG: cluster.kubeconfigPath,
      PLUMBLINE_LAUNCH_SECRET: secret,
    });
  });
  afterAll(async () => guarded?.stop());

  it("answers 401 without it, and trades the printed URL's key for a cookie", async () => {
    expect((await rawRequest(`${guarded.base}/api/trpc/cluster.info`)).status).toBe(401);
    expect((await rawRequest(`${guarded.base}/?key=wrong`)).status).toBe(401);
    const opened = await rawRequest(`${guarded.base}/?key=${secret}`);
    expect(opened.status).toBe(303);
    expect(new URL(String(opened.headers.location), guarded.base).pathname).toBe("/");
    expect(String(opened.headers.location)).not.toContain(secret);
    const cookie = String(opened.headers["set-cookie"]).split(";")[0] ?? "";
    // a session id derived from the key, never the key itself (issue 25)
    expect(cookie).toMatch(new RegExp(`^plumbline-session-${guarded.port}=`));
    expect(String(opened.headers["set-cookie"])).not.toContain(secret);
    expect(String(opened.headers["set-cookie"])).toMatch(/HttpOnly/i);
    expect(String(opened.headers["set-cookie"])).toMatch(/SameSite=Strict/i);
    const info = await rawRequest(`${guarded.base}/api/trpc/cluster.info`, { headers: { cookie } });
    expect(info.status).toBe(200);
  });
});
