import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { buildTopology } from "@/lib/topology/build";
import type { SourceStatus } from "@/lib/wire/payload";
import { difference, freshList, testKubeConfig } from "@/testing/live-source";
import { applyObjects, kubeRequest, startTestCluster, type TestCluster } from "@/testing/testbed/cluster";
import { apiServerCounter } from "@/testing/testbed/metrics";
import { LiveSource } from "./live-source";

// An API server that sheds load. Without API Priority and Fairness, --max-requests-inflight=2 answers any read
// beyond the two in flight with 429 and Retry-After: 1, as a busy cluster's API server does (and as any API server
// does for a kind whose watch cache is still initialising, KEP-4568: how CI met it, a CRD's list or watch refused
// right after the test bed started). The admin, in system:masters, is exempt: the test bed's setup is not refused.
let cluster: TestCluster;
const sources: LiveSource[] = [];

beforeAll(async () => {
  cluster = await startTestCluster({
    apiServerArgs: ["--enable-priority-and-fairness=false", "--max-requests-inflight=2"],
  });
  await applyObjects(cluster, [
    {
      apiVersion: "rbac.authorization.k8s.io/v1",
      kind: "ClusterRoleBinding",
      metadata: { name: "restricted-reads-all" },
      roleRef: { apiGroup: "rbac.authorization.k8s.io", kind: "ClusterRole", name: "cluster-admin" },
      subjects: [{ apiGroup: "rbac.authorization.k8s.io", kind: "User", name: "restricted" }],
    },
  ]);
  const deadline = Date.now() + 30_000;
  while ((await kubeRequest(cluster, "GET", "/api/v1/pods", { token: cluster.restrictedToken })).status !== 200) {
    if (Date.now() > deadline) throw new Error("the ClusterRoleBinding for restricted is not effective after 30 s");
    await new Promise((r) => setTimeout(r, 200));
  }
});

afterAll(async () => {
  for (const s of sources) await s.close();
  await cluster?.stop();
});

/** Requests the API server refused with 429 so far (its own metric). */
const refused429 = () =>
  apiServerCounter(cluster, "apiserver_request_terminations_total", (l) => l.includes('code="429"'));

describe("an API server that says 'come back later' (429) while the source first reads", () => {
  it("waits out the Retry-After: the first picture is whole and live, never shown stale or failed", async () => {
    const before = await refused429();
    const source = new LiveSource(testKubeConfig(cluster.kubeconfigPath, "restricted"), { label: "restricted" });
    sources.push(source);
    const seen: SourceStatus[] = [];
    source.subscribe(() => seen.push(source.status()));
    await source.ready();

    // ~14 lists at once against two requests in flight: the server did refuse some of them.
    const refused = (await refused429()) - before;
    console.info(`the API server refused ${refused} of the first reads with 429`);
    expect(refused).toBeGreaterThan(0);
    expect(source.status()).toMatchObject({ state: "live" });
    expect(seen.filter((s) => s.state === "stale" || s.state === "failed")).toEqual([]);
    // The first picture is the cluster's, as the admin lists it afresh, not a part of it.
    const [shown, ref] = [buildTopology(source.snapshot()), await freshList(cluster)];
    expect(shown.elements.some((e) => e.id === "pod/multus-test/pod-a-5bb7694d4-j8g6b")).toBe(true);
    expect(JSON.stringify(shown) === JSON.stringify(ref) ? "" : difference(shown, ref)).toBe("");
  });
});
