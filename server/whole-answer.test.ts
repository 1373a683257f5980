import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { LIMITS } from "@/lib/http/limits";
import { syntheticCluster } from "@/testing/fixtures/synthetic-cluster";
import { appRouter } from "./api/root";
import { createInnerContext } from "./api/trpc";
import { SourceRegistry } from "./sources/registry";
import { wholeItemsSending } from "./whole-answer";

// Issue 26: `topology.get` and `topology.watch` wrote the whole topology as one JSON text, so any signed-in client,
// or several at once, could add ~950 MiB per answer at 150,000 pods. Here the attack: many callers at once on a
// generated cluster over the bound (10,000 pods), through the app's own tRPC route handler (what `next start` runs for /api/trpc),
// and what each client gets back; then the budget that callers under the bound share.

let dir: string;
let handle: (req: Request) => Promise<Response>;
let small: SourceRegistry;
beforeAll(async () => {
  dir = mkdtempSync(path.join(os.tmpdir(), "plumbline-whole-"));
  const write = (name: string, size: Parameters<typeof syntheticCluster>[0]) => {
    const file = path.join(dir, name);
    writeFileSync(file, JSON.stringify({ apiVersion: "v1", kind: "List", items: syntheticCluster(size) }));
    return file;
  };
  // ~62,000 elements and links: over LIMITS.wholeTopologyItems; ~9,000 under it
  const big = write("big.json", { nodes: 250, pods: 10_000, nads: 80, seed: 3 });
  small = new SourceRegistry({
    PLUMBLINE_SOURCE: "snapshot",
    PLUMBLINE_SNAPSHOT: write("small.json", { nodes: 20, pods: 1_500, nads: 12, seed: 5 }),
  });
  Object.assign(process.env, { PLUMBLINE_SOURCE: "snapshot", PLUMBLINE_SNAPSHOT: big });
  handle = (await import("@/app/api/trpc/[trpc]/route")).GET;
}, 120_000);
afterAll(async () => {
  await (await import("./registry-instance")).getRegistry().closeAll();
  await small?.closeAll();
  rmSync(dir, { recursive: true, force: true });
});

const input = (v: unknown) => `input=${encodeURIComponent(JSON.stringify(v))}`;
const request = (query: string, headers: Record<string, string> = {}) =>
  handle(new Request(`http://127.0.0.1:3000/api/trpc/${query}`, { headers }));
/** says what a client must hear: the verb and resource refused, and where to read the topology instead */
const namesTheWayOut = (message: string, procedure: string) => {
  expect(message).toContain(`${procedure} refused`);
  expect(message).toContain(`over the ${LIMITS.wholeTopologyItems.toLocaleString("en-US")} one answer may carry`);
  expect(message).toContain("GET /api/export/topology");
  expect(message).toContain("topology.view");
};

describe("whole-topology answers over the bound", () => {
  it("refuses topology.get to seven clients at once and a batch of three (one identity's 8 calls) with 413, naming the alternatives", async () => {
    const [batch, ...singles] = await Promise.all([
      request(`topology.get,topology.get,topology.get?batch=1&${input({ 0: {}, 1: {}, 2: {} })}`),
      ...Array.from({ length: LIMITS.callsPerIdentity - 1 }, () => request(`topology.get?${input({})}`)),
    ]);
    for (const res of singles) {
      expect(res?.status).toBe(413);
      const body = (await res?.json()) as { error: { message: string; data: { code: string } } };
      expect(body.error.data.code).toBe("PAYLOAD_TOO_LARGE");
      namesTheWayOut(body.error.message, "topology.get");
    }
    const answers = (await batch?.json()) as { error: { message: string; data: { httpStatus: number } } }[];
    expect(answers).toHaveLength(3);
    for (const a of answers) {
      expect(a.error.data.httpStatus).toBe(413);
      namesTheWayOut(a.error.message, "topology.get");
    }
    expect(wholeItemsSending()).toBe(0);
  }, 120_000);

  it("ends a topology.watch stream with the same error instead of its first push", async () => {
    const res = await request(`topology.watch?${input({})}`, { accept: "text/event-stream" });
    expect(res.status).toBe(200);
    const text = await res.text();
    expect(text).toContain("event: serialized-error");
    expect(text).not.toContain('"revision"');
    namesTheWayOut(text, "topology.watch");
    expect(wholeItemsSending()).toBe(0);
  }, 120_000);

  it("still serves the cluster the other ways: the view's snapshot over the same route", async () => {
    const res = await request(`topology.viewSnapshot?${input({ view: {} })}`);
    expect(res.status).toBe(200);
    expect(((await res.json()) as { result: { data: string } }).result.data.length).toBeGreaterThan(1_000);
  }, 120_000);
});

describe("whole-topology answers under the bound share one budget", () => {
  it("answers callers until their answers together would pass it, then 429 until they are written", async () => {
    const payload = await appRouter.createCaller(createInnerContext({ sources: small })).topology.get({});
    const each = payload.topology.elements.length + payload.topology.links.length;
    // in process (no route) an answer is done when it returns: nothing stays taken
    expect(wholeItemsSending()).toBe(0);
    const fit = Math.floor(LIMITS.wholeTopologyItems / each);
    const written: (() => void)[] = [];
    const caller = appRouter.createCaller(createInnerContext({ sources: small, afterSent: (f) => written.push(f) }));
    const answers = await Promise.allSettled(Array.from({ length: fit + 2 }, () => caller.topology.get({})));
    expect(answers.filter((a) => a.status === "fulfilled")).toHaveLength(fit);
    const refused = answers.filter((a) => a.status === "rejected").map((a) => a.reason);
    expect(refused).toHaveLength(2);
    for (const e of refused) {
      expect(e).toMatchObject({ code: "TOO_MANY_REQUESTS" });
      expect(e.message).toContain("topology.get refused for now");
      expect(e.message).toContain("GET /api/export/topology");
    }
    expect(wholeItemsSending()).toBe(fit * each);
    for (const f of written.splice(0)) f();
    expect(wholeItemsSending()).toBe(0);
    expect((await caller.topology.get({})).revision).toBe(payload.revision);
    for (const f of written.splice(0)) f();
  }, 120_000);
});
