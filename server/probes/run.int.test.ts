// The probe runner against a real kube-apiserver + etcd (no node: every pod waits for a scheduler that is not
// there, which is what a fault "never scheduled" looks like; no controller either): RBAC precheck, owner and TTL, bounded waits with
// their reason, cancel, cleanup and the sweep of runs a killed server left behind.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { EXPIRES_ANNOTATION, RUN_LABEL } from "@/lib/probes/manifest";
import { applyObjects, kubeRequest, startTestCluster, type TestCluster } from "@/testing/testbed/cluster";
import { testKubeConfig } from "../../testing/live-source";
import { ProbeKube } from "./kube";
import { ProbeRun, started } from "./run";
import { sweepStaleRuns } from "./sweep";

const NS = "probe-check";
let c: TestCluster;
let admin: ProbeKube;
let restricted: ProbeKube;

beforeAll(async () => {
  c = await startTestCluster({ seed: false, crds: false });
  await applyObjects(c, [{ apiVersion: "v1", kind: "Namespace", metadata: { name: NS } }]);
  admin = new ProbeKube(testKubeConfig(c.kubeconfigPath, "admin"));
  restricted = new ProbeKube(testKubeConfig(c.kubeconfigPath, "restricted"));
});
afterAll(async () => {
  await c?.stop();
});

const pod = (key: string) => ({
  key,
  node: "ghost-node",
  image: "plumbline.local/none:1",
  command: ["sh", "-c", "true"],
});
const everything = async (kind: "pods" | "jobs") => {
  const base = kind === "jobs" ? "/apis/batch/v1" : "/api/v1";
  const r = await kubeRequest(c, "GET", `${base}/namespaces/${NS}/${kind}?labelSelector=${RUN_LABEL}`);
  return ((r.body as { items: { metadata: { name: string } }[] }).items ?? []).map((i) => i.metadata.name);
};

describe("probe runs on a real API server", () => {
  it("a user without the rights is told which, before anything is created", async () => {
    const access = await restricted.access(NS);
    expect(access.allowed).toBe(false);
    expect(access.missing).toContain(`needs create on pods in ${NS}`);
    expect(access.missing).toContain(`needs create on jobs.batch in ${NS}`);
    expect(await admin.access(NS)).toEqual({ allowed: true, missing: [] });
    // And if it tried anyway, the API's refusal names verb, resource and namespace, and nothing is left.
    await expect(
      ProbeRun.start(restricted, { namespace: NS, purpose: "test", ttlSeconds: 60, pods: [pod("a")] }),
    ).rejects.toThrow(`forbidden: create jobs.batch in ${NS}`);
    expect(await everything("pods")).toEqual([]);
    expect(await everything("jobs")).toEqual([]);
  });

  it("creates an owner and owned, bounded pods; a wait ends at its bound with the reason; stop leaves nothing", async () => {
    const run = await ProbeRun.start(admin, {
      namespace: NS,
      purpose: "test",
      ttlSeconds: 90,
      pods: [pod("a"), pod("b")],
    });
    const pods = await run.pods();
    expect([...pods.keys()]).toEqual(["a", "b"]);
    const a = pods.get("a");
    expect(a?.metadata.ownerReferences?.[0]).toMatchObject({ kind: "Job", name: `plumbline-probe-${run.id}` });
    expect(a?.spec).toMatchObject({ activeDeadlineSeconds: 90, automountServiceAccountToken: false });
    const updates: string[] = [];
    const out = await run.waitEach(["a", "b"], started, {
      boundMs: 1500,
      what: "scheduled and started",
      onUpdate: (k, t) => updates.push(`${k}: ${t}`),
    });
    expect(out.get("a")).toEqual({
      ok: false,
      reason: "not scheduled and started within 2 s: waiting for the scheduler",
    });
    expect(updates).toEqual(["a: waiting for the scheduler", "b: waiting for the scheduler"]);
    await run.stop({ wait: true, boundMs: 20_000 });
    expect(await everything("pods")).toEqual([]);
    expect(await everything("jobs")).toEqual([]);
  });

  it("a cancelled wait ends at once; a bad spec creates nothing", async () => {
    const run = await ProbeRun.start(admin, { namespace: NS, purpose: "test", ttlSeconds: 90, pods: [pod("a")] });
    const ac = new AbortController();
    setTimeout(() => ac.abort(new Error("cancelled by the test")), 300);
    const t0 = Date.now();
    await expect(run.waitEach(["a"], started, { boundMs: 60_000, what: "started", signal: ac.signal })).rejects.toThrow(
      "cancelled by the test",
    );
    expect(Date.now() - t0).toBeLessThan(30_000);
    await run.stop({ wait: true });
    await expect(
      ProbeRun.start(admin, { namespace: NS, purpose: "test", ttlSeconds: 90, pods: [{ ...pod("a"), key: "A B" }] }),
    ).rejects.toThrow();
    expect(await everything("jobs")).toEqual([]);
  });

  it("the sweep removes a run past its expiry (a server killed mid-run) and leaves a current one", async () => {
    const old = await ProbeRun.start(admin, { namespace: NS, purpose: "test", ttlSeconds: 30, pods: [pod("a")] });
    const current = await ProbeRun.start(admin, { namespace: NS, purpose: "test", ttlSeconds: 3600, pods: [pod("a")] });
    const jobs = await admin.listJobs(NS, RUN_LABEL);
    const expiry = Number(
      jobs.find((m) => m.metadata.labels?.[RUN_LABEL] === old.id)?.metadata.annotations?.[EXPIRES_ANNOTATION],
    );
    // As the next server start would see it once the old run's TTL has passed (without waiting 30 s here).
    const removed = await sweepStaleRuns(admin, expiry * 1000 + 1, "everywhere");
    expect(removed).toEqual([old.id]);
    expect(await everything("pods")).toEqual([current.podName("a")]);
    // The restricted user may not list Jobs anywhere: its sweep removes nothing and does not fail.
    expect(await sweepStaleRuns(restricted, Date.now() + 10_000_000, "everywhere")).toEqual([]);
    await current.stop({ wait: true });
  });
});
