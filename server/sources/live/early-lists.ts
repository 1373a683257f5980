import type { Readable } from "node:stream";
import type { KubernetesListObject, KubernetesObject } from "@kubernetes/client-node";
import { ListSplitter } from "@/lib/k8s/list-stream";
import { isObject } from "@/lib/result";
import { type PreloadedList, takePreloaded, UNTAKEN_MS } from "./early-preloaded.mjs";
import { agentFor, type EarlyTarget, sendList } from "./early-requests.mjs";
import { leanInPlace } from "./lean.mjs";
import { listQuery, resourcePath, WATCHED } from "./resources";

export { type EarlyTarget, earlyTarget } from "./early-requests.mjs";

// The first LIST of every watched kind, sent as the server process starts: before the Kubernetes client (hundreds of
// ES modules: ~1 s on an idle machine, 3-5 s at load) has loaded, so the API server serialises the lists while this
// process still loads its code; the biggest are sent even before Next is required, by the preload
// (early-preload.mjs), whose thread parses and trims their items too, and taken here. Read as they stream, exactly as listFn reads them; the live source's first
// list of a kind with the same server, credential and path takes the early one instead of asking again (once; an
// untaken one is dropped after a minute). Only for what is plain to read without the client: a kubeconfig user with a
// bearer token, or the in-cluster service account; anything else (client certificates, exec plugins) lists as before.

type ListResult = KubernetesListObject<KubernetesObject>;

interface EarlyList {
  items: KubernetesObject[];
  /** the taker's onItem, once taken: items parsed from then on go straight to it */
  sink?: (item: KubernetesObject) => void;
  done: Promise<ListResult | null>;
}

declare global {
  // the early lists of this process, shared by every bundle (instrumentation's and the routes')
  var __plumblineEarlyLists: Map<string, EarlyList> | undefined;
}

const keyOf = (server: string, credential: string, path: string) => `${server}\n${credential}\n${path}`;

/** Sends every watched kind's cluster-wide LIST now; returns how many went out. */
export function startEarlyLists(target: EarlyTarget): number {
  const lists = globalThis.__plumblineEarlyLists ?? new Map<string, EarlyList>();
  globalThis.__plumblineEarlyLists = lists;
  const agent = agentFor(target);
  let sent = 0;
  for (const r of WATCHED) {
    const path = `${resourcePath(r)}${listQuery(r, "cache")}`;
    const key = keyOf(target.server, target.credential, path);
    if (lists.has(key)) continue;
    const early: EarlyList = { items: [], done: Promise.resolve(null) };
    const take = (item: KubernetesObject) => {
      if (early.sink) early.sink(item);
      early.items.push(item);
    };
    // the preload's, its items already trimmed, when it sent this one to this server with this credential; else sent
    // now and trimmed here
    const send = () =>
      read(sendList(target, path, agent), (item) => {
        leanInPlace(item, r.kind);
        take(item);
      });
    const preloaded = takePreloaded(target, path);
    early.done = preloaded ? preloaded.then((list) => (list === undefined ? send() : readLean(list, take))) : send();
    lists.set(key, early);
    sent++;
    setTimeout(() => lists.get(key) === early && lists.delete(key), UNTAKEN_MS).unref();
  }
  // the agent's sockets go once every early list is in: the live source reads over a pool of its own
  void Promise.all([...lists.values()].map((l) => l.done)).then(() => agent.destroy());
  return sent;
}

/**
 * The early list of this path for this server and credential, taken once: every item read so far and each one after
 * goes to `onItem` as it is parsed; resolves to the List, or null when it failed (the caller lists as before).
 */
export function takeEarlyList(
  server: string,
  credential: string | undefined,
  path: string,
  onItem?: (item: KubernetesObject) => void,
): Promise<ListResult | null> | null {
  const lists = globalThis.__plumblineEarlyLists;
  if (!lists || !credential) return null;
  const key = keyOf(server.replace(/\/+$/, ""), credential, path);
  const early = lists.get(key);
  if (!early) return null;
  lists.delete(key);
  if (onItem) {
    for (const item of early.items) onItem(item);
    early.sink = onItem;
  }
  return early.done;
}

/**
 * A List the preload's thread read: each batch of its trimmed items parsed and handed on; null when it failed in any
 * way (as `read`'s).
 */
async function readLean(list: PreloadedList | null, onItem: (item: KubernetesObject) => void) {
  if (!list) return null;
  const items: KubernetesObject[] = [];
  const head = await list.take((batch) => {
    // an array of the API's own List's items, trimmed; read through asSnapshotObject by the source (as listFn's)
    const got: KubernetesObject[] = JSON.parse(batch);
    for (const item of got) {
      items.push(item);
      onItem(item);
    }
  });
  return head && { ...head, metadata: isObject(head.metadata) ? head.metadata : {}, items };
}

/** One List read as it streams: each item parsed and handed on; null when it fails in any way. */
async function read(sent: Promise<Readable | null>, onItem: (item: KubernetesObject) => void) {
  const body = await sent;
  if (!body) return null;
  return new Promise<ListResult | null>((resolve) => {
    const items: KubernetesObject[] = [];
    const splitter = new ListSplitter((text) => {
      // an item of the API's own List, read through asSnapshotObject by the source (as listFn's)
      const item: KubernetesObject = JSON.parse(text);
      items.push(item);
      onItem(item);
    });
    body.on("data", (chunk: Buffer) => {
      try {
        splitter.push(chunk);
      } catch {
        body.destroy();
        resolve(null);
      }
    });
    body.on("error", () => resolve(null));
    body.on("end", () => {
      try {
        const head = splitter.end();
        resolve({ ...head, metadata: isObject(head.metadata) ? head.metadata : {}, items });
      } catch {
        resolve(null);
      }
    });
  });
}
