import { once } from "node:events";
import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { afterAll, describe, expect, it } from "vitest";
import { startPreload, takeList } from "@/testing/early-preload";
import { KEPT_BYTES, PRELOADED } from "./early-preloaded.mjs";

// The preload's Lists wait in memory until the server's code reads them. At 150,000 pods that code parses slower than
// the API server sends (issue 26), so what its thread hands over unread is bounded, counted in the List's bytes: past
// a few KEPT_BYTES the API server waits (here: an HTTP server that writes a List as fast as it is read), and every item
// still arrives once read.

const TOTAL = 12 * KEPT_BYTES;
const PODS = PRELOADED.find((p) => p.kind === "Pod")?.path ?? "";
let server: Server | undefined;
afterAll(() => {
  server?.close();
  globalThis.__plumblinePreloaded = undefined;
});

/** A pod of ~64 KiB, most of it an annotation the trimming drops (as kubectl's last-applied-configuration is). */
const pod = (i: number) =>
  JSON.stringify({
    metadata: {
      name: `p-${i}`,
      annotations: { "kubectl.kubernetes.io/last-applied-configuration": "a".repeat(2 ** 16) },
    },
  });

describe("the preload's Lists, unread", () => {
  it("are held a few KEPT_BYTES at most while nobody reads them, and arrive whole once read", async () => {
    let written = 0;
    let pods = 0;
    server = createServer(async (req, res) => {
      res.writeHead(200, { "content-type": "application/json" });
      if (req.url !== PODS) return void res.end('{"kind":"List","items":[]}');
      res.write('{"kind":"PodList","metadata":{"resourceVersion":"9"},"items":[');
      while (written < TOTAL && !res.destroyed) {
        const chunk = `${pods ? "," : ""}${pod(pods++)}`;
        written += chunk.length;
        if (!res.write(chunk)) await once(res, "drain");
      }
      res.end("]}");
    });
    server.listen(0, "127.0.0.1");
    await once(server, "listening");
    const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
    startPreload(url);

    // nobody reads: what the API server could send settles (before the preload held it: all of it, in this process)
    let seen = -1;
    for (let still = 0; still < 4 && written < TOTAL; ) {
      await new Promise((r) => setTimeout(r, 250));
      still = written === seen ? still + 1 : 0;
      seen = written;
    }
    expect(written).toBeLessThanOrEqual(8 * KEPT_BYTES);

    const { items, head } = await takeList(url, PODS);
    expect(written).toBeGreaterThanOrEqual(TOTAL);
    expect(items.map((p) => p.metadata?.name)).toEqual(Array.from({ length: pods }, (_, i) => `p-${i}`));
    expect(head).toMatchObject({ metadata: { resourceVersion: "9" } });
  }, 60_000);
});
