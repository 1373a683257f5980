import { parseAllDocuments } from "yaml";

/** Text that is not Kubernetes objects: the message names where it came from (file, line) and what is wrong. */
export class SnapshotError extends Error {}

/**
 * Kubernetes objects as text, the way `kubectl get -o json|yaml` and manifests hold them: one JSON document, or any
 * number of YAML documents. Each document's value comes back as it is, in order (a List stays a List:
 * `snapshotFromObjects` flattens it); empty documents are dropped. `where` names the text in errors.
 */
export function parseObjects(text: string, where: string): unknown[] {
  const json = looksLikeJson(text) ? parseJsonDocument(text) : undefined;
  if (json !== undefined) return json === null ? [] : [json];
  return parseYamlDocuments(text, where);
}

/** Whether the text starts like one JSON document (cheap: the first 4 KiB). */
export const looksLikeJson = (text: string): boolean => /^\s*[[{]/.test(text.slice(0, 4096));

/** A text that is one JSON document: JSON.parse is far leaner than a YAML document model. undefined: not JSON. */
export function parseJsonDocument(text: string): unknown {
  try {
    const value: unknown = JSON.parse(text);
    return value;
  } catch {
    return undefined; // YAML that starts like JSON (a flow mapping), or broken JSON: the YAML reader says where
  }
}

/** JSON is YAML, so one parser reads both; the first error is reported with its line. */
export function parseYamlDocuments(text: string, where: string): unknown[] {
  let docs: ReturnType<typeof parseAllDocuments>;
  try {
    docs = parseAllDocuments(text, { uniqueKeys: false });
  } catch (e) {
    // e.g. nesting deep enough to exhaust the parser's stack
    throw new SnapshotError(`${where}: cannot read: ${e instanceof Error ? e.message : String(e)}`);
  }
  if (!Array.isArray(docs)) return [];
  const out: unknown[] = [];
  for (const doc of docs) {
    const err = doc.errors[0];
    if (err) {
      const line = err.linePos?.[0]?.line;
      throw new SnapshotError(
        `${where}${line ? `:${line}` : ""}: not valid YAML or JSON: ${err.message.split("\n")[0]}`,
      );
    }
    let value: unknown;
    try {
      value = doc.toJS({ maxAliasCount: 100 });
    } catch (e) {
      // e.g. an alias bomb: the yaml library refuses to expand it
      throw new SnapshotError(`${where}: cannot read: ${e instanceof Error ? e.message : String(e)}`);
    }
    if (value !== null && value !== undefined) out.push(value);
  }
  return out;
}
