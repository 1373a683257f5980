// Plain JavaScript with no import but Node's own and yaml: the production server's preload runs it on a thread of its
// own before Next is even required (early-preload-lists.mjs), and the server's own code (early-lists.ts) uses the same
// functions once it has loaded: find what the server will read with, when that is plain to read without the Kubernetes
// client (a kubeconfig user with a bearer token, or the in-cluster service account), and send a LIST, every byte of
// its answer kept as it arrives until it is read.
import { existsSync, readFileSync } from "node:fs";
import { request as httpRequest } from "node:http";
import { Agent, request as httpsRequest } from "node:https";
import { homedir } from "node:os";
import { dirname, isAbsolute, join } from "node:path";
import { PassThrough } from "node:stream";
import { createGunzip } from "node:zlib";
import { parse } from "yaml";
import { KEPT_BYTES } from "./early-preloaded.mjs";

const SA = "/var/run/secrets/kubernetes.io/serviceaccount";

/**
 * An API server on this machine or this cluster's own (in-cluster config): its Lists are read uncompressed. It would
 * gzip a 40 MB List (CPU on a core this process may share) for this process to gunzip on the thread that parses it;
 * neither pays off on so short a hop. A remote API server (a laptop's kubeconfig) still sends them compressed.
 */
export function nearby(server) {
  let host;
  try {
    host = new URL(server).hostname.replace(/^\[|\]$/g, "");
  } catch {
    return false;
  }
  const inCluster = process.env.KUBERNETES_SERVICE_HOST;
  return (
    host === "localhost" || host === "::1" || /^127(\.\d{1,3}){3}$/.test(host) || (!!inCluster && host === inCluster)
  );
}

const isObject = (x) => typeof x === "object" && x !== null && !Array.isArray(x);

/** The kubeconfig (or service account) the server will read with, when its credential is a bearer token. */
export function earlyTarget(kubeconfig, context, env = process.env) {
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

const ca = (file) => ({ ca: readFileSync(/*turbopackIgnore: true*/ file, "utf8"), insecure: false });
const named = (list, name) => {
  const found = Array.isArray(list) ? list.find((x) => isObject(x) && x.name === name) : undefined;
  return isObject(found) ? found : undefined;
};

function fromKubeconfig(file, context) {
  const doc = parse(readFileSync(/*turbopackIgnore: true*/ file, "utf8"));
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

/** A kept-alive connection pool for one target's early lists. */
export const agentFor = (t) => new Agent({ keepAlive: true, ca: t.ca, rejectUnauthorized: !t.insecure });

/**
 * One LIST sent now; resolves to its body (gunzipped when the API server compressed it), or null when it failed to
 * answer 200. The body keeps every chunk from the moment it arrives, read or not (up to KEPT_BYTES, then the rest
 * waits in the API server): whoever reads it later gets them all; destroying it before the end drops the request.
 */
export function sendList(t, path, agent) {
  return new Promise((resolve) => {
    const url = new URL(`${t.server}${path}`);
    const plain = url.protocol === "http:";
    const req = (plain ? httpRequest : httpsRequest)(url, {
      ...(plain ? {} : { agent }),
      headers: {
        authorization: `Bearer ${t.token}`,
        accept: "application/json",
        ...(nearby(t.server) ? {} : { "accept-encoding": "gzip" }),
      },
    });
    req.on("error", () => resolve(null));
    req.on("response", (res) => {
      if (res.statusCode !== 200) {
        res.resume();
        return resolve(null);
      }
      const body = res.headers["content-encoding"] === "gzip" ? res.pipe(createGunzip()) : res;
      const kept = new PassThrough({ highWaterMark: KEPT_BYTES });
      // Up to KEPT_BYTES unread on each side of `kept` (seconds of the API server's sending: the List goes on while
      // the server's code loads); beyond that the socket is not read until they are, and the API server waits.
      body.on("data", (chunk) => kept.write(chunk) || body.pause());
      kept.on("drain", () => body.resume());
      body.on("end", () => kept.end());
      body.on("error", (e) => kept.destroy(e));
      kept.on("close", () => res.complete || req.destroy());
      resolve(kept);
    });
    req.end();
  });
}
