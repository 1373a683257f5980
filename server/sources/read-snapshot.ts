import { readdir, readFile, stat } from "node:fs/promises";
import path from "node:path";
import { parseAllDocuments } from "yaml";
import { type ClusterSnapshot, snapshotFromObjects } from "@/lib/k8s/snapshot";

/** An unreadable or invalid input file: the message names the file and what is wrong with it. */
export class SnapshotError extends Error {}

const EXTENSIONS = new Set([".yaml", ".yml", ".json"]);

/**
 * Reads Kubernetes objects from a `kubectl get -o json|yaml` List, multi-document YAML, or a directory tree of such
 * files (a must-gather). Files in a tree that are not YAML or JSON are skipped, as must-gathers hold logs too.
 */
export async function readSnapshot(target: string): Promise<ClusterSnapshot> {
  let info: Awaited<ReturnType<typeof stat>>;
  try {
    info = await stat(target);
  } catch (e) {
    throw new SnapshotError(`${target}: ${describe(e)}`);
  }
  const files = info.isDirectory() ? await listFiles(target) : [target];
  if (files.length === 0) throw new SnapshotError(`${target}: no .yaml, .yml or .json files in this directory`);
  const objects: unknown[] = [];
  for (const file of files) objects.push(...(await readObjects(file)));
  return snapshotFromObjects(objects, path.basename(target));
}

async function listFiles(dir: string): Promise<string[]> {
  const entries = await readdir(dir, { withFileTypes: true, recursive: true });
  return entries
    .filter((e) => e.isFile() && EXTENSIONS.has(path.extname(e.name).toLowerCase()))
    .map((e) => path.join(e.parentPath, e.name))
    .sort();
}

export async function readObjects(file: string): Promise<unknown[]> {
  let text: string;
  try {
    text = await readFile(file, "utf8");
  } catch (e) {
    throw new SnapshotError(`${file}: ${describe(e)}`);
  }
  return parseObjects(text, file);
}

/** JSON is YAML, so one parser reads both; the first error is reported with its line. */
export function parseObjects(text: string, file: string): unknown[] {
  const docs = parseAllDocuments(text, { uniqueKeys: false });
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
