import { once } from "node:events";
import { mkdtempSync, readFileSync, writeFileSync } from "node:fs";
import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { tmpdir } from "node:os";
import { join } from "node:path";
import type { Readable } from "node:stream";
import fc from "fast-check";
import { afterEach, describe, expect, it } from "vitest";
import { parseAllDocuments, stringify } from "yaml";
import { preloadLists } from "./early-preload-lists.mjs";
import { PRELOADED_PATHS, takePreloaded } from "./early-preloaded.mjs";

// The API server writes a List one item per write (its streaming encoder: ~1.5 KB a pod, 31,000 chunks for 20,000
// pods), and each message from the preload's thread costs the server's thread — the one that then parses and builds —
// an event, a stream write and an acknowledgement. So the thread hands the bytes over in batches, and they must arrive
// whole and in order however the API server cut them.

const PODS = PRELOADED_PATHS.find((p) => p.startsWith("/api/v1/pods")) ?? "";
const dir = mkdtempSync(join(tmpdir(), "early-batches-"));
let server: Server | undefined;
afterEach(() => {
  server?.close();
  server = undefined;
  globalThis.__plumblinePreloaded = undefined;
});

/** An API server on loopback answering the pods' List with these writes, as they are; the other Lists empty. */
async function apiServer(writes: Buffer[]): Promise<string> {
  server = createServer(async (req, res) => {
    res.writeHead(200, { "content-type": "application/json" });
    if (req.url !== PODS) return void res.end('{"kind":"List","items":[]}');
    for (const w of writes) if (!res.write(w)) await once(res, "drain");
    res.end();
  });
  server.listen(0, "127.0.0.1");
  await once(server, "listening");
  return `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
}

/** The preload started against `url`; the pods' body as the server's code takes it: its bytes and its chunks. */
async function preloadedPods(url: string): Promise<{ bytes: Buffer; chunks: number }> {
  const file = join(dir, `kubeconfig-${url.split(":").pop()}`);
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
  const target = { server: url, credential: "t", token: "t", insecure: false };
  const body = (await takePreloaded(target, PODS, async () => null)) as Readable | null;
  if (!body) return expect.fail("the pods' List was not preloaded");
  const got: Buffer[] = [];
  body.on("data", (c: Buffer) => got.push(c));
  await once(body, "end");
  return { bytes: Buffer.concat(got), chunks: got.length };
}

/** The demo cluster's pods (server/demo-cluster/04-pods.yaml, the Multus walk-through's), renamed to `n` pods. */
function demoPods(n: number): object[] {
  const text = readFileSync(join(import.meta.dirname, "../../demo-cluster/04-pods.yaml"), "utf8");
  const pods = parseAllDocuments(text).map((d) => d.toJSON() as { metadata: { name: string } });
  return Array.from({ length: n }, (_, i) => {
    const pod = structuredClone(pods[i % pods.length] ?? expect.fail("04-pods.yaml holds no pod"));
    pod.metadata.name = `${pod.metadata.name}-${i}`;
    return pod;
  });
}

/** A List as the API server streams it: its head, then one write per item, then its tail. */
const streamedList = (items: object[]): Buffer[] => [
  Buffer.from('{"kind":"PodList","apiVersion":"v1","metadata":{"resourceVersion":"7"},"items":['),
  ...items.map((item, i) => Buffer.from(`${i ? "," : ""}${JSON.stringify(item)}`)),
  Buffer.from("]}"),
];

describe("the preload's Lists, handed to the server's thread", () => {
  it("come in batches, not one message per item the API server wrote", async () => {
    const writes = streamedList(demoPods(3000));
    const { bytes, chunks } = await preloadedPods(await apiServer(writes));
    expect(bytes.equals(Buffer.concat(writes))).toBe(true);
    // before: a message (and an acknowledgement) per write, 3,002 here
    expect(chunks).toBeLessThanOrEqual(writes.length / 10);
  }, 30_000);

  it("arrive whole and in order however the API server cuts them", async () => {
    await fc.assert(
      fc.asyncProperty(
        // chunk sizes from one byte to past a batch (a chunk bigger than a batch goes whole)
        fc.array(fc.oneof(fc.integer({ min: 1, max: 64 }), fc.integer({ min: 1, max: 300 * 2 ** 10 })), {
          minLength: 1,
          maxLength: 40,
        }),
        fc.integer({ min: 0, max: 255 }),
        async (sizes, seed) => {
          const writes = sizes.map((n, i) => Buffer.alloc(n, (seed + i) % 256));
          const { bytes } = await preloadedPods(await apiServer(writes));
          globalThis.__plumblinePreloaded = undefined;
          server?.close();
          expect(bytes.equals(Buffer.concat(writes))).toBe(true);
        },
      ),
      { numRuns: 8 },
    );
  }, 60_000);
});
