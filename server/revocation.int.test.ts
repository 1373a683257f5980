import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { TopologyPayload as TopologyView } from "@/lib/wire/payload";
import { nad as nadObject } from "@/testing/fixtures/objects";
import {
  applyObjects,
  grantNamespaceReader,
  kubeRequest,
  startTestCluster,
  type TestCluster,
} from "@/testing/testbed/cluster";
import { apiServerCounter } from "@/testing/testbed/metrics";
import { appRouter } from "./api/root";
import { createInnerContext } from "./api/trpc";
import { SourceRegistry } from "./sources/registry";

// What a user keeps seeing after the cluster takes their access away, on the real test bed, with the server's
// default timings (access reviews, watch timeout, token re-check): the bar is the next view within 60 s, and for
// RBAC (below) within 5 s.
let cluster: TestCluster;
let registry: SourceRegistry;
const NS = "multus-test";
const rbac = "/apis/rbac.authorization.k8s.io/v1";
const measured: string[] = [];

beforeAll(async () => {
  cluster = await startTestCluster();
  await grantNamespaceReader(cluster, "restricted", NS);
  registry = new SourceRegistry(
    {
      PLUMBLINE_SOURCE: "kubeconfig",
      PLUMBLINE_IDENTITY: "forwarded-token",
      KUBECONFIG: cluster.kubeconfigPath,
      PLUMBLINE_NAMESPACES: NS,
    },
    60_000,
  );
});

afterAll(async () => {
  await registry?.closeAll();
  await cluster?.stop();
  console.info(`revocation shown (ms after the RBAC change):\n  ${measured.join("\n  ")}`);
});

const as = (token: string) => appRouter.createCaller(createInnerContext({ sources: registry, token }));
const ids = (v: TopologyView) => v.topology.elements.map((e) => e.id);
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

/** Views every 2 s until `done` holds or 60 s have passed since `from`; the last view either way. */
async function viewUntil(token: string, from: number, done: (v: TopologyView) => boolean): Promise<TopologyView> {
  for (;;) {
    const v = await as(token).topology.get({});
    if (done(v) || Date.now() - from > 60_000) return v;
    await sleep(2_000);
  }
}

const nad = (name: string, namespace = NS) =>
  nadObject(name, { cniVersion: "0.3.1", type: "bridge", bridge: "br-late" }, { namespace });

/** A ServiceAccount allowed to list and watch everything, and a token for it (TokenRequest). */
async function serviceAccountToken(name: string): Promise<string> {
  await applyObjects(cluster, [
    { apiVersion: "v1", kind: "ServiceAccount", metadata: { name, namespace: "default" } },
    {
      apiVersion: "rbac.authorization.k8s.io/v1",
      kind: "ClusterRoleBinding",
      metadata: { name: `${name}-view` },
      roleRef: { apiGroup: "rbac.authorization.k8s.io", kind: "ClusterRole", name: "cluster-admin" },
      subjects: [{ kind: "ServiceAccount", name, namespace: "default" }],
    },
  ]);
  const r = await kubeRequest(cluster, "POST", `/api/v1/namespaces/default/serviceaccounts/${name}/token`, {
    body: { apiVersion: "authentication.k8s.io/v1", kind: "TokenRequest", spec: { expirationSeconds: 3600 } },
  });
  return (r.body as { status: { token: string } }).status.token;
}

/** Failed authentications the API server has counted so far (its own metric). */
const failedAuthentications = () =>
  apiServerCounter(cluster, "authentication_attempts", (l) => /result="(failure|error)"/.test(l));

describe("access taken away while the user watches", () => {
  it("a revoked RoleBinding: within 60 s the view has none of the namespace's objects and is not live", async () => {
    const before = await as(cluster.restrictedToken).topology.get({});
    expect(ids(before)).toContain("pod/multus-test/pod-a-5bb7694d4-j8g6b");
    expect(before.status.state).toBe("live");

    const revokedAt = Date.now();
    const r = await kubeRequest(
      cluster,
      "DELETE",
      `/apis/rbac.authorization.k8s.io/v1/namespaces/${NS}/rolebindings/plumbline-reader-restricted`,
    );
    expect(r.status).toBe(200);
    await applyObjects(cluster, [nad("after-revoke")]);

    const after = await viewUntil(cluster.restrictedToken, revokedAt, (v) => !ids(v).some((id) => id.includes(NS)));
    expect(ids(after).filter((id) => id.includes(NS))).toEqual([]);
    expect(ids(after)).not.toContain("network/multus-test/after-revoke");
    expect(after.status.state).not.toBe("live");
    expect(after.topology.findings.map((f) => f.message)).toContainEqual(
      expect.stringMatching(/^list pods in namespace multus-test: .*forbidden.*access lost/i),
    );
  }, 90_000);

  it("a deleted ServiceAccount's token: within 60 s its view ends with 401, and a retry costs the API one check", async () => {
    const token = await serviceAccountToken("doomed");
    const before = await as(token).topology.get({});
    expect(ids(before)).toContain("network/multus-test/bridge-main");

    const deletedAt = Date.now();
    await kubeRequest(cluster, "DELETE", "/api/v1/namespaces/default/serviceaccounts/doomed");
    let last: unknown = null;
    while (Date.now() - deletedAt < 60_000) {
      try {
        await as(token).topology.get({});
      } catch (e) {
        last = e;
        break;
      }
      await sleep(2_000);
    }
    expect(String(last)).toContain("signed out");
    expect((last as { code?: string }).code).toBe("UNAUTHORIZED");

    const failures = await failedAuthentications();
    for (let i = 0; i < 5; i++) await expect(as(token).topology.get({})).rejects.toThrow(/signed out/);
    expect(await failedAuthentications()).toBeLessThanOrEqual(failures + 1);
  }, 90_000);
});

