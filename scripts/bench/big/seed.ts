import { Agent, request } from "node:https";
import type { KubeObject } from "@/lib/k8s/objects";
import type { TestCluster } from "../../../testing/testbed/cluster";

/** A kept-alive connection pool: 40,000 requests without a TLS handshake each. */
export function apiClient(c: TestCluster) {
  const agent = new Agent({ keepAlive: true, maxSockets: 32, ca: c.caData });
  const call = (method: string, path: string, body?: unknown, type = "application/json", accept = "application/json") =>
    new Promise<{ status: number; text: string }>((resolve, reject) => {
      const payload = body === undefined ? undefined : JSON.stringify(body);
      const req = request(new URL(path, c.server), {
        method,
        agent,
        headers: {
          authorization: `Bearer ${c.adminToken}`,
          accept,
          ...(payload ? { "content-type": type, "content-length": Buffer.byteLength(payload) } : {}),
        },
      });
      req.on("response", (res) => {
        const chunks: Buffer[] = [];
        res.on("data", (d: Buffer) => chunks.push(d));
        res.on("end", () => resolve({ status: res.statusCode ?? 0, text: Buffer.concat(chunks).toString() }));
      });
      req.on("error", reject);
      req.end(payload);
    });
  // A kept-alive socket the API server closed while idle (minutes of in-process cold starts at the maximum) resets
  // the next request on it: a GET is asked again once, on a new socket (the max run of 23:26 UTC stopped there).
  const retried: typeof call = (method, ...rest) =>
    call(method, ...rest).catch((err: NodeJS.ErrnoException) => {
      if (method !== "GET" || err.code !== "ECONNRESET") throw err;
      return call(method, ...rest);
    });
  return { call: retried, close: () => agent.destroy() };
}

const PLURAL: Record<string, [string, string, boolean]> = {
  Namespace: ["/api/v1", "namespaces", false],
  Node: ["/api/v1", "nodes", false],
  Pod: ["/api/v1", "pods", true],
  NodeNetworkState: ["/apis/nmstate.io/v1beta1", "nodenetworkstates", false],
  NetworkAttachmentDefinition: ["/apis/k8s.cni.cncf.io/v1", "network-attachment-definitions", true],
};

export function collectionOf(o: KubeObject): string {
  const [base, plural, namespaced] = PLURAL[o.kind] ?? ["", "", false];
  if (!base) throw new Error(`cannot seed ${o.kind}`);
  return namespaced ? `${base}/namespaces/${o.metadata.namespace}/${plural}` : `${base}/${plural}`;
}

/**
 * What the seeder asks the API server to answer with: protobuf where the kind has it (core kinds; custom resources
 * fall back to JSON), since the answer is only checked for its status code and encoding it is the API server's work.
 * The status write needs nothing from the create's answer: pods and nodes accept an update without resourceVersion.
 */
const ANSWER = "application/vnd.kubernetes.protobuf, application/json";
const resourceVersionOf = (json: string): string | undefined =>
  (JSON.parse(json) as { metadata?: { resourceVersion?: string } }).metadata?.resourceVersion;

/** Creates the objects, kinds in dependency order, many at a time; status written as kubelet or nmstate would. */
export async function seed(
  c: TestCluster,
  objects: KubeObject[],
  log: (s: string) => void,
): Promise<{ ms: number; writes: number }> {
  const api = apiClient(c);
  const start = performance.now();
  let writes = 0;
  const order = ["Namespace", "Node", "NodeNetworkState", "NetworkAttachmentDefinition", "Pod"];
  try {
    for (const kind of order) {
      const list = objects.filter((o) => o.kind === kind);
      const t = performance.now();
      let next = 0;
      const worker = async () => {
        while (next < list.length) {
          const o = list[next++] as KubeObject;
          const { status, ...rest } = o;
          const r = await api.call("POST", collectionOf(o), rest, "application/json", ANSWER);
          writes++;
          if (r.status !== 201 && r.status !== 409) throw new Error(`create ${kind}: HTTP ${r.status} ${r.text}`);
          if (status !== undefined && kind !== "Namespace") {
            const item = `${collectionOf(o)}/${o.metadata.name}/status`;
            // Custom resources answer JSON and need the resourceVersion for an update; core kinds answer protobuf.
            const resourceVersion = r.text.startsWith("{") ? resourceVersionOf(r.text) : undefined;
            const metadata = { ...o.metadata, ...(resourceVersion ? { resourceVersion } : {}) };
            const s = await api.call("PUT", item, { ...rest, metadata, status }, "application/json", ANSWER);
            if (s.status !== 200) throw new Error(`status ${kind}: HTTP ${s.status} ${s.text}`);
            writes++;
          }
        }
      };
      await Promise.all(Array.from({ length: 32 }, worker));
      log(`seeded ${list.length} ${kind} in ${((performance.now() - t) / 1000).toFixed(1)} s`);
    }
    return { ms: performance.now() - start, writes };
  } finally {
    api.close();
  }
}

/** Open WATCH requests on the API server, from its metrics (its own controllers' included: take a baseline). */
export async function openWatches(api: ReturnType<typeof apiClient>): Promise<number> {
  const m = await api.call("GET", "/metrics");
  return [...m.text.matchAll(/^apiserver_longrunning_requests\{[^}]*verb="WATCH"[^}]*\} (\d+)/gm)].reduce(
    (a, x) => a + Number(x[1]),
    0,
  );
}
