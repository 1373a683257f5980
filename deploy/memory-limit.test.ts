// The server's memory limit follows the measured figure by one rule (deploy/README.md, "Memory"): limit = the
// server's peak RSS at the largest size measured × 1.25, rounded up to 256 MiB; V8's old space capped at 3/4 of it,
// so the collector works hard before the cgroup's OOM killer strikes. Change MEASURED, and the manifests must follow.
import { readFileSync } from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { describe, expect, it } from "vitest";
import { parseAllDocuments } from "yaml";

/** VmHWM of the server over a whole run of `scripts/bench/big-cluster.ts --size max` (20 tabs, one identity) */
const MEASURED = {
  peakMiB: 2531,
  run: "150,000 pods, whole run, idle machine, main 42fba4e, 20:17 UTC 2026-12-07: see deploy/README.md",
};

const limitMiB = Math.ceil((MEASURED.peakMiB * 1.25) / 256) * 256;
const heapMiB = Math.floor(limitMiB * 0.75);

interface Container {
  name: string;
  env?: { name: string; value?: string }[];
  resources?: { limits?: { memory?: string } };
}

function server(variant: string): Container {
  const file = path.join(path.dirname(fileURLToPath(import.meta.url)), variant, "deployment.yaml");
  const docs = parseAllDocuments(readFileSync(file, "utf8")).map((d) => d.toJS());
  const containers: Container[] = docs.find((d) => d?.kind === "Deployment")?.spec.template.spec.containers ?? [];
  const c = containers.find((x) => x.name === "plumbline");
  if (!c) throw new Error(`${variant}: no plumbline container`);
  return c;
}

describe.each(["kubernetes", "openshift"])("deploy/%s: the server's memory", (variant) => {
  it(`is limited to the measured peak (${MEASURED.peakMiB} MiB) × 1.25, rounded up to 256 MiB: ${limitMiB}Mi`, () => {
    expect(server(variant).resources?.limits?.memory).toBe(`${limitMiB}Mi`);
  });

  it(`caps V8's old space at 3/4 of the limit (${heapMiB} MiB)`, () => {
    const env = Object.fromEntries((server(variant).env ?? []).map((e) => [e.name, e.value]));
    expect(env.NODE_OPTIONS).toBe(`--max-old-space-size=${heapMiB}`);
  });
});
