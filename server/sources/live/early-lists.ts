import { existsSync, readFileSync } from "node:fs";
import { request as httpRequest, type IncomingMessage } from "node:http";
import { Agent, request as httpsRequest } from "node:https";
import { homedir } from "node:os";
import { dirname, isAbsolute, join } from "node:path";
import { createGunzip } from "node:zlib";
import type { KubernetesListObject, KubernetesObject } from "@kubernetes/client-node";
import { parse } from "yaml";
import { ListSplitter } from "@/lib/k8s/list-stream";
import { isObject } from "@/lib/result";
import { leanInPlace } from "./lean";
import { nearby } from "./nearby";
import { listQuery, resourcePath, WATCHED } from "./resources";

// The first LIST of every watched kind, sent as the server process starts: before the Kubernetes client (hundreds of
// ES modules: ~1 s on an idle machine, 3-5 s at load) has loaded, so the API server serialises the lists while this
// process still loads its code. Read as they stream, exactly as listFn reads them; the live source's first list of a
// kind with the same server, credential and path takes the early one instead of asking again (once; an untaken one
// is dropped after a minute). Only for what is plain to read without the client: a kubeconfig user with a bearer
// token, or the in-cluster service account; anything else (client certificates, exec plugins) lists as before.

/** Where the early lists go and with what: what listFn compares before it takes one. */
export interface EarlyTarget {
  server: string;
  /** the bearer token, or `tokenFile:<path>` for the in-cluster service account (as client-node names it) */
  credential: string;
  token: string;
  ca?: string;
  insecure: boolean;
}

type ListResult = KubernetesListObject<KubernetesObject>;

interface EarlyList {
  items: KubernetesObject[];
  /** the taker's onItem, once taken: items parsed from then on go straight to it */
  sink?: (item: KubernetesObject) => void;
  done: Promise<ListResult | null>;
}

const SA = "/var/run/secrets/kubernetes.io/serviceaccount";
/** an early list nobody took by then is dropped (its memory is the whole list) */
const UNTAKEN_MS = 60_000;

declare global {
  // the early lists of this process, shared by every bundle (instrumentation's and the routes')
  var __plumblineEarlyLists: Map<string, EarlyList> | undefined;
}

const keyOf = (server: string, credential: string, path: string) => `${server}\n${credential}\n${path}`;

/** The kubeconfig (or service account) the server will read with, when its credential is a bearer token. */
export function earlyTarget(
  kubeconfig: string | undefined,
  context: string | undefined,
  env: Record<string, string | undefined> = process.env,
): EarlyTarget | null {
  const file = kubeconfig ?? join(homedir(), ".kube", "config");
  // turbopackIgnore: a path Next cannot scope at build time makes it trace the whole project (sources, tests, README)
  // into the standalone server and the image; these files are the user's, never the project's.
  if (existsSync(/*turbopackIgnore: true*/ file)) return fromKubeconfig(file, context);
  if (kubeconfig || context || !env.KUBERNETES_SERVICE_HOST || !existsSync(`${SA}/token`)) return null;
  const host = env.KUBERNETES_SERVICE_HOST.includes(":")
    ? `[${env.KUBERNETES_SERVICE_HOST}]`
    : env.KUBERNETES_SERVICE_HOST;
  const port = env.KUBERNETES_SERVICE_PORT ?? "443";
  if (["80", "8080", "8001"].includes(port)) return null;
  const token = readFileSync(`${SA}/token`, "utf8").trim();
  return { server: `https://${host}:${port}`, credential: `tokenFile:${SA}/token`, token, ...ca(`${SA}/ca.crt`) };
}

const ca = (file: string) => ({ ca: readFileSync(/*turbopackIgnore: true*/ file, "utf8"), insecure: false });
const named = (list: unknown, name: unknown): Record<string, unknown> | undefined => {
  const found = Array.isArray(list) ? list.find((x) => isObject(x) && x.name === name) : undefined;
  return isObject(found) ? found : undefined;
};

function fromKubeconfig(file: string, context: string | undefined): EarlyTarget | null {
  const doc: unknown = parse(readFileSync(/*turbopackIgnore: true*/ file, "utf8"));
  if (!isObject(doc)) return null;
  const ctx = named(doc.contexts, context ?? doc["current-context"])?.context;
  if (!isObject(ctx)) return null;
  const cluster = named(doc.clusters, ctx.cluster)?.cluster;
  const user = named(doc.users, ctx.user)?.user;
  if (!isObject(cluster) || !isObject(user) || typeof cluster.server !== "string") return null;
  // a bearer token and nothing else: any other way to authenticate is left to the client
  if (typeof user.token !== "string" || Object.keys(user).length !== 1) return null;
  const base = { server: cluster.server.replace(/\/+$/, ""), credential: user.token, token: user.token };
  if (cluster["insecure-skip-tls-verify"] === true) return { ...base, insecure: true };
  const data = cluster["certificate-authority-data"];
  if (typeof data === "string") return { ...base, ca: Buffer.from(data, "base64").toString(), insecure: false };
  const caFile = cluster["certificate-authority"];
  if (typeof caFile === "string") return { ...base, ...ca(isAbsolute(caFile) ? caFile : join(dirname(file), caFile)) };
  return { ...base, insecure: false };
}

/** Sends every watched kind's cluster-wide LIST now; returns how many went out. */
export function startEarlyLists(target: EarlyTarget): number {
  const lists = globalThis.__plumblineEarlyLists ?? new Map<string, EarlyList>();
  globalThis.__plumblineEarlyLists = lists;
  const agent = new Agent({ keepAlive: true, ca: target.ca, rejectUnauthorized: !target.insecure });
  let sent = 0;
  for (const r of WATCHED) {
    const path = `${resourcePath(r)}${listQuery(r)}`;
    const key = keyOf(target.server, target.credential, path);
    if (lists.has(key)) continue;
    const early: EarlyList = { items: [], done: Promise.resolve(null) };
    early.done = read(target, path, agent, (item) => {
      leanInPlace(item, r.kind);
      if (early.sink) early.sink(item);
      early.items.push(item);
    });
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

/** One List read as it streams: each item parsed and handed on; null when it fails in any way. */
function read(t: EarlyTarget, path: string, agent: Agent, onItem: (item: KubernetesObject) => void) {
  return new Promise<ListResult | null>((resolve) => {
    const url = new URL(`${t.server}${path}`);
    const compress = !nearby(t.server);
    const send = url.protocol === "http:" ? httpRequest : httpsRequest;
    const req = send(url, {
      ...(url.protocol === "http:" ? {} : { agent }),
      headers: {
        authorization: `Bearer ${t.token}`,
        accept: "application/json",
        ...(compress ? { "accept-encoding": "gzip" } : {}),
      },
    });
    req.on("error", () => resolve(null));
    req.on("response", (res: IncomingMessage) => {
      if (res.statusCode !== 200) {
        res.resume();
        return resolve(null);
      }
      const body = res.headers["content-encoding"] === "gzip" ? res.pipe(createGunzip()) : res;
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
          req.destroy();
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
    req.end();
  });
}
