import { once } from "node:events";
import { mkdtempSync, readFileSync, writeFileSync } from "node:fs";
import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { KubeConfig, type KubernetesListObject, type KubernetesObject } from "@kubernetes/client-node";
import { expect } from "vitest";
import { parseAllDocuments, stringify } from "yaml";
import { preloadLists } from "@/server/sources/live/early-preload-lists.mjs";
import { PRELOADED, takePreloaded } from "@/server/sources/live/early-preloaded.mjs";
import { listFn } from "@/server/sources/live/list-fn";
import { WATCHED } from "@/server/sources/live/resources";

// The preload's tests' common parts: an API server on loopback answering the preloaded Lists with given writes, the
// preload started against it, and the same List read as the live source reads it without the preload (listFn).

const dir = mkdtempSync(join(tmpdir(), "early-preload-"));
const servers: Server[] = [];

/** Writes (as they are) answering each path; any other path an empty List. */
export type Answers = ReadonlyMap<string, readonly Buffer[]>;

export async function apiServer(answers: Answers): Promise<string> {
  const server = createServer(async (req, res) => {
    res.writeHead(200, { "content-type": "application/json" });
    const writes = answers.get(req.url ?? "");
    if (!writes) return void res.end('{"kind":"List","metadata":{},"items":[]}');
    for (const w of writes) if (!res.write(w)) await once(res, "drain");
    res.end();
  });
  servers.push(server);
  server.listen(0, "127.0.0.1");
  await once(server, "listening");
  return `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
}

/** Every server apiServer started, closed, and the preload's slot emptied. */
export function closeAll(): void {
  for (const s of servers.splice(0)) s.close();
  globalThis.__plumblinePreloaded = undefined;
}

/** The preload started against `url` with a bearer token, as scripts/start.sh starts it. */
export function startPreload(url: string): void {
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
  expect(preloadLists({ PLUMBLINE_SOURCE: "kubeconfig", KUBECONFIG: file })).toBe(PRELOADED.length);
}

type Items = KubernetesObject[];

/** A preloaded List as the server's code takes it: its items, its head, how many batches they came in. */
export async function takeList(url: string, path: string): Promise<{ items: Items; head: object; batches: number }> {
  const target = { server: url, credential: "t", token: "t", insecure: false };
  const list = (await takePreloaded(target, path)) ?? expect.fail(`the List ${path} was not preloaded`);
  const items: Items = [];
  let batches = 0;
  const head = await list.take((batch) => {
    batches++;
    items.push(...(JSON.parse(batch) as Items));
  });
  return { items, head: head ?? expect.fail(`the List ${path} failed`), batches };
}

/** The same List as the live source reads it when nothing was preloaded: listFn, over HTTP, trimmed as it comes. */
export async function listFnList(url: string, kind: string): Promise<KubernetesListObject<KubernetesObject>> {
  const kc = new KubeConfig();
  kc.loadFromOptions({
    clusters: [{ name: "c", server: url, skipTLSVerify: true }],
    users: [{ name: "u", token: "t" }],
    contexts: [{ name: "x", cluster: "c", user: "u" }],
    currentContext: "x",
  });
  const r = WATCHED.find((w) => w.kind === kind) ?? expect.fail(`${kind} is not watched`);
  return listFn(kc, r)();
}

/** The demo cluster's objects of one kind (server/demo-cluster/*.yaml, the Multus walk-through's). */
export function demoObjects(kind: string): object[] {
  const demo = join(import.meta.dirname, "../server/demo-cluster");
  const files = [
    "01-nodes.yaml",
    "03-network-attachment-definitions.yaml",
    "04-pods.yaml",
    "05-nodenetworkstates.yaml",
  ];
  return files
    .flatMap((f) => parseAllDocuments(readFileSync(join(demo, f), "utf8")).map((d) => d.toJSON() as { kind?: string }))
    .filter((o) => o?.kind === kind);
}

/** A List as the API server streams it: its head, then one write per item, then its tail. */
export const streamedList = (items: readonly object[], resourceVersion = "7"): Buffer[] => [
  Buffer.from(`{"kind":"List","apiVersion":"v1","metadata":{"resourceVersion":"${resourceVersion}"},"items":[`),
  ...items.map((item, i) => Buffer.from(`${i ? "," : ""}${JSON.stringify(item)}`)),
  Buffer.from("]}"),
];
