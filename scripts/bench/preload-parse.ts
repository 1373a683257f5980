// The server's thread's share of taking a 20k pods List, in process: before session 15 it split the List, parsed
// every full item and trimmed it; now the preload's thread does that and the server's thread parses its batches of
// trimmed items (server/sources/live/early-preload-lists.mjs). Demo pods (server/demo-cluster/04-pods.yaml) renamed to
// --pods, each with a kubelet managedFields entry, cut into 1,450 B chunks as the API server writes them; CPU of the
// server thread's part only (the batches are made ahead, as the preload's thread makes them), pairs interleaved.
//   npx tsx --tsconfig tsconfig.json scripts/bench/preload-parse.ts [--pods 20000] [--runs 7]
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { parseArgs } from "node:util";
import { parseAllDocuments } from "yaml";
import { ListSplitter } from "@/lib/k8s/list-splitter.mjs";
import { leanInPlace } from "@/server/sources/live/lean.mjs";

const { values: opt } = parseArgs({
  options: { pods: { type: "string", default: "20000" }, runs: { type: "string", default: "7" } },
});
type Pod = { kind?: string; metadata: { name: string; managedFields?: unknown } };
const demo = readFileSync(join(import.meta.dirname, "../../server/demo-cluster/04-pods.yaml"), "utf8");
const pods = parseAllDocuments(demo)
  .map((d) => d.toJSON() as Pod)
  .filter((o) => o?.kind === "Pod");
const items = Array.from({ length: Number(opt.pods) }, (_, i) => {
  const p = structuredClone(pods[i % pods.length] as Pod);
  p.metadata.name += `-${i}`;
  p.metadata.managedFields = [
    {
      manager: "kubelet",
      operation: "Update",
      apiVersion: "v1",
      time: "2026-01-01T00:00:00Z",
      fieldsType: "FieldsV1",
      fieldsV1: { "f:status": { "f:conditions": { ".": {} }, "f:containerStatuses": {}, "f:podIPs": {} } },
    },
  ];
  return p;
});
const head = '{"kind":"PodList","apiVersion":"v1","metadata":{"resourceVersion":"7"},"items":[';
const text = Buffer.from(`${head}${items.map((x) => JSON.stringify(x)).join(",")}]}`);
const chunks: Buffer[] = [];
for (let at = 0; at < text.length; at += 1450) chunks.push(text.subarray(at, at + 1450));

/** split, parse and trim every item: the server thread's work before, the preload thread's now */
const splitParseTrim = (onItem: (o: object) => void) => {
  const s = new ListSplitter((t) => {
    const o: object = JSON.parse(t);
    leanInPlace(o, "Pod");
    onItem(o);
  });
  return s;
};
// the preload thread's batches (256 KiB of the List each), made ahead: its work, not the server thread's
const batches: string[] = [];
{
  let batch: object[] = [];
  let bytes = 0;
  const s = splitParseTrim((o) => batch.push(o));
  for (const c of chunks) {
    s.push(c);
    bytes += c.length;
    if (bytes >= 2 ** 18 && batch.length) {
      batches.push(JSON.stringify(batch));
      batch = [];
      bytes = 0;
    }
  }
  if (batch.length) batches.push(JSON.stringify(batch));
}

const cpuMs = (f: () => void) => {
  const t = process.cpuUsage();
  f();
  const d = process.cpuUsage(t);
  return (d.user + d.system) / 1000;
};
const before = () => {
  const out: object[] = [];
  const s = splitParseTrim((o) => out.push(o));
  for (const c of chunks) s.push(c);
  s.end();
};
const now = () => {
  const out: object[] = [];
  for (const b of batches) for (const o of JSON.parse(b) as object[]) out.push(o);
};
const a: number[] = [];
const b: number[] = [];
for (let r = 0; r < Number(opt.runs); r++) {
  a.push(cpuMs(before));
  b.push(cpuMs(now));
}
const med = (x: number[]) => [...x].sort((p, q) => p - q)[x.length >> 1] ?? 0;
const range = (x: number[]) => `${med(x).toFixed(0)} ms (${Math.min(...x).toFixed(0)}–${Math.max(...x).toFixed(0)})`;
const mib = (n: number) => `${(n / 2 ** 20).toFixed(1)} MiB`;
const trimmed = batches.reduce((n, t) => n + t.length, 0);
console.log(`List ${mib(text.length)} in ${chunks.length} chunks; ${batches.length} batches, ${mib(trimmed)} trimmed`);
console.log(`before: split + parse + trim on the server's thread  ${range(a)}`);
console.log(`now:    parse the preload thread's batches          ${range(b)}`);
console.log(`now / before, run by run: ${a.map((x, i) => ((b[i] ?? 0) / x).toFixed(2)).join(" ")}`);
