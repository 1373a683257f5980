import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import type { Topology } from "@/lib/contract/schema";
import { snapshotFromObjects } from "@/lib/k8s/snapshot";
import { buildTopology } from "@/lib/topology/build";
import { endsWhole, jsonChunks } from "@/lib/topology/format-json";
import { withFaults } from "@/testing/fixtures/faults";
import { syntheticCluster } from "@/testing/fixtures/synthetic-cluster";
import { appRouter } from "./api/root";
import { createInnerContext } from "./api/trpc";
import { CHUNK_CHARS, exportStream } from "./export-stream";
import { SourceRegistry } from "./sources/registry";
import { exportResponse } from "./topology-export";

// The streamed export against what the page saved before it (the tRPC query's payload, pretty-printed in the page),
// on the demo and on a generated cluster with faults, through the route's own function; and the stream's bounds.

let dir: string;
let demo: SourceRegistry;
let generated: SourceRegistry;
beforeAll(() => {
  dir = mkdtempSync(path.join(os.tmpdir(), "plumbline-export-"));
  const file = path.join(dir, "cluster.json");
  const items = withFaults(syntheticCluster({ nodes: 20, pods: 1_500, nads: 12, seed: 5 }));
  writeFileSync(file, JSON.stringify({ apiVersion: "v1", kind: "List", items }));
  demo = new SourceRegistry({ PLUMBLINE_SOURCE: "demo" });
  generated = new SourceRegistry({ PLUMBLINE_SOURCE: "snapshot", PLUMBLINE_SNAPSHOT: file });
});
afterAll(async () => {
  await demo?.closeAll();
  await generated?.closeAll();
  rmSync(dir, { recursive: true, force: true });
});

const url = (query = "") => `http://127.0.0.1:3000/api/export/topology${query}`;
const get = (registry: SourceRegistry, query = "", headers: Record<string, string> = {}) =>
  exportResponse(new Request(url(query), { headers }), registry, { trustedProxy: false });

/** What the JSON button saved before the export was streamed: the query's topology, pretty-printed in the page. */
async function savedBefore(registry: SourceRegistry): Promise<string> {
  const payload = await appRouter.createCaller(createInnerContext({ sources: registry })).topology.get({});
  // the page received the payload as JSON and stringified what it parsed
  const received = JSON.parse(JSON.stringify(payload)) as typeof payload;
  return `${JSON.stringify(received.topology, null, 2)}\n`;
}

describe("GET /api/export/topology", () => {
  it("is byte for byte the file the JSON button saved from the tRPC query, on the demo and a generated cluster", async () => {
    for (const registry of [demo, generated]) {
      const res = await get(registry, "?name=plumbline-cluster");
      expect(res.status).toBe(200);
      expect(res.headers.get("content-type")).toBe("application/json; charset=utf-8");
      expect(res.headers.get("content-disposition")).toBe('attachment; filename="plumbline-cluster.json"');
      expect(res.headers.get("cache-control")).toBe("no-store");
      const body = new Uint8Array(await res.arrayBuffer());
      expect(Buffer.from(body).equals(Buffer.from(await savedBefore(registry), "utf8"))).toBe(true);
    }
    const pods = JSON.parse(await (await get(generated)).text()).elements.filter(
      (e: Topology["elements"][number]) => e.kind === "pod",
    );
    expect(pods.length).toBeGreaterThan(1_000);
  });

  it("names the file plumbline-topology.json by default and refuses a name that is not a plain file name", async () => {
    const res = await get(demo);
    expect(res.headers.get("content-disposition")).toBe('attachment; filename="plumbline-topology.json"');
    await res.body?.cancel();
    for (const name of ["../etc/passwd", 'a"b', "a b", ""]) {
      const bad = await get(demo, `?name=${encodeURIComponent(name)}`);
      expect(bad.status).toBe(400);
      expect((await bad.json()).error).toMatch(/name/);
    }
  });

  it("refuses another site, whether a browser says so by Sec-Fetch-Site or by Origin, as a write is refused", async () => {
    const crossSite: Record<string, string>[] = [
      { "sec-fetch-site": "cross-site" },
      { "sec-fetch-site": "same-site" },
      { origin: "http://attacker.example" },
    ];
    for (const headers of crossSite) {
      const res = await get(demo, "", headers);
      expect(res.status).toBe(403);
      expect((await res.json()).error).toMatch(/^cross-site GET refused/);
    }
    const same = await get(demo, "", { "sec-fetch-site": "same-origin", origin: "http://127.0.0.1:3000" });
    expect(same.status).toBe(200);
    await same.body?.cancel();
  });

  it("wants a token when the server reads as its callers, before anything is read", async () => {
    const registry = new SourceRegistry({ PLUMBLINE_SOURCE: "kubeconfig", PLUMBLINE_IDENTITY: "forwarded-token" });
    const res = await get(registry, "", { authorization: "Bearer not-read-here" });
    expect(res.status).toBe(401);
    expect((await res.json()).error).toMatch(/^sign in first/);
  });

  it("gives its call back when the file is read whole or the reader goes away: 30 exports in turn, none refused", async () => {
    // the identity holds at most 8 calls at once (LIMITS.callsPerIdentity): a leaked one would refuse the 9th
    for (let i = 0; i < 30; i++) {
      const res = await get(demo);
      expect(res.status).toBe(200);
      if (i % 2) await res.arrayBuffer();
      else await res.body?.cancel();
    }
    const held = await Promise.all(Array.from({ length: 9 }, () => get(demo)));
    expect(held.map((r) => r.status)).toEqual([200, 200, 200, 200, 200, 200, 200, 200, 429]);
    for (const r of held) await r.body?.cancel();
  });
});

