import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Topology } from "@/lib/contract/schema";
import { nad } from "@/testing/fixtures/objects";
import { applyObjects, grantNamespaceReader, startTestCluster, type TestCluster } from "@/testing/testbed/cluster";
import { appRouter } from "./api/root";
import { createInnerContext } from "./api/trpc";
import { SourceRegistry } from "./sources/registry";
import { exportResponse } from "./topology-export";

// The streamed export reads as its caller, as the tRPC query does: on the real test bed, each identity's file is
// exactly what that identity's own query gives (never another's), and a network in a namespace it may not read is
// not in its file.
let cluster: TestCluster;
let tokens: SourceRegistry;
let contexts: SourceRegistry;
const NS = "multus-test";
const HIDDEN = "plumbline-export-hidden";

beforeAll(async () => {
  cluster = await startTestCluster();
  await grantNamespaceReader(cluster, "restricted", NS);
  await applyObjects(cluster, [
    { apiVersion: "v1", kind: "Namespace", metadata: { name: HIDDEN } },
    nad("secret-net", { cniVersion: "0.3.1", type: "bridge", bridge: "br-secret" }, { namespace: HIDDEN }),
  ]);
  tokens = new SourceRegistry({
    PLUMBLINE_SOURCE: "kubeconfig",
    PLUMBLINE_IDENTITY: "forwarded-token",
    KUBECONFIG: cluster.kubeconfigPath,
    PLUMBLINE_NAMESPACES: NS,
  });
  contexts = new SourceRegistry({
    PLUMBLINE_SOURCE: "kubeconfig",
    KUBECONFIG: cluster.kubeconfigPath,
    PLUMBLINE_CONTEXT: "admin",
  });
}, 300_000);

afterAll(async () => {
  await tokens?.closeAll();
  await contexts?.closeAll();
  await cluster?.stop();
});

const exported = (registry: SourceRegistry, headers: Record<string, string> = {}, query = "") =>
  exportResponse(new Request(`http://127.0.0.1:3000/api/export/topology${query}`, { headers }), registry, {
    trustedProxy: false,
  });
const bearer = (token: string) => ({ "x-forwarded-access-token": token });

/** The file the JSON button saved from the tRPC query for this token. */
async function savedBefore(token: string): Promise<string> {
  const payload = await appRouter.createCaller(createInnerContext({ sources: tokens, token })).topology.get({});
  return `${JSON.stringify(JSON.parse(JSON.stringify(payload.topology)), null, 2)}\n`;
}

describe("the streamed export as each caller", () => {
  it("gives each token exactly its own picture: the restricted user's file lacks what only the admin may read", async () => {
    // both sources settled: the admin's sees the hidden network, the restricted user's is live on its namespace
    const until = async (token: string, done: (t: Topology) => boolean) => {
      for (let i = 0; i < 60; i++) {
        const res = await exported(tokens, bearer(token));
        expect(res.status).toBe(200);
        const text = await res.text();
        if (done(JSON.parse(text))) return text;
        await new Promise((r) => setTimeout(r, 500));
      }
      throw new Error("the export never showed the seeded cluster");
    };
    const admin = await until(cluster.adminToken, (t) =>
      t.elements.some((e) => e.id === `network/${HIDDEN}/secret-net`),
    );
    const restricted = await until(cluster.restrictedToken, (t) => t.elements.some((e) => e.kind === "pod"));
    expect(admin).toBe(await savedBefore(cluster.adminToken));
    expect(restricted).toBe(await savedBefore(cluster.restrictedToken));
    const mine = JSON.parse(restricted) as Topology;
    expect(mine.elements.some((e) => e.id.includes(HIDDEN))).toBe(false);
    expect(mine.elements.filter((e) => e.kind === "pod").every((e) => e.id.startsWith(`pod/${NS}/`))).toBe(true);
    expect(restricted).not.toBe(admin);
  });

  it("refuses a request without a token and a token the API server refuses, with nothing written", async () => {
    const none = await exported(tokens);
    expect(none.status).toBe(401);
    const garbage = await exported(tokens, bearer(`garbage-${"x".repeat(24)}`));
    expect(garbage.status).toBe(401);
    expect(garbage.headers.get("content-disposition")).toBeNull();
  });

  it("refuses a context the server was not started with, as the query does", async () => {
    const res = await exported(contexts, {}, "?context=restricted");
    expect(res.status).toBe(403);
    expect((await res.json()).error).toMatch(/^context restricted is not one this server was started with/);
  });
});
