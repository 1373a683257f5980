import { readdir, readFile, stat } from "node:fs/promises";
import path from "node:path";
import type { Finding } from "@/lib/contract/schema";
import { parseYamlDocuments, readJson, SnapshotError } from "@/lib/k8s/read-objects";
import { type ClusterSnapshot, snapshotFromObjects } from "@/lib/k8s/snapshot";

const EXTENSIONS = new Set([".yaml", ".yml", ".json"]);

/**
 * The largest file read, by what it holds, so that reading stays well inside the default heap (4 GiB) instead of
 * taking the process down (issue 25): JSON goes through JSON.parse (a 200 MB List and its build peak at 2.4 GB);
 * YAML through the yaml library's document model, about 100 bytes of memory per byte of block YAML (4 MB: 405 MB)
 * and 350 per byte of flow style (`{…}` lines that are not valid JSON: 4 MB took 1.4 GB and 28 s before it failed).
 * A bigger dump is refused with these numbers; `kubectl get -o json` output is the cheap form to give.
 * Measured by scripts/bench/cli-inputs.ts.
 */
export const SNAPSHOT_LIMITS = { jsonBytes: 256 * 2 ** 20, yamlBytes: 8 * 2 ** 20, flowYamlBytes: 2 ** 20 };
type Limits = Partial<typeof SNAPSHOT_LIMITS>;
const mib = (n: number): string => (n >= 2 ** 20 ? `${Math.round(n / 2 ** 20)} MiB` : `${Math.ceil(n / 1024)} KiB`);

/**
 * Reads Kubernetes objects from a `kubectl get -o json|yaml` List, multi-document YAML, or a directory tree of such
 * files (a must-gather). Files in a tree that are not YAML or JSON are skipped, as must-gathers hold logs too; one
 * that cannot be read is named in a finding and the rest are read. A single file that cannot be read is an error.
 */
export async function readSnapshot(target: string, limits: Limits = SNAPSHOT_LIMITS): Promise<ClusterSnapshot> {
  let info: Awaited<ReturnType<typeof stat>>;
  try {
    info = await stat(target);
  } catch (e) {
    throw new SnapshotError(`${target}: ${describe(e)}`);
  }
  const files = info.isDirectory() ? await listFiles(target) : [target];
  if (files.length === 0) throw new SnapshotError(`${target}: no .yaml, .yml or .json files in this directory`);
  const objects: unknown[] = [];
  const unread: Finding[] = [];
  for (const file of files) {
    let read: unknown[];
    try {
      read = await readObjects(file, limits);
    } catch (e) {
      if (!info.isDirectory() || !(e instanceof SnapshotError)) throw e;
      unread.push({ severity: "warning", code: "object-invalid", message: `${e.message}; file skipped`, elements: [] });
      continue;
    }
    // push one by one: spreading millions of items into push() would overflow the argument stack
    for (const o of read) objects.push(o);
  }
  const count = { objects: 0 };
  const snap = snapshotFromObjects(objects, path.basename(target), count);
  // An empty file, `---` alone, /dev/null or `[[[…]]]` is a mistake, not an empty cluster: say so.
  if (count.objects === 0) {
    const why = unread[0] ?? snap.notes[0];
    throw new SnapshotError(`no Kubernetes objects in ${target}${why ? ` (${why.message})` : ""}`);
  }
  for (const f of unread) snap.notes.push(f);
  return snap;
}

async function listFiles(dir: string): Promise<string[]> {
  const entries = await readdir(dir, { withFileTypes: true, recursive: true });
  return entries
    .filter((e) => e.isFile() && EXTENSIONS.has(path.extname(e.name).toLowerCase()))
    .map((e) => path.join(e.parentPath, e.name))
    .sort();
}

export async function readObjects(file: string, given: Limits = SNAPSHOT_LIMITS): Promise<unknown[]> {
  const limits = { ...SNAPSHOT_LIMITS, ...given };
  let text: string;
  try {
    const size = (await stat(file)).size;
    if (size > limits.jsonBytes) {
      throw new SnapshotError(
        `${file}: ${mib(size)} is more than Plumbline reads (${mib(limits.jsonBytes)}); split it`,
      );
    }
    text = await readFile(file, "utf8");
  } catch (e) {
    if (e instanceof SnapshotError) throw e;
    throw new SnapshotError(`${file}: ${describe(e)}`);
  }
  const json = readJson(text, file);
  if (Array.isArray(json)) return json;
  const bytes = Buffer.byteLength(text);
  if (json && bytes > limits.flowYamlBytes) {
    // Starts like JSON but is not: reading it as flow-style YAML would cost hundreds of times its size.
    throw new SnapshotError(
      `${file}:${json.failedAtLine}: not valid JSON, and at ${mib(bytes)} too big to read as flow-style YAML (up to ${mib(limits.flowYamlBytes)})`,
    );
  }
  if (bytes > limits.yamlBytes) {
    throw new SnapshotError(
      `${file}: ${mib(bytes)} of YAML is more than Plumbline reads (${mib(limits.yamlBytes)}); give it as JSON (\`kubectl get -o json\`, up to ${mib(limits.jsonBytes)}) or split it`,
    );
  }
  return parseYamlDocuments(text, file);
}

function describe(e: unknown): string {
  if (e && typeof e === "object" && "code" in e) {
    if (e.code === "ENOENT") return "no such file or directory";
    if (e.code === "EACCES") return "permission denied";
  }
  return e instanceof Error ? e.message : String(e);
}
