// "Inspect node links" against the real apiserver (no node here: the scheduler-less bed is a node that never takes
// the probe). A caller without the rights is told why and nothing is made; a probe that is never scheduled ends
// within its bound with the reason, and its pods and owner are gone.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { kubeRequest, startTestCluster, type TestCluster } from "@/testing/testbed/cluster";
import { SourceRegistry } from "../../sources/registry";
import { appRouter } from "../root";
import { createInnerContext } from "../trpc";

let cluster: TestCluster;
let registry: SourceRegistry;
const TTL = 30;

beforeAll(async () => {
  cluster = await startTestCluster();
  process.env.PLUMBLINE_PROBE_TTL_SECONDS = String(TTL);
  process.env.PLUMBLINE_PROBE_IMAGE = "plumbline.local/never-pulled:1";
  registry = new SourceRegistry(
    {
      PLUMBLINE_SOURCE: "kubeconfig",
      KUBECONFIG: cluster.kubeconfigPath,
      PLUMBLINE_CONTEXT: "admin",
      PLUMBLINE_CONTEXTS: ["admin", "restricted"],
    },
    100,
  );
}, 120_000);

afterAll(async () => {
  delete process.env.PLUMBLINE_PROBE_TTL_SECONDS;
  delete process.env.PLUMBLINE_PROBE_IMAGE;
  await registry?.closeAll();
  await cluster?.stop();
});

const caller = () => appRouter.createCaller(createInnerContext({ sources: registry }));
const leftovers = async () => {
  const pods = await kubeRequest(cluster, "GET", "/api/v1/namespaces/default/pods");
  const jobs = await kubeRequest(
    cluster,
    "GET",
    "/apis/batch/v1/namespaces/default/jobs?labelSelector=plumbline.io%2Fprobe-run",
  );
  const names = (r: typeof pods) =>
    ((r.body as { items: { metadata: { name: string } }[] }).items ?? []).map((i) => i.metadata.name);
  return [...names(pods), ...names(jobs)];
};

describe("nodeLinks router", () => {
  it("tells a user who may not run probe pods why (SelfSubjectAccessReview), and makes nothing when asked anyway", async () => {
    const access = await caller().nodeLinks.access({ context: "restricted" });
    expect(access.allowed).toBe(false);
    expect(access.reason).toContain("needs create on pods in default");
    const nodes = (await caller().topology.get({ context: "admin" })).topology.elements.filter(
      (e) => e.kind === "host",
    );
    await expect(
      caller().nodeLinks.inspect({ context: "restricted", nodes: [nodes[0]?.name ?? ""], runKey: "run-restricted-1" }),
    ).rejects.toThrow(/you may not run probe pods: needs create on jobs\.batch in default/);
    expect(await leftovers()).toEqual([]);
  });

  it("lets an admin; a probe no scheduler takes ends within its bound, with the reason, and leaves nothing", async () => {
    expect(await caller().nodeLinks.access({})).toEqual({ allowed: true, namespace: "default", reason: null });
    const hosts = (await caller().topology.get({})).topology.elements.filter((e) => e.kind === "host");
    const node = hosts[0]?.name ?? "";
    const started = Date.now();
    const result = await caller().nodeLinks.inspect({ nodes: [node], runKey: "run-admin-unscheduled" });
    expect(Date.now() - started).toBeLessThan((TTL / 2 + 20) * 1000);
    expect(result).toEqual([
      { node, ok: false, reason: `not done reading links within ${TTL / 2} s: waiting for the scheduler` },
    ]);
    expect(await caller().nodeLinks.progress({ runKey: "run-admin-unscheduled" })).toMatchObject({ done: true });
    expect(await leftovers()).toEqual([]);
  }, 90_000);

  it("refuses a node the cluster does not have", async () => {
    await expect(caller().nodeLinks.inspect({ nodes: ["no-such-node"], runKey: "run-admin-nonode" })).rejects.toThrow(
      "no such node: no-such-node",
    );
  });

  it("keeps an identity's probed links when its idle source is closed, until the user forgets them", async () => {
    const host = async () => {
      const t = (await caller().topology.get({})).topology;
      const h = t.elements.find((e) => e.kind === "host");
      if (h?.kind !== "host") throw new Error("no host");
      return h;
    };
    const { name } = await host();
    // What a finished inspection keeps (the probing itself is tested on real nodes: server/node-links/*.int.test.ts).
    const lease = await registry.acquire("admin");
    const node = lease.source.snapshot().nodes.find((n) => n.metadata.name === name);
    const probe = {
      node: name,
      links: [{ name: "ens3", type: "ethernet", state: "up" as const, mac: "52:54:00:00:00:01", mtu: 1500 }],
      at: new Date().toISOString(),
      by: "admin",
      method: "iproute2" as const,
    };
    lease.source.probedLinks?.set(probe, node);
    expect(await host()).toMatchObject({ linksSource: "probe", probedBy: "admin" });
    const first = lease.source;
    lease.release();
    // This registry closes a source 100 ms after its last user: the next request gets a new one.
    await new Promise((r) => setTimeout(r, 400));
    const again = await registry.acquire("admin");
    expect(again.source).not.toBe(first);
    again.release();
    expect(await host()).toMatchObject({ linksSource: "probe", probedBy: "admin" });
    // Another identity never sees them.
    const other = (await caller().topology.get({ context: "restricted" })).topology.elements.find(
      (e) => e.kind === "host" && e.name === name,
    );
    expect(other).not.toMatchObject({ linksSource: "probe" });
    // "Forget probed links": back to what there was before any inspection.
    expect(await caller().nodeLinks.forget({ nodes: [name] })).toEqual({ forgotten: [name] });
    expect((await host()).linksSource).not.toBe("probe");
    expect(await caller().nodeLinks.forget({ nodes: [name] })).toEqual({ forgotten: [] });
  });
});
