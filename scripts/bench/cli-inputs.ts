/**
 * Peak memory (RSS, by /usr/bin/time) and exit code of `check` and `topology` on the inputs that killed the CLI
 * (issue 25), and on a YAML file just under the YAML limit: what SNAPSHOT_LIMITS in server/sources/read-snapshot.ts
 * are chosen from.
 *   npx tsx --tsconfig tsconfig.json scripts/bench/cli-inputs.ts [--big] [--yaml-only]
 *   (--big adds a 200 MB JSON List, ~580k pods; --yaml-only runs the YAML file alone)
 */
import { spawnSync } from "node:child_process";
import { mkdtempSync, rmSync, statSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { stringify } from "yaml";

const dir = mkdtempSync(path.join(tmpdir(), "plumbline-cli-bench-"));
const pod = (i: number) => ({
  apiVersion: "v1",
  kind: "Pod",
  metadata: {
    name: `app-${i}`,
    namespace: `team-${i % 40}`,
    annotations: { "k8s.v1.cni.cncf.io/networks": "macvlan-a" },
    labels: { app: "web" },
    managedFields: [{ manager: "kubelet", operation: "Update", fieldsV1: { "f:status": { "f:podIPs": {} } } }],
  },
  spec: { nodeName: `worker-${i % 200}`, containers: [{ name: "web", image: "registry.example/web:1.2.3" }] },
  status: { phase: "Running", podIPs: [{ ip: `10.${(i >> 16) & 255}.${(i >> 8) & 255}.${i & 255}` }] },
});

function write(name: string, build: (bytes: number) => string, bytes: number): string {
  const file = path.join(dir, name);
  writeFileSync(file, build(bytes));
  return file;
}

function lines(bytes: number, broken?: number): string {
  const out: string[] = [];
  let n = 0;
  for (let i = 0; n < bytes; i++) {
    const line = i === broken ? '{"kind": "Pod", "metadata": {' : JSON.stringify(pod(i));
    out.push(line);
    n += line.length + 1;
  }
  return out.join("\n");
}

function yamlList(bytes: number): string {
  // an item of a List, as indented in it
  const perPod = stringify({ items: [pod(123_456)] }).length - "items:\n".length;
  const items = Array.from({ length: Math.floor(bytes / perPod) }, (_, i) => pod(i));
  return stringify({ apiVersion: "v1", kind: "List", items });
}

const only = process.argv.includes("--yaml-only");
const inputs: [string, string][] = only
  ? [["7.9 MiB of block YAML (limit 8 MiB)", write("list.yaml", yamlList, 7.9 * 2 ** 20)]]
  : [
      ["22 MB of JSON lines", write("lines.json", (b) => lines(b), 22 * 2 ** 20)],
      ["22 MB of JSON lines, one broken", write("broken.json", (b) => lines(b, 9_999), 22 * 2 ** 20)],
      ["[[[…]]], 1,000,000 deep", write("nested.json", () => `${"[".repeat(1e6)}${"]".repeat(1e6)}`, 0)],
      ["7.9 MiB of block YAML (limit 8 MiB)", write("list.yaml", yamlList, 7.9 * 2 ** 20)],
    ];
if (process.argv.includes("--big")) {
  const items = Array.from({ length: 580_000 }, (_, i) => pod(i));
  inputs.push(["200 MB JSON List", write("big.json", () => JSON.stringify({ kind: "List", items }), 0)]);
}

for (const [what, file] of inputs) {
  for (const script of ["check", "topology"]) {
    const t0 = performance.now();
    const run = spawnSync(
      "/usr/bin/time",
      ["-f", "%M", "npx", "tsx", "--tsconfig", "tsconfig.json", `scripts/${script}.ts`, "--snapshot", file],
      { encoding: "utf8", maxBuffer: 2 ** 31, stdio: ["ignore", "ignore", "pipe"] },
    );
    const stderr = run.stderr.trim().split("\n");
    const peakKiB = Number(stderr[stderr.length - 1]);
    const said = stderr.slice(0, -1).join(" ").slice(0, 160);
    const size = (statSync(file).size / 2 ** 20).toFixed(1);
    console.log(
      `${script.padEnd(8)} ${what} (${size} MiB): exit ${run.status}, peak RSS ${(peakKiB / 1024).toFixed(0)} MiB, ${((performance.now() - t0) / 1000).toFixed(1)} s${said ? ` — ${said}` : ""}`,
    );
  }
}
rmSync(dir, { recursive: true, force: true });
