import { readdir, readFile, stat } from "node:fs/promises";
import path from "node:path";
import { parseAllDocuments } from "yaml";
import { type ClusterSnapshot, snapshotFromObjects } from "@/lib/k8s/snapshot";

/** An unreadable or invalid input file: the message names the file and what is wrong with it. */
export class SnapshotError extends Error {}

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
  const json = /^\s*[[{]/.test(text.slice(0, 4096)) ? parseJsonDocument(text) : undefined;
  if (json !== undefined) return json === null ? [] : [json];
  if (Buffer.byteLength(text) > limits.yamlBytes) {
    throw new SnapshotError(
      `${file}: ${mib(Buffer.byteLength(text))} of YAML is more than Plumbline reads (${mib(limits.yamlBytes)}); give it as JSON (\`kubectl get -o json\`, up to ${mib(limits.jsonBytes)}) or split it`,
    );
  }
  return parseObjects(text, file);
}

/** A file that is one JSON document: JSON.parse is far leaner than a YAML document model. undefined: not JSON. */
function parseJsonDocument(text: string): unknown {
  try {
    const value: unknown = JSON.parse(text);
    return value;
  } catch {
    return undefined; // YAML that starts like JSON (a flow mapping), or broken JSON: the YAML reader says where
  }
}

/** JSON is YAML, so one parser reads both; the first error is reported with its line. */
export function parseObjects(text: string, file: string): unknown[] {
  let docs: ReturnType<typeof parseAllDocuments>;
  try {
    docs = parseAllDocuments(text, { uniqueKeys: false });
  } catch (e) {
    // e.g. nesting deep enough to exhaust the parser's stack
    throw new SnapshotError(`${file}: cannot read: ${e instanceof Error ? e.message : String(e)}`);
  }
  if (!Array.isArray(docs)) return [];
  const out: unknown[] = [];
  for (const doc of docs) {
    const err = doc.errors[0];
    if (err) {
      const line = err.linePos?.[0]?.line;
      throw new SnapshotError(
        `${file}${line ? `:${line}` : ""}: not valid YAML or JSON: ${err.message.split("\n")[0]}`,
      );
    }
    let value: unknown;
    try {
      value = doc.toJS({ maxAliasCount: 100 });
    } catch (e) {
      // e.g. an alias bomb: the yaml library refuses to expand it
      throw new SnapshotError(`${file}: cannot read: ${e instanceof Error ? e.message : String(e)}`);
    }
    if (value !== null && value !== undefined) out.push(value);
  }
  return out;
}

function describe(e: unknown): string {
  if (e && typeof e === "object" && "code" in e) {
    if (e.code === "ENOENT") return "no such file or directory";
    if (e.code === "EACCES") return "permission denied";
  }
  return e instanceof Error ? e.message : String(e);
}
