import fc from "fast-check";
import { afterEach, describe, expect, it } from "vitest";
import {
  apiServer,
  closeAll,
  demoObjects,
  listFnList,
  startPreload,
  streamedList,
  takeList,
} from "@/testing/early-preload";
import { PRELOADED } from "./early-preloaded.mjs";

// The preload's thread splits, parses and trims each List's items (list-splitter.mjs, lean.mjs) and hands them to the
// server's thread in batches: the API server writes a List one item per write (its streaming encoder: ~1.5 KB a pod,
// 31,000 chunks for 20,000 pods), and each message costs the server's thread — the one that then builds the store —
// an event and an acknowledgement. Whatever the cuts, the source must get the items listFn would have given it.

const PODS = PRELOADED.find((p) => p.kind === "Pod")?.path ?? "";
afterEach(closeAll);

/** The demo cluster's pods (server/demo-cluster/04-pods.yaml, the Multus walk-through's), renamed to `n` pods. */
function demoPods(n: number): object[] {
  const pods = demoObjects("Pod") as { metadata: { name: string } }[];
  return Array.from({ length: n }, (_, i) => {
    const pod = structuredClone(pods[i % pods.length] ?? expect.fail("04-pods.yaml holds no pod"));
    pod.metadata.name = `${pod.metadata.name}-${i}`;
    return pod;
  });
}

/** Writes of these sizes, cutting the text anywhere (the last one takes what is left). */
const cut = (text: Buffer, sizes: readonly number[]): Buffer[] => {
  const out: Buffer[] = [];
  let at = 0;
  for (const n of sizes) {
    if (at >= text.length) break;
    out.push(text.subarray(at, at + n));
    at += n;
  }
  if (at < text.length) out.push(text.subarray(at));
  return out;
};

/** A pod as arbitrary as the parts lean.mjs reads: annotations of any kind, owners, containers, status. */
const arbitraryPod = fc.record({
  apiVersion: fc.constant("v1"),
  kind: fc.constant("Pod"),
  metadata: fc.record(
    {
      name: fc.string(),
      namespace: fc.string(),
      generateName: fc.string(),
      uid: fc.uuid(),
      resourceVersion: fc.nat().map(String),
      labels: fc.dictionary(fc.string(), fc.string()),
      annotations: fc.dictionary(
        fc.oneof(fc.constantFrom("k8s.v1.cni.cncf.io/networks", "k8s.v1.cni.cncf.io/network-status"), fc.string()),
        fc.string(),
      ),
      ownerReferences: fc.array(
        fc.record({ apiVersion: fc.string(), kind: fc.string(), name: fc.string(), controller: fc.boolean() }),
      ),
      managedFields: fc.array(fc.jsonValue()),
    },
    { requiredKeys: ["name"] },
  ),
  spec: fc.oneof(
    fc.jsonValue(),
    fc.record({
      nodeName: fc.string(),
      containers: fc.array(fc.oneof(fc.jsonValue(), fc.record({ name: fc.string(), resources: fc.jsonValue() }))),
    }),
  ),
  status: fc.oneof(
    fc.jsonValue(),
    fc.record({ phase: fc.string(), podIPs: fc.jsonValue(), conditions: fc.jsonValue() }),
  ),
});

describe("the preload's Lists, handed to the server's thread", () => {
  it("come in batches of trimmed items, not one message per item the API server wrote", async () => {
    const writes = streamedList(demoPods(3000));
    const url = await apiServer(new Map([[PODS, writes]]));
    startPreload(url);
    const got = await takeList(url, PODS);
    const listed = await listFnList(url, "Pod");
    expect(got.items).toHaveLength(3000);
    expect(got.items).toEqual(listed.items);
    expect(got.head).toEqual({ kind: "List", apiVersion: "v1", metadata: { resourceVersion: "7" }, items: [] });
    // before: a message (and an acknowledgement) per write, 3,002 here
    expect(got.batches).toBeLessThanOrEqual(writes.length / 10);
  }, 60_000);

  it("are the demo's objects of each preloaded kind, item for item, as listFn reads them", async () => {
    const answers = new Map(PRELOADED.map(({ kind, path }) => [path, streamedList(demoObjects(kind))]));
    const url = await apiServer(answers);
    startPreload(url);
    for (const { kind, path } of PRELOADED) {
      expect(demoObjects(kind).length, kind).toBeGreaterThan(0);
      const got = await takeList(url, path);
      const listed = await listFnList(url, kind);
      expect(got.items, kind).toEqual(listed.items);
      expect({ ...got.head, items: listed.items }, kind).toEqual(listed);
    }
  }, 60_000);

  it("give the items listFn gives, however the List is cut and whatever its pods hold", async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.array(arbitraryPod, { maxLength: 30 }),
        fc.nat().map(String),
        // write sizes from one byte to past a batch (a write bigger than a batch goes whole)
        fc.array(fc.oneof(fc.integer({ min: 1, max: 64 }), fc.integer({ min: 1, max: 300 * 2 ** 10 })), {
          minLength: 1,
          maxLength: 40,
        }),
        async (pods, resourceVersion, sizes) => {
          const writes = cut(Buffer.concat(streamedList(pods, resourceVersion)), sizes);
          const url = await apiServer(new Map([[PODS, writes]]));
          startPreload(url);
          const got = await takeList(url, PODS);
          const listed = await listFnList(url, "Pod");
          closeAll();
          expect(got.items).toEqual(listed.items);
          expect(got.head).toMatchObject({ metadata: { resourceVersion } });
        },
      ),
      { numRuns: 12 },
    );
  }, 120_000);

  it("a List that cannot be read is null, as listFn's would throw: the source lists afresh", async () => {
    const writes = [Buffer.from('{"kind":"List","metadata":{},"items":[{"a":1},2]}')];
    const url = await apiServer(new Map([[PODS, writes]]));
    startPreload(url);
    const target = { server: url, credential: "t", token: "t", insecure: false };
    const { takePreloaded } = await import("./early-preloaded.mjs");
    const list = (await takePreloaded(target, PODS)) ?? expect.fail("not preloaded");
    expect(await list.take(() => {})).toBeNull();
    await expect(listFnList(url, "Pod")).rejects.toThrow();
  }, 60_000);
});
