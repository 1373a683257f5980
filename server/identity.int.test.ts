import { type ChildProcess, spawn } from "node:child_process";
import { createServer } from "node:net";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { applyObjects, grantNamespaceReader, startTestCluster, type TestCluster } from "@/testing/testbed/cluster";

// The production (standalone) server in forwarded-token mode, as it runs behind the OpenShift Route:
// every call is made with the caller's own token. Needs `next build` first (scripts/test.sh does it).
let cluster: TestCluster;
let server: ChildProcess;
let base: string;
let logs = "";

const freePort = () =>
  new Promise<number>((resolve) => {
    const s = createServer().listen(0, "127.0.0.1", () => {
      const port = (s.address() as { port: number }).port;
      s.close(() => resolve(port));
    });
  });

beforeAll(async () => {
  cluster = await startTestCluster();
  await applyObjects(cluster, [
    { apiVersion: "v1", kind: "Namespace", metadata: { name: "other-team" } },
    {
      apiVersion: "k8s.cni.cncf.io/v1",
      kind: "NetworkAttachmentDefinition",
      metadata: { name: "secret-net", namespace: "other-team" },
      spec: { config: '{"cniVersion":"0.3.1","type":"macvlan","master":"ens9","ipam":{"type":"dhcp"}}' },
    },
  ]);
  await grantNamespaceReader(cluster, "restricted", "multus-test");
  const port = await freePort();
  base = `http://127.0.0.1:${port}`;
  server = spawn("bash", ["scripts/start.sh"], {
    env: {
      ...process.env,
      PORT: String(port),
      HOSTNAME: "127.0.0.1",
      PLUMBLINE_SOURCE: "kubeconfig",
      PLUMBLINE_IDENTITY: "forwarded-token",
      KUBECONFIG: cluster.kubeconfigPath,
      PLUMBLINE_NAMESPACES: "multus-test",
    },
    stdio: ["ignore", "pipe", "pipe"],
  });
  server.stdout?.on("data", (d: Buffer) => (logs += d.toString()));
  server.stderr?.on("data", (d: Buffer) => (logs += d.toString()));
  for (let i = 0; ; i++) {
    try {
      if ((await fetch(`${base}/api/healthz`)).ok) break;
    } catch {
      // not listening yet
    }
    if (i > 100) throw new Error(`standalone server did not start:\n${logs}`);
    await new Promise((r) => setTimeout(r, 200));
  }
});

afterAll(async () => {
  server?.kill("SIGTERM");
  await new Promise((r) => server?.once("exit", r));
  await cluster?.stop();
});

const get = (path: string, headers: Record<string, string> = {}) => fetch(`${base}${path}`, { headers });
const topologyOf = async (token: string) => {
  const res = await get(`/api/trpc/topology.get?input=${encodeURIComponent("{}")}`, {
    "x-forwarded-access-token": token,
  });
  expect(res.status).toBe(200);
  return (
    (await res.json()) as {
      result: { data: { topology: { elements: { id: string }[]; findings: { message: string }[] } } };
    }
  ).result.data.topology;
};
const save = (token: string, headers: Record<string, string> = {}) =>
  fetch(`${base}/api/trpc/networks.save`, {
    method: "POST",
    headers: { "content-type": "application/json", authorization: `Bearer ${token}`, ...headers },
    body: JSON.stringify({
      mode: "create",
      form: {
        name: "mine",
        namespace: "multus-test",
        target: "nad",
        main: { type: "bridge", bridge: "br-mine" },
        ipam: { type: "none" },
      },
    }),
  });

describe("the standalone server in forwarded-token mode", () => {
  it("shows the admin everything and the restricted user only what it may list", async () => {
    const admin = await topologyOf(cluster.adminToken);
    expect(admin.elements.map((e) => e.id)).toContain("network/other-team/secret-net");
    expect(admin.elements.map((e) => e.id)).toContain("host/worker1.ocp46rt.priv.local");

    const restricted = await topologyOf(cluster.restrictedToken);
    const ids = restricted.elements.map((e) => e.id);
    expect(ids).toContain("pod/multus-test/pod-a-5bb7694d4-j8g6b");
    expect(ids.filter((id) => id.includes("other-team"))).toEqual([]);
    expect(restricted.findings.map((f) => f.message)).toContainEqual(expect.stringMatching(/^list nodes: .*forbidden/));
  });

  it("refuses the restricted user's create with the API's answer, naming verb, resource and namespace", async () => {
    const res = await save(cluster.restrictedToken);
    expect(res.status).toBe(200);
    expect(((await res.json()) as { result: { data: unknown } }).result.data).toEqual({
      ok: false,
      status: 403,
      message: "forbidden: create network-attachment-definitions in multus-test",
    });
  });

  it("answers 401 without a token, and shows the sign-in page", async () => {
    expect((await get(`/api/trpc/topology.get?input=${encodeURIComponent("{}")}`)).status).toBe(401);
    const page = await get("/");
    expect(await page.text()).toContain("Sign in to see your cluster");
  });

  it("rejects a cross-site POST before it reaches the cluster", async () => {
    const res = await save(cluster.adminToken, { "sec-fetch-site": "cross-site", origin: "https://evil.example" });
    expect(res.status).toBe(403);
    expect((await topologyOf(cluster.adminToken)).elements.some((e) => e.id === "network/multus-test/mine")).toBe(
      false,
    );
  });

  it("sends security headers and never writes a token to its logs", async () => {
    const res = await get("/api/healthz");
    expect(res.headers.get("content-security-policy")).toContain("frame-ancestors 'none'");
    expect(res.headers.get("content-security-policy")).not.toContain("unsafe-eval");
    expect(res.headers.get("x-content-type-options")).toBe("nosniff");
    expect(logs).toContain('"msg":"request"');
    expect(logs).not.toContain(cluster.adminToken);
    expect(logs).not.toContain(cluster.restrictedToken);
  });
});
