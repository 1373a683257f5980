import { execFile } from "node:child_process";
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { promisify } from "node:util";
import { afterAll, describe, expect, it } from "vitest";
import corpus from "@/lib/cni-events/corpus/failure-messages.json";
import { nad as nadObject, pod as podObject } from "@/testing/fixtures/objects";

const run = promisify(execFile);
const root = path.resolve(import.meta.dirname, "..");
const tmp = mkdtempSync(path.join(tmpdir(), "plumbline-check-"));
afterAll(() => rmSync(tmp, { recursive: true, force: true }));

async function check(...args: string[]): Promise<{ code: number; stdout: string; stderr: string }> {
  try {
    const { stdout, stderr } = await run("npx", ["tsx", "--tsconfig", "tsconfig.json", "scripts/check.ts", ...args], {
      cwd: root,
    });
    return { code: 0, stdout, stderr };
  } catch (e) {
    const err = e as { code: number; stdout: string; stderr: string }; // execFile rejects with the exit code and output
    return { code: err.code, stdout: err.stdout, stderr: err.stderr };
  }
}

const nad = (name: string, range: string) =>
  nadObject(
    name,
    { cniVersion: "0.3.1", type: "macvlan", master: "ens9", ipam: { type: "whereabouts", range } },
    { namespace: "cnf" },
  );
const pod = (name: string, phase: string, status?: unknown[]) =>
  podObject(name, { namespace: "cnf", node: "worker-1", networks: "data", phase, ...(status ? { status } : {}) });

describe("npm run check", () => {
  it("prints the demo cluster's findings as a table and exits 1", async () => {
    const r = await check("--snapshot", "server/demo-cluster");
    expect(r.code).toBe(1);
    expect(r.stdout).toMatch(/^ERRORS \(\d+\)$/m);
    expect(r.stdout).toContain("network-not-found");
    expect(r.stdout).toContain("HOW TO FIX");
  }, 60_000);

  it("exits 0 on a clean snapshot", async () => {
    const file = path.join(tmp, "clean.json");
    const status = [{ name: "cnf/data", interface: "net1", ips: ["10.9.0.5"] }];
    writeFileSync(
      file,
      JSON.stringify({
        apiVersion: "v1",
        kind: "List",
        items: [nad("data", "10.9.0.0/24"), pod("ok", "Running", status)],
      }),
    );
    const r = await check("--snapshot", file, "--format", "json");
    expect(r.code).toBe(0);
    expect(JSON.parse(r.stdout)).toMatchObject({ counts: { error: 0 } });
  }, 60_000);

  it("reads a must-gather's per-namespace layout, events included, and names the stuck pod's cause", async () => {
    const mg = path.join(tmp, "must-gather.local.123", "quay-io-openshift-must-gather-sha256", "namespaces", "cnf");
    mkdirSync(path.join(mg, "core"), { recursive: true });
    mkdirSync(path.join(mg, "k8s.cni.cncf.io"), { recursive: true });
    const text = (corpus[0]?.text ?? "").replaceAll("ipvlan-nw-oam-ip-necc0-npvamf", "data");
    const events = {
      apiVersion: "v1",
      kind: "EventList",
      items: [
        {
          metadata: { name: "stuck.1", namespace: "cnf" },
          involvedObject: { kind: "Pod", namespace: "cnf", name: "stuck" },
          reason: "FailedCreatePodSandBox",
          message: text,
          type: "Warning",
          count: 12,
          lastTimestamp: "2024-06-03T09:53:03Z",
        },
      ],
    };
    writeFileSync(path.join(mg, "core", "events.yaml"), JSON.stringify(events));
    writeFileSync(
      path.join(mg, "core", "pods.yaml"),
      JSON.stringify({ apiVersion: "v1", kind: "PodList", items: [pod("stuck", "Pending")] }),
    );
    writeFileSync(
      path.join(mg, "k8s.cni.cncf.io", "network-attachment-definitions.yaml"),
      JSON.stringify(nad("data", "135.111.37.0/24")),
    );
    const r = await check("--snapshot", path.join(tmp, "must-gather.local.123"), "--format", "sarif");
    expect(r.code).toBe(1);
    const sarif = JSON.parse(r.stdout) as { runs: { results: { ruleId: string; message: { text: string } }[] }[] };
    const result = sarif.runs[0]?.results.find((x) => x.ruleId === "sandbox-ip-range-exhausted");
    expect(result?.message.text).toContain("IP range exhausted: 0 of 1 free in 135.111.37.1 (12 times)");
  }, 60_000);

  it("refuses a bad format with exit 2, not 1", async () => {
    const r = await check("--snapshot", "server/demo-cluster", "--format", "xml");
    expect(r.code).toBe(2);
    expect(r.stderr).toContain("--format must be table, json or sarif");
  }, 60_000);
});
