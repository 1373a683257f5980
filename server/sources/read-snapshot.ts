import { readdir, readFile, stat } from "node:fs/promises";
import path from "node:path";
import { looksLikeJson, parseJsonDocument, parseYamlDocuments, SnapshotError } from "@/lib/k8s/read-objects";
import { type ClusterSnapshot, snapshotFromObjects } from "@/lib/k8s/snapshot";

const EXTENSIONS = new Set([".yaml", ".yml", ".json"]);

/**
 * The largest file read, by what it holds: JSON goes through JSON.parse (the parsed tree costs a few times the text),
 * YAML through the yaml library's document model (dozens of times the text). A bigger dump is refused with these
 * numbers rather than taking the process down with it; `kubectl get -o json` output is the cheap form to give.
 */
export const SNAPSHOT_LIMITS = { jsonBytes: 512 * 2 ** 20, yamlBytes: 32 * 2 ** 20 };
const mib = (n: number): string => (n >= 2 ** 20 ? `${Math.round(n / 2 ** 20)} MiB` : `${Math.ceil(n / 1024)} KiB`);

/**
 * Reads Kubernetes objects from a `kubectl get -o json|yaml` List, multi-document YAML, or a directory tree of such
 * files (a must-gather). Files in a tree that are not YAML or JSON are skipped, as must-gathers hold logs too.
 */
export async function readSnapshot(target: string, limits = SNAPSHOT_LIMITS): Promise<ClusterSnapshot> {
  let info: Awaited<ReturnType<typeof stat>>;
  try {
    info = await stat(target);
  } catch (e) {
    throw new SnapshotError(`${target}: ${describe(e)}`);
  }
  const files = info.isDirectory() ? await listFiles(target) : [target];
  if (files.length === 0) throw new SnapshotError(`${target}: no .yaml, .yml or .json files in this directory`);
  const objects: unknown[] = [];
  for (const file of files) {
    // push one by one: spreading millions of items into push() would overflow the argument stack
    for (const o of await readObjects(file, limits)) objects.push(o);
  }
  // An empty file, `---` alone or /dev/null is a mistake, not an empty cluster: say so.
  if (objects.length === 0) throw new SnapshotError(`no Kubernetes objects in ${target}`);
  return snapshotFromObjects(objects, path.basename(target));
}

async function listFiles(dir: string): Promise<string[]> {
  const entries = await readdir(dir, { withFileTypes: true, recursive: true });
  return entries
    .filter((e) => e.isFile() && EXTENSIONS.has(path.extname(e.name).toLowerCase()))
    .map((e) => path.join(e.parentPath, e.name))
    .sort();
}

export async function readObjects(file: string, limits = SNAPSHOT_LIMITS): Promise<unknown[]> {
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
  const json = looksLikeJson(text) ? parseJsonDocument(text) : undefined;
  if (json !== undefined) return json === null ? [] : [json];
  if (Buffer.byteLength(text) > limits.yamlBytes) {
    throw new SnapshotError(
      `${file}: ${mib(Buffer.byteLength(text))} of YAML is more than Plumbline reads (${mib(limits.yamlBytes)}); give it as JSON (\`kubectl get -o json\`, up to ${mib(limits.jsonBytes)}) or split it`,
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
