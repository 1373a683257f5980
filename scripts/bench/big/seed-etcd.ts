import type { KubeObject } from "@/lib/k8s/objects";
import type { TestCluster } from "../../../testing/testbed/cluster";
import { asStored } from "./as-stored";
import { apiClient } from "./seed";

/**
 * Where kube-apiserver keeps each kind in etcd (its default --etcd-prefix /registry; nodes are "minions" there, custom
 * resources live under their group). The API server reads JSON as well as protobuf from its storage.
 */
const STORAGE: Record<string, [string, boolean]> = {
  Namespace: ["namespaces", false],
  Node: ["minions", false],
  Pod: ["pods", true],
  NodeNetworkState: ["nmstate.io/nodenetworkstates", false],
  NetworkAttachmentDefinition: ["k8s.cni.cncf.io/network-attachment-definitions", true],
};

function keyOf(o: KubeObject): string {
  const [where, namespaced] = STORAGE[o.kind] ?? ["", false];
  if (!where) throw new Error(`cannot seed ${o.kind} into etcd`);
  return `/registry/${where}/${namespaced ? `${o.metadata.namespace}/` : ""}${o.metadata.name}`;
}

const b64 = (s: string) => Buffer.from(s).toString("base64");
/** etcd's default limits: 128 operations per transaction, 1.5 MiB per request (base64 grows by a third) */
const OPS = 128;
const BYTES = 1_000_000;

/**
 * Seeds the objects straight into the bed's etcd, in transactions of up to 128 puts, 4 at a time: the API server's
 * admission, validation and encoding are skipped (through the API, 150,000 pods are 300,000 writes, ~1.6 ms of API
 * server CPU each: too slow on two cores). The objects are the generator's, valid through the API at smaller sizes
 * (`--seed api`). Ends when a LIST through the API server counts every object of each kind.
 */
export async function seedEtcd(
  c: TestCluster,
  objects: KubeObject[],
  log: (s: string) => void,
): Promise<{ ms: number; writes: number }> {
  const start = performance.now();
  const now = new Date().toISOString().replace(/\.\d+Z$/, "Z");
  const batches: string[][] = [];
  let batch: string[] = [];
  let bytes = 0;
  for (const o of objects) {
    const op = JSON.stringify({ requestPut: { key: b64(keyOf(o)), value: b64(JSON.stringify(asStored(o, now))) } });
    if (batch.length >= OPS || bytes + op.length > BYTES) {
      batches.push(batch);
      batch = [];
      bytes = 0;
    }
    batch.push(op);
    bytes += op.length;
  }
  if (batch.length) batches.push(batch);
  let next = 0;
  const worker = async () => {
    while (next < batches.length) {
      const ops = batches[next++] ?? [];
      const r = await fetch(`${c.etcdUrl}/v3/kv/txn`, { method: "POST", body: `{"success":[${ops.join(",")}]}` });
      if (!r.ok) throw new Error(`etcd txn: HTTP ${r.status} ${await r.text()}`);
    }
  };
  await Promise.all(Array.from({ length: 4 }, worker));
  log(`wrote ${objects.length} objects into etcd in ${batches.length} transactions`);
  await countThroughApi(c, objects, log);
  return { ms: performance.now() - start, writes: batches.length };
}

/** Waits until the API server lists every seeded object of each kind (it decodes what etcd holds). */
async function countThroughApi(c: TestCluster, objects: KubeObject[], log: (s: string) => void): Promise<void> {
  const api = apiClient(c);
  const paths: Record<string, string> = {
    Namespace: "/api/v1/namespaces",
    Node: "/api/v1/nodes",
    Pod: "/api/v1/pods",
    NodeNetworkState: "/apis/nmstate.io/v1beta1/nodenetworkstates",
    NetworkAttachmentDefinition: "/apis/k8s.cni.cncf.io/v1/network-attachment-definitions",
  };
  try {
    for (const [kind, path] of Object.entries(paths)) {
      const want = objects.filter((o) => o.kind === kind).length;
      for (let tries = 0; ; tries++) {
        const r = await api.call("GET", `${path}?limit=1`);
        const list = JSON.parse(r.text) as { items?: unknown[]; metadata?: { remainingItemCount?: number } };
        const got = (list.items?.length ?? 0) + (list.metadata?.remainingItemCount ?? 0);
        if (got >= want) break;
        if (tries > 300) throw new Error(`${kind}: the API server lists ${got} of ${want} (HTTP ${r.status})`);
        await new Promise((res) => setTimeout(res, 200));
      }
      log(`the API server lists every ${kind} (${want})`);
    }
  } finally {
    api.close();
  }
}
