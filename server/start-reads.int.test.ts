import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startTestCluster, type TestCluster } from "@/testing/testbed/cluster";
import { apiServerCounter } from "@/testing/testbed/metrics";
import { type Standalone, startStandalone } from "@/testing/testbed/standalone";
import { listEarly, readClusterAtStart } from "./startup";

// A server with an identity of its own reads the cluster while it starts (instrumentation.ts), before any view is
// asked for: the production server on the real test bed, watched from the API server's own request counters.
let cluster: TestCluster;
let server: Standalone | undefined;

beforeAll(async () => {
  cluster = await startTestCluster();
});
afterAll(async () => {
  await server?.stop();
  await cluster?.stop();
});

/** NAD LISTs the API server has answered: only Plumbline lists NADs on the bed. */
const nadLists = () =>
  apiServerCounter(
    cluster,
    "apiserver_request_total",
    (l) => l.includes('resource="network-attachment-definitions"') && l.includes('verb="LIST"'),
  );

describe("reading the cluster at start", () => {
  it("the kubeconfig server lists the cluster before its first view is asked for", async () => {
    const before = await nadLists();
    server = await startStandalone({ PLUMBLINE_SOURCE: "kubeconfig", KUBECONFIG: cluster.kubeconfigPath });
    // nothing but the health check has reached the server: wait (bounded) for the LIST it sends on its own
    let after = before;
    for (const until = Date.now() + 90_000; after === before && Date.now() < until; ) {
      await new Promise((r) => setTimeout(r, 250));
      after = await nadLists();
    }
    expect(after).toBeGreaterThan(before);
  }, 180_000);

  it("a forwarded-token or demo server, or one told not to, reads nothing at start", async () => {
    const env = { KUBECONFIG: cluster.kubeconfigPath, PLUMBLINE_SOURCE: "kubeconfig" };
    expect(await readClusterAtStart({ ...env, PLUMBLINE_IDENTITY: "forwarded-token" })).toBe(false);
    expect(await readClusterAtStart({ PLUMBLINE_SOURCE: "demo" })).toBe(false);
    expect(await readClusterAtStart({ ...env, PLUMBLINE_READ_AT_START: "false" })).toBe(false);
    // nor are lists sent before the client has loaded (a forwarded-token server has no identity to send them as)
    expect(await listEarly({ ...env, PLUMBLINE_IDENTITY: "forwarded-token" })).toBe(0);
    expect(await listEarly({ PLUMBLINE_SOURCE: "demo" })).toBe(0);
    expect(await listEarly({ ...env, PLUMBLINE_READ_AT_START: "false" })).toBe(0);
    expect(await listEarly({ ...env, PLUMBLINE_EARLY_LISTS: "false" })).toBe(0);
  });
});
