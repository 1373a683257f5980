/** The spike's worker: given the snapshot less other shards' pods, builds its shards and sends them back. */
import { type MessagePort, parentPort } from "node:worker_threads";
import type { ClusterSnapshot } from "@/lib/k8s/snapshot";
import { flatJson, prepare } from "./shared";

interface Job {
  snap: ClusterSnapshot;
  names: string[];
  mode: "clone" | "json";
  port: MessagePort;
}
parentPort?.on("message", ({ snap, names, mode, port }: Job) => {
  const t0 = performance.now();
  const p = prepare(snap);
  const t1 = performance.now();
  const results = names.map((n) => [n, p.build(n)] as const);
  const t2 = performance.now();
  if (mode === "clone") port.postMessage(results);
  else port.postMessage(results.map(([n, r]) => [n, r && flatJson(r)]));
  const t3 = performance.now();
  parentPort?.postMessage({ prepare: t1 - t0, build: t2 - t1, send: t3 - t2 });
});
