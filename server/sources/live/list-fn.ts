import { Readable } from "node:stream";
import {
  ApiException,
  type KubeConfig,
  type KubernetesListObject,
  type KubernetesObject,
} from "@kubernetes/client-node";
import fetch from "node-fetch";
import { ListSplitter } from "@/lib/k8s/list-stream";
import { isObject } from "@/lib/result";
import { takeEarlyList } from "./early-lists";
import { nearby } from "./early-requests.mjs";
import { leanInPlace } from "./lean.mjs";
import { type ListRead, listQuery, resourcePath, type WatchedResource } from "./resources";

type ListFn = () => Promise<KubernetesListObject<KubernetesObject>>;

/**
 * The list half of list+watch, as a plain GET read as it streams in: each item is parsed and cut to what the
 * topology reads (then handed to `onItem`) while the API server still sends the next ones, so 20,000 pods are never
 * one 45 MB string nor one graph of every full pod, and no single parse holds the event loop. (The generated clients
 * would also walk every field through their model classes.) Errors carry the status and body as the generated
 * clients' ApiException does, so they read the same.
 */
export function listFn(
  kc: KubeConfig,
  r: WatchedResource,
  namespace?: string,
  onItem?: (item: KubernetesObject) => void,
): ListFn {
  // the first List from the watch cache, a List again (after a failed watch) consistent: resources.ts ListRead
  let read: ListRead = "cache";
  return async () => {
    const server = kc.getCurrentCluster()?.server;
    if (!server) throw new Error("no cluster configured");
    const path = `${resourcePath(r, namespace)}${listQuery(r, read)}`;
    read = "consistent";
    // the same List sent as the process started (early-lists.ts), once, when it was asked as this source asks it
    const early = await takeEarlyList(server, credentialOf(kc), path, onItem);
    if (early) return early;
    const init = await kc.applyToFetchOptions({});
    const url = `${server}${path}`;
    const res = await fetch(url, { ...init, method: "GET", compress: !nearby(server) });
    if (!res.ok) {
      const body = await res.text();
      throw new ApiException(res.status, `HTTP-Code: ${res.status}`, body, Object.fromEntries(res.headers.entries()));
    }
    const items: KubernetesObject[] = [];
    const splitter = new ListSplitter((text) => {
      // biome-ignore lint/plugin: an item of the API's own List; read through asSnapshotObject by the source
      const item = JSON.parse(text) as KubernetesObject;
      leanInPlace(item, r.kind);
      items.push(item);
      onItem?.(item);
    });
    await readChunks(res.body, (chunk) => splitter.push(chunk));
    const head = splitter.end();
    const metadata = isObject(head.metadata) ? head.metadata : {};
    return { ...head, metadata, items };
  };
}

/** The credential early-lists.ts keys its lists by: the user's bearer token, or the service account's token file. */
function credentialOf(kc: KubeConfig): string | undefined {
  const user = kc.getCurrentUser();
  if (user?.token) return user.token;
  const file = user?.authProvider?.name === "tokenFile" ? user.authProvider.config?.tokenFile : undefined;
  return typeof file === "string" ? `tokenFile:${file}` : undefined;
}

/** Every chunk of a response body, as it arrives (a listener per chunk: cheaper than an async iterator's promises). */
function readChunks(body: NodeJS.ReadableStream, onChunk: (chunk: Uint8Array) => void): Promise<void> {
  return new Promise((resolve, reject) => {
    body.on("data", (chunk: unknown) => {
      try {
        if (!(chunk instanceof Uint8Array)) throw new Error("the response body is text, not bytes");
        onChunk(chunk);
      } catch (err) {
        // The rest of a List that cannot be read is not waited for: the connection goes.
        body.removeAllListeners("data");
        if (body instanceof Readable) body.destroy();
        reject(err);
      }
    });
    body.once("error", reject);
    body.once("end", resolve);
  });
}
