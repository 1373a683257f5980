import { once } from "node:events";
import { mkdtempSync, writeFileSync } from "node:fs";
import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { stringify } from "yaml";
import { preloadLists } from "./early-preload-lists.mjs";
import { KEPT_BYTES, PRELOADED_PATHS, takePreloaded } from "./early-preloaded.mjs";

// The preload's Lists wait in memory until the server's code reads them. At 150,000 pods that code parses slower than
// the API server sends (issue 26), so the unread part of the pods' List is bounded: past a few KEPT_BYTES the API
// server waits (here: an HTTP server that writes as fast as it is read), and every byte still arrives once read.

const TOTAL = 20 * KEPT_BYTES;
const PODS = PRELOADED_PATHS.find((p) => p.startsWith("/api/v1/pods")) ?? "";
let server: Server | undefined;
afterAll(() => {
  server?.close();
  globalThis.__plumblinePreloaded = undefined;
});

describe("the preload's Lists, unread", () => {
  it("are held a few KEPT_BYTES at most while nobody reads them, and arrive whole once read", async () => {
    let written = 0;
    server = createServer(async (req, res) => {
      res.writeHead(200, { "content-type": "application/json" });
      if (req.url !== PODS) return void res.end('{"kind":"List","items":[]}');
      const chunk = Buffer.alloc(2 ** 20, "a");
      while (written < TOTAL && !res.destroyed) {
        written += chunk.length;
        if (!res.write(chunk)) await once(res, "drain");
      }
      res.end();
    });
    server.listen(0, "127.0.0.1");
    await once(server, "listening");
    const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
    const file = join(mkdtempSync(join(tmpdir(), "early-held-")), "kubeconfig");
    writeFileSync(
      file,
      stringify({
        clusters: [{ name: "c", cluster: { server: url } }],
        users: [{ name: "u", user: { token: "t" } }],
        contexts: [{ name: "x", context: { cluster: "c", user: "u" } }],
        "current-context": "x",
      }),
    );
    expect(preloadLists({ PLUMBLINE_SOURCE: "kubeconfig", KUBECONFIG: file })).toBe(PRELOADED_PATHS.length);

    // nobody reads: what the API server could send settles (before: all of it, kept in this process)
    let seen = -1;
    for (let still = 0; still < 4 && written < TOTAL; ) {
      await new Promise((r) => setTimeout(r, 250));
      still = written === seen ? still + 1 : 0;
      seen = written;
    }
    expect(written).toBeLessThanOrEqual(8 * KEPT_BYTES);

    const body = await takePreloaded(
      { server: url, credential: "t", token: "t", insecure: false },
      PODS,
      async () => null,
    );
    if (!body) return expect.fail("the pods' List was not preloaded");
    let read = 0;
    for await (const chunk of body) read += (chunk as Buffer).byteLength;
    expect(read).toBe(TOTAL);
  }, 60_000);
});
