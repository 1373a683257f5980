import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { NETWORKS_ANNOTATION } from "@/lib/pod/annotations";
import type { TopologyPayload } from "@/lib/wire/payload";
import { kubeRequest, startTestCluster, type TestCluster } from "@/testing/testbed/cluster";
import { SourceRegistry } from "../../sources/registry";
import { appRouter } from "../root";
import { createInnerContext } from "../trpc";

let cluster: TestCluster;
let registry: SourceRegistry;

beforeAll(async () => {
  cluster = await startTestCluster();
  registry = new SourceRegistry(
    { PLUMBLINE_SOURCE: "kubeconfig", KUBECONFIG: cluster.kubeconfigPath, PLUMBLINE_CONTEXT: "admin" },
    100,
  );
});

afterAll(async () => {
  await registry?.closeAll();
  await cluster?.stop();
});

const caller = (signal?: AbortSignal) => appRouter.createCaller(createInnerContext({ sources: registry }), { signal });

type Tracked = { id: string; data: TopologyPayload };

async function next(it: AsyncIterator<unknown>, ms = 15_000): Promise<Tracked> {
  const timeout = new Promise<never>((_, reject) =>
    setTimeout(() => reject(new Error(`no event within ${ms} ms`)), ms),
  );
  const r = await Promise.race([it.next(), timeout]);
  if (r.done) throw new Error("subscription ended");
  // On the server, tracked() yields its envelope: [id, data, marker].
  const [id, data] = r.value as [string, TopologyPayload];
  return { id, data };
}

describe("topology API on a live cluster", () => {
  it("answers the query with the seeded topology, live", async () => {
    const view = await caller().topology.get({});
    expect(view.source).toMatchObject({ kind: "live", writes: "cluster" });
    expect(view.status).toMatchObject({ state: "live" });
    expect(view.topology.elements.some((e) => e.id === "network/multus-test/bridge-main")).toBe(true);
  });

  it("gives the forms the cluster's networks, hosts, bridges and namespaces, and not one pod", async () => {
    const [whole, forms] = await Promise.all([caller().topology.get({}), caller().topology.forForms({})]);
    const kinds = new Set(forms.topology.elements.map((e) => e.kind));
    expect([...kinds].sort()).toEqual(["bridge", "host", "network"]);
    expect(forms.topology.elements).toEqual(
      whole.topology.elements.filter((e) => e.kind === "host" || e.kind === "bridge" || e.kind === "network"),
    );
    expect(forms.namespaces).toContain("multus-test");
    // The part a form needs is a small share of what the whole topology sends.
    expect(JSON.stringify(forms).length).toBeLessThan(JSON.stringify(whole).length / 2);
  });

  it("pushes a change in the cluster to a subscriber, tracked by revision", async () => {
    const ac = new AbortController();
    const sub = (await caller(ac.signal).topology.watch({})) as AsyncIterable<unknown>;
    const it = sub[Symbol.asyncIterator]();
    const first = await next(it);
    expect(first.id).toBe(first.data.revision);
    expect(first.data.topology.findings.some((f) => f.message.includes("extra-net"))).toBe(false);

    // A pod now asks for a network that does not exist: the finding arrives by push.
    const res = await kubeRequest(cluster, "PATCH", "/api/v1/namespaces/multus-test/pods/pod-c-6d8f7b9c4-m2n5q", {
      contentType: "application/merge-patch+json",
      body: { metadata: { annotations: { [NETWORKS_ANNOTATION]: "macvlan-main,extra-net" } } },
    });
    expect(res.status).toBe(200);
    let event = await next(it);
    while (
      !event.data.topology.findings.some(
        (f) => f.code === "network-not-found" && f.message.includes("multus-test/extra-net"),
      )
    ) {
      event = await next(it);
    }
    expect(event.id).not.toBe(first.id);
    ac.abort();
    await it.return?.();
  });

  it("resumes from lastEventId without resending what the client has", async () => {
    const current = await caller().topology.get({});
    const ac = new AbortController();
    const sub = (await caller(ac.signal).topology.watch({ lastEventId: current.revision })) as AsyncIterable<unknown>;
    const it = sub[Symbol.asyncIterator]();
    const pending = next(it);
    await kubeRequest(
      cluster,
      "DELETE",
      "/apis/k8s.cni.cncf.io/v1/namespaces/multus-test/network-attachment-definitions/host-device-main",
    );
    const event = await pending;
    expect(event.id).not.toBe(current.revision);
    expect(event.data.topology.elements.some((e) => e.id === "network/multus-test/host-device-main")).toBe(false);
    ac.abort();
    await it.return?.();
  });

  it("fetches a host's view ahead (a search's hit) as exactly the snapshot its subscription starts with", async () => {
    const whole = await caller().topology.get({});
    const host = whole.topology.elements.find((e) => e.kind === "host")?.name ?? "";
    const ahead = JSON.parse(await caller().topology.viewSnapshot({ view: { host } }));
    const ac = new AbortController();
    const events: AsyncIterator<unknown> = (await caller(ac.signal).topology.view({ view: { host } }))[
      Symbol.asyncIterator
    ]();
    const r = await events.next();
    ac.abort();
    // On the server, tracked() yields its envelope: [id, data, marker]; data is the message's JSON text.
    const [, text] = r.value as [string, string];
    expect(ahead.type).toBe("snapshot");
    expect(ahead.elements.some((e: { kind: string }) => e.kind === "pod")).toBe(true);
    expect(ahead).toEqual(JSON.parse(text));
  });

  it("refuses a context the server was not started with, even one the kubeconfig has", async () => {
    await expect(caller().topology.get({ context: "nope" })).rejects.toThrow(
      "context nope is not one this server was started with",
    );
    await expect(caller().topology.get({ context: "restricted" })).rejects.toThrow(
      "context restricted is not one this server was started with",
    );
  });
});