describe("tokens the API server refuses", () => {
  it("30 garbage tokens, each tried twice, cost the API server at most one authentication each", async () => {
    const failures = await failedAuthentications();
    for (let i = 0; i < 30; i++)
      for (let j = 0; j < 2; j++)
        await expect(as(`garbage-${i}-${"x".repeat(20)}`).topology.get({})).rejects.toMatchObject({
          code: "UNAUTHORIZED",
        });
    // Give any watch a refused token may have started time to fail (there must be none).
    await sleep(3_000);
    expect((await failedAuthentications()) - failures).toBeLessThanOrEqual(30);
  }, 90_000);

  it("many tokens of one account share a bounded number of watch sets", async () => {
    const tokens: string[] = [];
    await serviceAccountToken("many");
    for (let i = 0; i < 8; i++) {
      const r = await kubeRequest(cluster, "POST", "/api/v1/namespaces/default/serviceaccounts/many/token", {
        body: { apiVersion: "authentication.k8s.io/v1", kind: "TokenRequest", spec: { expirationSeconds: 3600 } },
      });
      tokens.push((r.body as { status: { token: string } }).status.token);
    }
    const leases = [];
    for (const token of tokens.slice(0, 4)) leases.push(await registry.acquire({ token }));
    // A fifth session while four are open is refused rather than opening a fifth watch set...
    await expect(registry.acquire({ token: tokens[4] })).rejects.toMatchObject({ code: "TOO_MANY_REQUESTS" });
    // ...and once they are closed the least recently used one makes room.
    for (const l of leases) l.release();
    for (const token of tokens.slice(4)) (await registry.acquire({ token })).release();
    expect(await as(tokens[7] ?? "").topology.get({})).toMatchObject({ status: { state: "live" } });
  }, 90_000);
});

// Issue 25, items 4 and 7: access taken away shows in what the user sees within 5 s of the RBAC change (an open
// watch is authorised once, when it opens; a SelfSubjectAccessReview every 2 s asks the authoriser itself), and the
// status says so on every path: a RoleBinding revoked, and a ClusterRoleBinding revoked while the namespace the view
// falls back to is refused too (the status stayed "live" there). The bound is a correctness deadline from the issue's
// "Done when"; the measured times are printed.

/** Views every 100 ms until `done` holds or 10 s have passed; the last view and when it came, either way. */
async function viewWithin(token: string, from: number, done: (v: TopologyView) => boolean) {
  for (;;) {
    const v = await as(token).topology.get({});
    const ms = Date.now() - from;
    if (done(v) || ms > 10_000) return { v, ms };
    await sleep(100);
  }
}

/** The view holds nothing of the cluster (no pod, no network, no host) and is not live. */
const emptied = (v: TopologyView) => v.topology.elements.length === 0 && v.status.state !== "live";

describe("access taken away shows within 5 s", () => {
  it("a revoked RoleBinding: the namespace's objects are gone and the view is marked", async () => {
    // (the test above took this RoleBinding away: granted again, the open view reads the namespace again)
    await grantNamespaceReader(cluster, "restricted", NS);
    const { v: before } = await viewWithin(cluster.restrictedToken, Date.now(), (v) => v.status.state === "live");
    expect(ids(before)).toContain("pod/multus-test/pod-a-5bb7694d4-j8g6b");
    expect(before.status.state).toBe("live");

    const revokedAt = Date.now();
    const r = await kubeRequest(cluster, "DELETE", `${rbac}/namespaces/${NS}/rolebindings/plumbline-reader-restricted`);
    expect(r.status).toBe(200);
    const { v, ms } = await viewWithin(cluster.restrictedToken, revokedAt, emptied);
    measured.push(
      `RoleBinding revoked: ${emptied(v) ? "emptied and" : "NOT emptied, still"} ${v.status.state} at ${ms} ms`,
    );
    expect(ids(v)).toEqual([]);
    expect(v.status.state).toBe("stale");
    expect(v.topology.findings.map((f) => f.message)).toContainEqual(
      expect.stringMatching(/^list pods in namespace multus-test: .*forbidden.*access lost/i),
    );
    expect(ms).toBeLessThanOrEqual(5_000);
  }, 60_000);

  it("a revoked ClusterRoleBinding, the fallback namespace refused too: the view is emptied and not live", async () => {
    // A ServiceAccount that may read everything cluster-wide, and nothing in multus-test of its own.
    const token = await serviceAccountToken("crb-reader");
    let before = await as(token).topology.get({});
    for (let i = 0; i < 50 && !ids(before).includes("network/multus-test/bridge-main"); i++) {
      await sleep(100); // the binding reaches the authoriser a moment after it is made
      before = await as(token).topology.get({});
    }
    expect(ids(before)).toContain("network/multus-test/bridge-main");
    expect(before.status.state).toBe("live");

    const revokedAt = Date.now();
    expect((await kubeRequest(cluster, "DELETE", `${rbac}/clusterrolebindings/crb-reader-view`)).status).toBe(200);
    const { v, ms } = await viewWithin(token, revokedAt, emptied);
    measured.push(
      `ClusterRoleBinding revoked: ${emptied(v) ? "emptied and" : "NOT emptied, still"} ${v.status.state} at ${ms} ms`,
    );
    expect(ids(v)).toEqual([]);
    expect(v.status.state).toBe("stale");
    expect(v.status).toMatchObject({ reason: expect.stringMatching(/forbidden.*no longer shown/) });
    expect(v.topology.findings.map((f) => f.message)).toContainEqual(
      expect.stringMatching(/^list pods in all namespaces: .*forbidden.*access lost/i),
    );
    expect(ms).toBeLessThanOrEqual(5_000);
  }, 60_000);
});
