import { mkdtempSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
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

/** Pod LISTs the API server has answered with 200 (only this file's servers list pods on the bed). */
const podLists = () =>
  apiServerCounter(
    cluster,
    "apiserver_request_total",
    (l) => l.includes('resource="pods"') && l.includes('verb="LIST"') && l.includes('code="200"'),
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

  it("its pods LIST is sent and read by the preload's thread, not Next's, and the source takes it: one LIST", async () => {
    await server?.stop();
    // Every HTTP request the process starts, and the thread it starts it on.
    const dir = mkdtempSync(join(tmpdir(), "start-order-"));
    const hook = join(dir, "order.cjs");
    const order = join(dir, "order.log");
    writeFileSync(
      hook,
      `const { appendFileSync } = require("node:fs");
      const note = (s) => appendFileSync(${JSON.stringify(order)}, s + "\\n");
      const thread = require("node:worker_threads").isMainThread ? "main" : "thread";
      require("node:diagnostics_channel").subscribe("http.client.request.start", ({ request }) =>
        note("request " + thread + " " + request.path));`,
    );
    const before = await podLists();
    server = await startStandalone({
      PLUMBLINE_SOURCE: "kubeconfig",
      KUBECONFIG: cluster.kubeconfigPath,
      PLUMBLINE_NODE_ARGS: `--require ${hook}`,
    });
    const base = server.base;
    let ready = 0;
    for (const until = Date.now() + 90_000; ready !== 200 && Date.now() < until; ) {
      ready = await fetch(`${base}/api/readyz`).then(
        (r) => r.status,
        () => 0,
      );
      if (ready !== 200) await new Promise((r) => setTimeout(r, 250));
    }
    expect(ready).toBe(200);
    const lines = readFileSync(order, "utf8").split("\n");
    const log = lines.join("\n");
    // one pods LIST, sent by the preload's own thread as the process started (the server's thread, loading Next and
    // its code for seconds, would neither send it that early nor read it while it comes)
    expect(
      lines.filter((l) => l.includes(" /api/v1/pods?") && !l.includes("watch=true")),
      log,
    ).toEqual(["request thread /api/v1/pods?labelSelector=%21plumbline.io%2Fprobe-run&resourceVersion=0"]);
    // the live source read that very LIST: the API server answered one pods LIST for this server, not two
    expect(await podLists()).toBe(before + 1);
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
