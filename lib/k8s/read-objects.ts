import { Composer, LineCounter, Parser } from "yaml";
import { parseJsonValues } from "./json-values";

/** Text that is not Kubernetes objects: the message names where it came from (file, line) and what is wrong. */
export class SnapshotError extends Error {}

/**
 * What one text may hold. A must-gather file holds a List (one document) or a few dozen manifests; 100,000 pods
 * as separate documents is far beyond any real one, and each document costs the YAML reader its own model.
 */
export const READ_LIMITS = { documents: 100_000 };

const tooMany = (where: string, limit: number): SnapshotError =>
  new SnapshotError(
    `${where}: more than ${limit.toLocaleString("en")} documents, more than Plumbline reads from one file (READ_LIMITS.documents); split it`,
  );

/**
 * Kubernetes objects as text, the way `kubectl get -o json|yaml` and manifests hold them: one JSON document,
 * concatenated JSON documents (JSON lines), or any number of YAML documents. Each document's value comes back as it
 * is, in order (a List stays a List: `snapshotFromObjects` flattens it); empty documents are dropped. `where` names
 * the text in errors.
 */
export function parseObjects(text: string, where: string, maxDocuments = READ_LIMITS.documents): unknown[] {
  const json = readJson(text, where, maxDocuments);
  if (Array.isArray(json)) return json;
  return parseYamlDocuments(text, where, maxDocuments);
}

/**
 * The text's JSON documents, or where it stops being JSON (then it is YAML, or broken JSON: the caller decides);
 * undefined when it does not start like JSON.
 */
export function readJson(
  text: string,
  where: string,
  maxDocuments = READ_LIMITS.documents,
): unknown[] | { failedAtLine: number } | undefined {
  if (!looksLikeJson(text)) return undefined;
  const one = parseJsonDocument(text);
  if (one !== undefined) return one === null ? [] : [one];
  const many = parseJsonValues(text, maxDocuments);
  if (many === "too many") throw tooMany(where, maxDocuments);
  if (Array.isArray(many)) return many;
  let line = 1;
  for (let i = 0; i < many.failedAt; i++) if (text.charCodeAt(i) === 0x0a) line++;
  return { failedAtLine: line };
}

/** Whether the text starts like one JSON document (cheap: the first 4 KiB). */
export const looksLikeJson = (text: string): boolean => /^\s*[[{]/.test(text.slice(0, 4096));

/** A text that is one JSON document: JSON.parse is far leaner than a YAML document model. undefined: not JSON. */
export function parseJsonDocument(text: string): unknown {
  try {
    const value: unknown = JSON.parse(text);
    return value;
  } catch {
    return undefined; // YAML that starts like JSON (a flow mapping), or broken JSON
  }
}

/**
 * JSON is YAML, so one parser reads both; the first error is reported with its line. Documents are composed one at a
 * time and each becomes plain values before the next is read, so the reader's model never holds the whole file.
 */
export function parseYamlDocuments(text: string, where: string, maxDocuments = READ_LIMITS.documents): unknown[] {
  const lines = new LineCounter();
  const composer = new Composer({ uniqueKeys: false });
  const out: unknown[] = [];
  let count = 0;
  try {
    for (const doc of composer.compose(new Parser(lines.addNewLine).parse(text))) {
      if (++count > maxDocuments) throw tooMany(where, maxDocuments);
      const err = doc.errors[0];
      if (err) {
        const line = lines.linePos(err.pos[0]).line;
        throw new SnapshotError(`${where}:${line}: not valid YAML or JSON: ${err.message.split("\n")[0]}`);
      }
      // maxAliasCount: an alias bomb is refused by the yaml library instead of expanded
      const value: unknown = doc.toJS({ maxAliasCount: 100 });
      if (value !== null && value !== undefined) out.push(value);
    }
  } catch (e) {
    if (e instanceof SnapshotError) throw e;
    // e.g. nesting deep enough to exhaust the parser's stack, or an alias bomb
    throw new SnapshotError(`${where}: cannot read: ${e instanceof Error ? e.message : String(e)}`);
  }
  return out;
}
