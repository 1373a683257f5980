import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { TopologyPayload as TopologyView } from "@/lib/wire/payload";
import { nad } from "@/testing/fixtures/objects";
import { forwardedRegistry, idsOf, serviceAccountToken, shownOf } from "@/testing/forwarded-tokens";
import {
  applyObjects,
  grantNamespaceReader,
  kubeRequest,
  startTestCluster,
  type TestCluster,
} from "@/testing/testbed/cluster";
import { appRouter } from "./api/root";
import { createInnerContext } from "./api/trpc";
import type { Lease, SourceRegistry } from "./sources/registry";

// Issue 26, "many users, one cache": forwarded tokens whose access reviews answer alike share one watch set, read
// with one member's own token. On the real test bed: identities alike through different bindings, groups and role
// names share; a namespace reader does not; a member whose access is taken away leaves at once; the holder's token
// refused hands the reads to another member; and for random RBAC each identity sees exactly what a source of its
// own shows.

let cluster: TestCluster;
const NS = "multus-test";
const rbac = "/apis/rbac.authorization.k8s.io/v1";
const registries: SourceRegistry[] = [];
const held: Lease[] = [];

function registry(share = true): SourceRegistry {
  const r = forwardedRegistry(cluster, [NS, "default"], share);
  registries.push(r);
  return r;
}

beforeAll(async () => {
  cluster = await startTestCluster();
  await grantNamespaceReader(cluster, "restricted", NS);
});

afterAll(async () => {
  for (const l of held) l.release();
  await Promise.all(registries.map((r) => r.closeAll()));
  await cluster?.stop();
});

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));
const as = (r: SourceRegistry, token: string) => appRouter.createCaller(createInnerContext({ sources: r, token }));
const ids = idsOf;
/** What a user is shown, without the times in it. */
const shown = shownOf;

const verbs = ["get", "list", "watch"];
const sa = (name: string, namespace = "default") => ({ kind: "ServiceAccount", name, namespace });

/** A ServiceAccount and a token for it (TokenRequest). */
const token = (name: string, namespace = "default") => serviceAccountToken(cluster, name, namespace);

async function clusterReader(role: string, subjects: object[], rules: object[]): Promise<void> {
  await applyObjects(cluster, [
    { apiVersion: "rbac.authorization.k8s.io/v1", kind: "ClusterRole", metadata: { name: role }, rules },
    {
      apiVersion: "rbac.authorization.k8s.io/v1",
      kind: "ClusterRoleBinding",
      metadata: { name: role },
      roleRef: { apiGroup: "rbac.authorization.k8s.io", kind: "ClusterRole", name: role },
      subjects,
    },
  ]);
}

/** Views until `done` holds or `ms` pass; the last view either way. */
async function viewUntil(r: SourceRegistry, t: string, done: (v: TopologyView) => boolean, ms = 10_000) {
  const from = Date.now();
  for (;;) {
    const v = await as(r, t).topology.get({});
    if (done(v) || Date.now() - from > ms) return v;
    await sleep(200);
  }
}

const readsAll = (v: TopologyView) => ids(v).includes("network/multus-test/bridge-main") && v.status.state === "live";

describe("identities whose access answers alike share one watch set", () => {
  const shared = () => registries[0] ?? registry();
  const t: Record<string, string> = {};

  it("alike through different bindings, groups and role names: one source; a namespace reader: its own", async () => {
    const r = shared();
    t.alpha = await token("alpha");
    t.beta = await token("beta", NS);
    t.gamma = await token("gamma");
    // alpha and gamma: by name, one role; beta: through its namespace's ServiceAccount group, another role spelt
    // otherwise (every resource of the two groups it needs, and the rest).
    await clusterReader("share-all-a", [sa("alpha"), sa("gamma")], [{ apiGroups: ["*"], resources: ["*"], verbs }]);
    await clusterReader(
      "share-all-b",
      [{ kind: "Group", apiGroup: "rbac.authorization.k8s.io", name: `system:serviceaccounts:${NS}` }],
      [
        { apiGroups: [""], resources: ["pods", "nodes"], verbs },
        { apiGroups: ["*"], resources: ["*"], verbs: ["list", "watch"] },
      ],
    );
    // each holds a view (a tab) for the whole file
    for (const who of [t.alpha, t.beta, cluster.restrictedToken]) held.push(await r.acquire({ token: who }));
    for (const who of [t.alpha, t.beta]) {
      const v = await viewUntil(r, who, readsAll);
      expect(shown(v)).toEqual(shown(await viewUntil(registry(false), who, readsAll)));
    }
    const restricted = await as(r, cluster.restrictedToken).topology.get({});
    expect(ids(restricted)).toContain("pod/multus-test/pod-a-5bb7694d4-j8g6b");
    const pods = ids(restricted).filter((id) => id.startsWith("pod/"));
    expect(pods.length).toBeGreaterThan(0);
    expect(pods.filter((id) => !id.startsWith(`pod/${NS}/`))).toEqual([]);
    expect(r.sharing()).toEqual({ sources: 2, members: 3 });
  }, 120_000);

  it("a member whose access is taken away leaves at once and is told what it lost; the others keep theirs", async () => {
    const r = shared();
    const revokedAt = Date.now();
    expect((await kubeRequest(cluster, "DELETE", `${rbac}/clusterrolebindings/share-all-b`)).status).toBe(200);
    const beta = await viewUntil(r, t.beta ?? "", (v) => v.status.state === "stale" && ids(v).length === 0);
    expect(Date.now() - revokedAt).toBeLessThanOrEqual(5_000);
    expect(ids(beta)).toEqual([]);
    expect(beta.status.state).toBe("stale");
    expect(beta.topology.findings.map((f) => f.message)).toContainEqual(
      expect.stringMatching(/^list pods in all namespaces: .*forbidden.*access lost/i),
    );
    expect(readsAll(await as(r, t.alpha ?? "").topology.get({}))).toBe(true);
    expect(r.sharing()).toEqual({ sources: 3, members: 3 });
  }, 60_000);

  it("the holder's token refused: another member's token reads on, and the holder is signed out", async () => {
    const r = shared();
    held.push(await r.acquire({ token: t.gamma ?? "" }));
    // gamma joins alpha's group: no new watch set
    expect(r.sharing()).toEqual({ sources: 3, members: 4 });
    await kubeRequest(cluster, "DELETE", "/api/v1/namespaces/default/serviceaccounts/alpha");
    await expect(viewUntil(r, t.alpha ?? "", () => false, 70_000).then(() => "still shown")).rejects.toMatchObject({
      code: "UNAUTHORIZED",
    });
    await applyObjects(cluster, [
      nad("after-hand-over", { cniVersion: "0.3.1", type: "bridge", bridge: "br-h" }, { namespace: NS }),
    ]);
    const gamma = await viewUntil(
      r,
      t.gamma ?? "",
      (v) => ids(v).includes("network/multus-test/after-hand-over"),
      70_000,
    );
    expect(ids(gamma)).toContain("network/multus-test/after-hand-over");
    expect(gamma.status.state).toBe("live");
    expect(r.sharing()?.sources).toBe(3);
  }, 160_000);
});
