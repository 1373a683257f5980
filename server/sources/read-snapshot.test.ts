import { mkdir, mkdtemp, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { SnapshotError } from "@/lib/k8s/read-objects";
import { readSnapshot } from "./read-snapshot";

const DEMO_DIR = path.join(import.meta.dirname, "../demo-cluster");
const names = (list: { metadata: { name: string } }[]) => list.map((o) => o.metadata.name).sort();

let dir: string;
beforeAll(async () => {
  dir = await mkdtemp(path.join(tmpdir(), "plumbline-read-snapshot-"));
});
afterAll(async () => {
  await rm(dir, { recursive: true, force: true });
});

async function write(name: string, text: string): Promise<string> {
  const file = path.join(dir, name);
  await mkdir(path.dirname(file), { recursive: true });
  await writeFile(file, text);
  return file;
}

/** The error a promise rejects with; fails the test when it resolves. */
async function rejection(p: Promise<unknown>): Promise<Error> {
  try {
    await p;
  } catch (e) {
    return e as Error;
  }
  throw new Error("expected a rejection");
}

describe("readSnapshot", () => {
  it("reads the demo cluster directory", async () => {
    const s = await readSnapshot(DEMO_DIR);
    expect(names(s.nads)).toEqual(["bridge-main", "host-device-main", "macvlan-main"]);
    expect(s.pods).toHaveLength(7);
    expect(names(s.nodes)).toEqual(["worker1.ocp46rt.priv.local", "worker2.ocp46rt.priv.local"]);
    expect(names(s.nodeNetworkStates)).toEqual(["worker1.ocp46rt.priv.local", "worker2.ocp46rt.priv.local"]);
    expect(names(s.ipPools)).toEqual(["192.168.12.0-24", "192.168.30.0-24"]);
    expect(s.operatorNetwork?.metadata.name).toBe("cluster");
    expect(s.notes).toEqual([]);
    // the pod annotations survive YAML block scalars intact
    const podA = s.pods.find((p) => p.metadata.name === "pod-a-5bb7694d4-j8g6b");
    expect(JSON.parse(podA?.metadata.annotations?.["k8s.v1.cni.cncf.io/network-status"] ?? "null")).toHaveLength(2);
  });

  it("reads a `kubectl get -o json` List file", async () => {
    const file = await write(
      "list.json",
      JSON.stringify(
        {
          apiVersion: "v1",
          kind: "List",
          metadata: { resourceVersion: "" },
          items: [
            {
              apiVersion: "k8s.cni.cncf.io/v1",
              kind: "NetworkAttachmentDefinition",
              metadata: { name: "br", namespace: "d" },
              spec: { config: '{"type":"bridge"}' },
            },
            { apiVersion: "v1", kind: "Pod", metadata: { name: "p", namespace: "d" }, spec: { nodeName: "n1" } },
            { apiVersion: "v1", kind: "Service", metadata: { name: "s", namespace: "d" } },
          ],
        },
        null,
        2,
      ),
    );
    const s = await readSnapshot(file);
    expect(names(s.nads)).toEqual(["br"]);
    expect(names(s.pods)).toEqual(["p"]);
    expect(s.nads[0]?.spec).toEqual({ config: '{"type":"bridge"}' });
  });

  it("reads a typed PodList whose items carry no kind", async () => {
    const file = await write(
      "pods.json",
      JSON.stringify({
        apiVersion: "v1",
        kind: "PodList",
        metadata: {},
        items: [{ metadata: { name: "p1", namespace: "d" } }, { metadata: { name: "p2", namespace: "d" } }],
      }),
    );
    const s = await readSnapshot(file);
    expect(names(s.pods)).toEqual(["p1", "p2"]);
    expect(s.pods.every((p) => p.kind === "Pod" && p.apiVersion === "v1")).toBe(true);
  });

  it("reads a directory tree, skipping files that are not YAML or JSON", async () => {
    const tree = path.join(dir, "must-gather");
    await write(
      "must-gather/ns/d/pods.yaml",
      "apiVersion: v1\nkind: Pod\nmetadata:\n  name: p\n  namespace: d\n---\n---\napiVersion: v1\nkind: Pod\nmetadata:\n  name: q\n  namespace: d\n",
    );
    await write("must-gather/cluster/nodes.YML", "apiVersion: v1\nkind: Node\nmetadata:\n  name: n1\n");
    await write("must-gather/logs/multus.log", "this: is: not: yaml: [");
    const s = await readSnapshot(tree);
    expect(names(s.pods)).toEqual(["p", "q"]);
    expect(names(s.nodes)).toEqual(["n1"]);
  });

  it("reports an object without a name as a note and reads the rest", async () => {
    const file = await write(
      "partial.yaml",
      "apiVersion: v1\nkind: List\nitems:\n- apiVersion: v1\n  kind: Pod\n  metadata: {namespace: d}\n- apiVersion: v1\n  kind: Pod\n  metadata: {name: ok, namespace: d}\n",
    );
    const s = await readSnapshot(file);
    expect(names(s.pods)).toEqual(["ok"]);
    expect(s.notes).toMatchObject([
      { code: "object-invalid", message: "partial.yaml item 0: Pod without metadata.name; skipped" },
    ]);
  });

  it("throws a SnapshotError naming the file and line of invalid YAML", async () => {
    const file = await write(
      "broken.yaml",
      "apiVersion: v1\nkind: Pod\nmetadata:\n  name: p\n  labels: {a: b\nspec: {}\n",
    );
    const e = await rejection(readSnapshot(file));
    expect(e).toBeInstanceOf(SnapshotError);
    expect(e.message).toMatch(
      new RegExp(`^${file.replace(/[.*+?^${}()|[\]\\]/g, "\\$&")}:\\d+: not valid YAML or JSON: `),
    );
    const line = Number(/:(\d+): /.exec(e.message)?.[1]);
    expect(line).toBeGreaterThanOrEqual(5);
    expect(line).toBeLessThanOrEqual(7);
  });

  it("names the line of a JSON syntax error too", async () => {
    const file = await write(
      "broken.json",
      '{\n  "apiVersion": "v1",\n  "kind": "Pod",\n  "metadata": {"name": "p"\n}\n',
    );
    const e = await rejection(readSnapshot(file));
    expect(e).toBeInstanceOf(SnapshotError);
    expect(e.message).toContain(file);
    expect(e.message).toMatch(/broken\.json:\d+: /);
  });

  it("reads the rest of a must-gather around a broken file, naming it in a finding (issue 25)", async () => {
    await write("tree-with-bad/good.yaml", "apiVersion: v1\nkind: Node\nmetadata:\n  name: n1\n");
    await write("tree-with-bad/sub/bad.yaml", "key: [unclosed\n");
    const s = await readSnapshot(path.join(dir, "tree-with-bad"));
    expect(names(s.nodes)).toEqual(["n1"]);
    expect(s.notes).toHaveLength(1);
    expect(s.notes[0]).toMatchObject({ severity: "warning", code: "object-invalid" });
    expect(s.notes[0]?.message).toContain(path.join("tree-with-bad", "sub", "bad.yaml"));
    expect(s.notes[0]?.message).toMatch(/not valid YAML or JSON: .*; file skipped$/);
  });

  it("refuses a must-gather whose every file is broken, naming the first", async () => {
    await write("all-bad/a.yaml", "key: [unclosed\n");
    const e = await rejection(readSnapshot(path.join(dir, "all-bad")));
    expect(e.message).toMatch(/^no Kubernetes objects in .*all-bad \(.*a\.yaml:\d+: not valid YAML or JSON/);
  });

  it("refuses a file of only nested lists: no object in it, however deep (issue 25)", async () => {
    for (const depth of [1, 1_000_000]) {
      const file = await write(`nested-${depth}.json`, `${"[".repeat(depth)}${"]".repeat(depth)}`);
      expect((await rejection(readSnapshot(file))).message).toBe(`no Kubernetes objects in ${file}`);
    }
    const scalars = await write("scalars.json", '[1, "x", null]');
    expect((await rejection(readSnapshot(scalars))).message).toMatch(/^no Kubernetes objects in .*scalars\.json \(/);
  });

  it("reads concatenated JSON documents (JSON lines) as JSON", async () => {
    const pod = (n: string) => JSON.stringify({ apiVersion: "v1", kind: "Pod", metadata: { name: n, namespace: "d" } });
    const file = await write("lines.json", `${pod("a")}\n${pod("b")}\n\n${pod("c")}`);
    expect(names((await readSnapshot(file)).pods)).toEqual(["a", "b", "c"]);
  });

  it("refuses a big text that starts like JSON but is not, naming the line, instead of reading it as YAML", async () => {
    const pod = (n: number) => JSON.stringify({ apiVersion: "v1", kind: "Pod", metadata: { name: `p${n}` } });
    const lines = Array.from({ length: 20_000 }, (_, i) => pod(i));
    lines[15_000] = '{"apiVersion": "v1", "kind": "Pod", "metadata": {';
    const file = await write("broken-lines.json", lines.join("\n"));
    const e = await rejection(readSnapshot(file));
    expect(e.message).toMatch(
      /broken-lines\.json:15001: not valid JSON, and at \d+ MiB too big to read as flow-style YAML/,
    );
  });

  it("throws a SnapshotError naming a path that does not exist", async () => {
    const missing = path.join(dir, "nope", "cluster.yaml");
    const e = await rejection(readSnapshot(missing));
    expect(e).toBeInstanceOf(SnapshotError);
    expect(e.message).toBe(`${missing}: no such file or directory`);
  });

  it("throws a SnapshotError for a directory without YAML or JSON files", async () => {
    await write("empty-dir/readme.txt", "nothing here");
    const e = await rejection(readSnapshot(path.join(dir, "empty-dir")));
    expect(e).toBeInstanceOf(SnapshotError);
    expect(e.message).toContain("empty-dir: no .yaml, .yml or .json files");
  });

  it("refuses an empty file: nothing read is a mistake, not an empty cluster", async () => {
    const file = await write("empty.yaml", "");
    expect((await rejection(readSnapshot(file))).message).toBe(`no Kubernetes objects in ${file}`);
  });
});
