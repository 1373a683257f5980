import { execFile } from "node:child_process";
import { mkdtemp, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import { promisify } from "node:util";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { readSnapshot } from "@/server/sources/read-snapshot";
import { topologyCommand } from "./topology-cli";

// The CLI says what it read (issue 11): nothing read is an error, a dump too big to read is refused with the limit,
// an unknown format is refused with the valid ones.

let dir: string;
beforeAll(async () => {
  dir = await mkdtemp(path.join(tmpdir(), "plumbline-cli-"));
});
afterAll(async () => {
  await rm(dir, { recursive: true, force: true });
});

async function file(name: string, text: string): Promise<string> {
  const f = path.join(dir, name);
  await writeFile(f, text);
  return f;
}

async function failure(p: Promise<unknown>): Promise<string> {
  return p.then(
    () => "no error",
    (e: unknown) => (e instanceof Error ? e.message : String(e)),
  );
}

describe("topology CLI", () => {
  it.each([
    ["empty", ""],
    ["blank", "  \n\n\t\n"],
    ["dashes", "---\n"],
    ["dashes-and-comments", "# nothing here\n---\n---\n"],
  ])("refuses a %s file: no Kubernetes objects in it", async (name, text) => {
    const f = await file(`${name}.yaml`, text);
    expect(await failure(topologyCommand(["--snapshot", f]))).toBe(`no Kubernetes objects in ${f}`);
  });

  it("refuses /dev/null the same way", async () => {
    expect(await failure(topologyCommand(["--snapshot", "/dev/null"]))).toBe("no Kubernetes objects in /dev/null");
  });

  it.each(["constructor", "toString", "svg"])("refuses --format %s, listing the valid ones", async (format) => {
    expect(await failure(topologyCommand(["--demo", "--format", format]))).toBe(
      `--format must be one of json, dot, mermaid, not "${format}"`,
    );
  });

  it("prints the demo in each format", async () => {
    expect(JSON.parse(await topologyCommand(["--demo"])).elements.length).toBeGreaterThan(10);
    expect(await topologyCommand(["--demo", "--format", "dot"])).toMatch(/^digraph plumbline \{/);
    expect(await topologyCommand(["--demo", "--format", "mermaid"])).toMatch(/^flowchart LR/);
  });

  it("exits 2 with the reason on stderr", async () => {
    const run = promisify(execFile);
    const result = await run(
      "npx",
      ["tsx", "--tsconfig", "tsconfig.json", "scripts/topology.ts", "--snapshot", "/dev/null"],
      {
        cwd: path.resolve(import.meta.dirname, ".."),
      },
    ).then(
      () => ({ code: 0, stderr: "" }),
      (e: { code: number; stderr: string }) => ({ code: e.code, stderr: e.stderr }),
    );
    expect(result).toEqual({ code: 2, stderr: "topology: no Kubernetes objects in /dev/null\n" });
  }, 60_000);
});

describe("big dumps", () => {
  const pods = (n: number) => ({
    apiVersion: "v1",
    kind: "PodList",
    items: Array.from({ length: n }, (_, i) => ({ metadata: { name: `p${i}`, namespace: "demo" } })),
  });

  it("a JSON List is read through JSON.parse, not the YAML document model", async () => {
    const f = await file("pods.json", JSON.stringify(pods(20_000)));
    expect((await readSnapshot(f)).pods).toHaveLength(20_000);
  });

  it("a file above the limit is refused, naming its size and the limit", async () => {
    const f = await file("big.json", JSON.stringify(pods(10_000)));
    const message = await failure(readSnapshot(f, { jsonBytes: 2 ** 18, yamlBytes: 2 ** 18 }));
    expect(message).toMatch(new RegExp(`^${f}: \\d+ KiB is more than Plumbline reads \\(256 KiB\\); split it$`));
  });

  it("YAML has a lower limit, and the message says to give JSON instead", async () => {
    const yaml = pods(2_000)
      .items.map((p) => `apiVersion: v1\nkind: Pod\nmetadata:\n  name: ${p.metadata.name}\n  namespace: demo\n`)
      .join("---\n");
    const f = await file("big.yaml", yaml);
    const message = await failure(readSnapshot(f, { jsonBytes: 2 ** 30, yamlBytes: 2 ** 16 }));
    expect(message).toMatch(
      / KiB of YAML is more than Plumbline reads \(64 KiB\); give it as JSON \(`kubectl get -o json`, up to 1024 MiB\)/,
    );
  });
});
