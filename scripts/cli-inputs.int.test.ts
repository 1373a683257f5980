import { spawn } from "node:child_process";
import { mkdir, mkdtemp, open, readFile, rm, stat, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";

// Issue 25, item 9: inputs that killed the CLI. Each runs `check` and `topology` as a user does, with the heap capped
// at 1 GiB: a reader that grows with its input dies here (V8 abort, exit 134) instead of passing. Peak memory of the
// same runs: scripts/bench/cli-inputs.ts.
const ROOT = path.resolve(import.meta.dirname, "..");
const HEAP_MIB = 1024;
let dir: string;

interface Run {
  code: number | null;
  stderr: string;
  stdoutBytes: number;
  /** the whole output when under 1 MB, else its first 2,000 characters */
  stdout: string;
}

/** Runs a CLI with its stdout in a file (a topology of 20,000 pods is large), the heap capped. */
async function cli(script: "check" | "topology", args: string[]): Promise<Run> {
  const out = path.join(dir, `${script}-${Math.random().toString(36).slice(2)}.out`);
  const fh = await open(out, "w");
  const child = spawn("npx", ["tsx", "--tsconfig", "tsconfig.json", `scripts/${script}.ts`, ...args], {
    cwd: ROOT,
    env: { ...process.env, NODE_OPTIONS: `--max-old-space-size=${HEAP_MIB}` },
    stdio: ["ignore", fh.fd, "pipe"],
  });
  let stderr = "";
  child.stderr?.on("data", (b: Buffer) => {
    if (stderr.length < 100_000) stderr += b.toString();
  });
  const code = await new Promise<number | null>((resolve) => child.on("close", (c) => resolve(c)));
  await fh.close();
  const size = (await stat(out)).size;
  const text = await readFile(out, "utf8");
  return { code, stderr, stdoutBytes: size, stdout: size < 2 ** 20 ? text : text.slice(0, 2000) };
}

/** A pod as `kubectl get -o json` prints it (managedFields and all), about 1 KB. */
function pod(i: number): unknown {
  return {
    apiVersion: "v1",
    kind: "Pod",
    metadata: {
      name: `app-${i}`,
      namespace: `team-${i % 40}`,
      uid: `0000-${i}`,
      annotations: { "k8s.v1.cni.cncf.io/networks": "macvlan-a" },
      labels: { app: "web", "pod-template-hash": "5c7d9f8b6" },
      managedFields: [{ manager: "kubelet", operation: "Update", fieldsV1: { "f:status": { "f:podIPs": {} } } }],
    },
    spec: {
      nodeName: `worker-${i % 200}`,
      containers: [{ name: "web", image: "registry.example/web:1.2.3", resources: { requests: { cpu: "10m" } } }],
    },
    status: { phase: "Running", podIPs: [{ ip: `10.${(i >> 16) & 255}.${(i >> 8) & 255}.${i & 255}` }] },
  };
}

/** 22 MB of concatenated JSON lines: the file that grew the process to 4.3 GB and aborted it (exit 134). */
async function jsonLines(name: string, broken?: number): Promise<string> {
  const lines: string[] = [];
  let bytes = 0;
  for (let i = 0; bytes < 22 * 2 ** 20; i++) {
    const line = i === broken ? '{"apiVersion": "v1", "kind": "Pod", "metadata": {' : JSON.stringify(pod(i));
    lines.push(line);
    bytes += line.length + 1;
  }
  const file = path.join(dir, name);
  await writeFile(file, `${lines.join("\n")}\n`);
  return file;
}

beforeAll(async () => {
  dir = await mkdtemp(path.join(tmpdir(), "plumbline-cli-inputs-"));
});
afterAll(async () => {
  await rm(dir, { recursive: true, force: true });
});

describe.each(["check", "topology"] as const)("%s on inputs that killed it (issue 25)", (script) => {
  it("reads 22 MB of JSON lines as JSON, inside a 1 GiB heap", async () => {
    const file = await jsonLines(`lines-${script}.json`);
    const run = await cli(script, ["--snapshot", file]);
    expect(run.stderr).toBe("");
    // check: 1, the pods' network is not defined (an error finding); topology: 0
    expect(run.code).toBe(script === "check" ? 1 : 0);
    if (script === "topology") expect(run.stdout).toContain('"elements"');
    else expect(run.stdout).toMatch(/^plumbline check: /);
  }, 240_000);

  it("refuses 22 MB of JSON lines with one broken line, naming it, exit 2", async () => {
    const file = await jsonLines(`broken-${script}.json`, 9_999);
    const run = await cli(script, ["--snapshot", file]);
    expect(run.code).toBe(2);
    expect(run.stderr).toContain(`${file}:10000: not valid JSON, and at 22 MiB too big to read as flow-style YAML`);
  }, 240_000);

  it("refuses a file of only [[[…]]]: exit 2, not an empty topology", async () => {
    const file = path.join(dir, `nested-${script}.json`);
    await writeFile(file, `${"[".repeat(1_000_000)}${"]".repeat(1_000_000)}`);
    const run = await cli(script, ["--snapshot", file]);
    expect(run.code).toBe(2);
    expect(run.stderr).toContain(`no Kubernetes objects in ${file}`);
  }, 120_000);

  it("reads a must-gather around its one broken file and names that file in a finding", async () => {
    const gather = path.join(dir, `gather-${script}`);
    await mkdir(path.join(gather, "namespaces", "team-0"), { recursive: true });
    await writeFile(path.join(gather, "namespaces", "team-0", "pods.json"), JSON.stringify(pod(0)));
    await writeFile(path.join(gather, "namespaces", "team-0", "broken.yaml"), "kind: Pod\nmetadata: {name: [\n");
    const run = await cli(script, ["--snapshot", gather, "--format", "json"]);
    expect(run.code).toBe(script === "check" ? 1 : 0);
    const out = JSON.parse(run.stdout);
    const findings: { code: string; message: string }[] = out.findings;
    expect(findings.find((f) => f.code === "object-invalid")?.message).toContain("broken.yaml");
    if (script === "topology") expect(out.elements.some((e: { id: string }) => e.id.includes("app-0"))).toBe(true);
  }, 120_000);

  it("echoes a 10 MB network name in a bounded message", async () => {
    const file = path.join(dir, `bigname-${script}.json`);
    const big = "n".repeat(10 * 2 ** 20);
    const victim = {
      ...(pod(1) as object),
      metadata: { name: "p", namespace: "d", annotations: { "k8s.v1.cni.cncf.io/networks": big } },
    };
    await writeFile(file, JSON.stringify(victim));
    const run = await cli(script, ["--snapshot", file, "--format", script === "check" ? "table" : "json"]);
    expect(run.code).toBe(script === "check" ? 1 : 0);
    expect(run.stdoutBytes).toBeLessThan(20_000);
    expect(run.stdout).toMatch(/more characters\)/);
  }, 120_000);
});