describe("exportStream", () => {
  const big = buildTopology(snapshotFromObjects(syntheticCluster({ nodes: 30, pods: 3_000, nads: 12, seed: 9 })));

  it("makes a chunk only when the reader asks for one: unread, it stops a chunk or two ahead", async () => {
    let made = 0;
    const stream = exportStream(big, { check: () => made++ });
    const reader = stream.getReader();
    await reader.read();
    await new Promise((r) => setTimeout(r, 50));
    // the document is many chunks; one was read, at most one more made ahead
    const total = [...jsonChunks(big)].join("").length;
    expect(total / CHUNK_CHARS).toBeGreaterThan(20);
    expect(made).toBeLessThanOrEqual(3);
    await reader.cancel();
  });

  it("broken off mid-way, the reader gets an error and the bytes it got never end as the whole file does", async () => {
    let made = 0;
    let ended: unknown = "not yet";
    const stream = exportStream(big, {
      check: () => {
        if (++made === 5) throw new Error("access lost");
      },
      done: (e) => {
        ended = e;
      },
    });
    const reader = stream.getReader();
    const parts: Uint8Array[] = [];
    const error = await (async () => {
      for (;;) {
        const { done, value } = await reader.read();
        if (done) return null;
        parts.push(value);
      }
    })().catch((e: unknown) => e);
    expect(error).toBeInstanceOf(Error);
    expect(parts).toHaveLength(4);
    expect(endsWhole(parts)).toBe(false);
    expect(String(ended)).toBe("Error: access lost");
  });

  it("the server shutting down breaks it off at once, even while it waits for its reader", async () => {
    const shutdown = new AbortController();
    let ended: unknown = "not yet";
    const reader = exportStream(big, { signal: shutdown.signal, done: (e) => (ended = e) }).getReader();
    const first = await reader.read();
    expect(first.done).toBe(false);
    // the reader has stopped reading (a slow client): the stream holds a chunk ahead and makes no more
    shutdown.abort(new Error("shutting down"));
    expect(String(ended)).toBe("Error: shutting down");
    await expect(reader.read()).rejects.toThrow("shutting down");
  });

  it("leaves no listener on the shutdown signal once it has ended (it would hold the topology)", async () => {
    const shutdown = new AbortController();
    const removed = vi.spyOn(shutdown.signal, "removeEventListener");
    await new Response(exportStream(big, { signal: shutdown.signal })).arrayBuffer();
    expect(removed).toHaveBeenCalledWith("abort", expect.any(Function));
  });

  it("an element that cannot be written breaks it off the same way", async () => {
    const bad = { ...big, elements: [...big.elements] };
    bad.elements.splice(2_000, 0, {
      toJSON: () => {
        throw new Error("no JSON");
      },
    } as unknown as Topology["elements"][number]);
    const parts: Uint8Array[] = [];
    const reader = exportStream(bad).getReader();
    await expect(
      (async () => {
        for (;;) {
          const { done, value } = await reader.read();
          if (done) return;
          parts.push(value);
        }
      })(),
    ).rejects.toThrow("no JSON");
    expect(parts.length).toBeGreaterThan(0);
    expect(endsWhole(parts)).toBe(false);
  });
});
