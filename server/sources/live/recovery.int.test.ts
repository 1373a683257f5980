import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Topology } from "@/lib/contract/schema";
import { buildTopology } from "@/lib/topology/build";
import { difference, testKubeConfig } from "@/testing/live-source";
import { grantNamespaceReader, kubeRequest, startTestCluster, type TestCluster } from "@/testing/testbed/cluster";
import { LiveSource } from "./live-source";

// Issue 25, item 8: recovery that tells the truth, for an identity that may read one namespace only (its cluster-wide
// reads fall back to that namespace). After an API server outage (kill -9 and a restart) and after its RoleBinding is
// restored, the picture must equal a fresh read by the same identity within 5 s, and never be "live" over anything
// else (a false "forbidden" warning, a namespace left out). With the server's default timings (a 403 was retried only
// after the 60 s recheck). The 5 s is the correctness bound; the measured times are printed.

let cluster: TestCluster;
const NS = "multus-test";
const opened: LiveSource[] = [];
const measured: string[] = [];

beforeAll(async () => {
  cluster = await startTestCluster();
  await grantNamespaceReader(cluster, "restricted", NS);
});

afterAll(async () => {
  await Promise.all(opened.map((s) => s.close()));
  await cluster?.stop();
  console.info(`recovery (ms after the fault ended):\n  ${measured.join("\n  ")}`);
});

function open(label: string): LiveSource {
  const s = new LiveSource(testKubeConfig(cluster.kubeconfigPath, "restricted"), { label, namespaces: [NS] });
  opened.push(s);
  return s;
}

/** A picture as text, its lists in one order (which part's list came first is no part of the picture). */
const text = (t: Topology): string =>
  JSON.stringify([t.elements, t.links, t.findings].map((list) => list.map((x) => JSON.stringify(x)).sort()));
const picture = (s: LiveSource): Topology => buildTopology(s.snapshot());

/** What the identity may list now: a new source's first complete read. */
async function freshRead(): Promise<Topology> {
  const s = new LiveSource(testKubeConfig(cluster.kubeconfigPath, "restricted"), { label: "fresh", namespaces: [NS] });
  try {
    await s.ready();
    for (let i = 0; i < 100 && s.status().state !== "live"; i++) await new Promise((r) => setTimeout(r, 50));
    expect(s.status().state).toBe("live");
    return picture(s);
  } finally {
    await s.close();
  }
}

/**
 * Polls the source every 50 ms from `from` until it is live with the fresh read's picture; meanwhile every "live" it
 * reports must show exactly that picture. Returns the ms it took (to 10 s at most).
 */
async function settles(s: LiveSource, from: number): Promise<{ ms: number; wrongWhileLive: string[] }> {
  const ref = await freshRead();
  const wrongWhileLive: string[] = [];
  for (;;) {
    const live = s.status().state === "live";
    const now = picture(s);
    if (live && text(now) === text(ref)) return { ms: Date.now() - from, wrongWhileLive };
    if (live) wrongWhileLive.push(difference(now, ref, "a fresh read"));
    if (Date.now() - from > 10_000) {
      console.info(`not settled: ${s.status().state}, ${difference(now, ref, "a fresh read")}`);
      return { ms: Number.POSITIVE_INFINITY, wrongWhileLive };
    }
    await new Promise((r) => setTimeout(r, 50));
  }
}

const binding = `/apis/rbac.authorization.k8s.io/v1/namespaces/${NS}/rolebindings/plumbline-reader-restricted`;

describe("a namespace-scoped identity recovers to the truth", () => {
  it("after a 15 s API server outage: equal to a fresh read within 5 s of the restart, never live over less", async () => {
    const s = open("outage");
    await s.ready();
    const first = await settles(s, Date.now());
    expect(first.ms).toBeLessThan(10_000);

    await cluster.stopApiserver("SIGKILL");
    await new Promise((r) => setTimeout(r, 15_000));
    expect(s.status().state).toBe("stale");
    await cluster.startApiserver();
    const back = Date.now();
    const { ms, wrongWhileLive } = await settles(s, back);
    measured.push(`15 s outage (SIGKILL): equal to a fresh read ${ms} ms after /readyz`);
    expect(wrongWhileLive, "live over a picture that was not the identity's").toEqual([]);
    expect(ms).toBeLessThanOrEqual(5_000);
  }, 90_000);

  it("after its RoleBinding is restored: equal to a fresh read within 5 s, no warning left that is no longer true", async () => {
    const s = open("restore");
    await s.ready();
    expect((await settles(s, Date.now())).ms).toBeLessThan(10_000);

    expect((await kubeRequest(cluster, "DELETE", binding)).status).toBe(200);
    // Open watches outlive a revocation; a restart makes every request authorise afresh (as in faults.int.test.ts).
    await cluster.stopApiserver("SIGKILL");
    await cluster.startApiserver();
    for (let i = 0; i < 200 && !picture(s).findings.some((f) => /access lost/.test(f.message)); i++)
      await new Promise((r) => setTimeout(r, 100));
    expect(s.status().state).toBe("stale");
    expect(picture(s).elements.filter((e) => e.id.includes(NS))).toEqual([]);

    await grantNamespaceReader(cluster, "restricted", NS);
    const restored = Date.now();
    const { ms, wrongWhileLive } = await settles(s, restored);
    measured.push(`RoleBinding restored: equal to a fresh read ${ms} ms after the authoriser allowed it`);
    expect(wrongWhileLive, "live over a picture that was not the identity's").toEqual([]);
    expect(picture(s).findings.map((f) => f.message)).not.toContainEqual(expect.stringMatching(/access lost/));
    expect(ms).toBeLessThanOrEqual(5_000);
  }, 90_000);
});
