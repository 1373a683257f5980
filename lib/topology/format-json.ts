import type { Topology } from "../contract/schema";

/**
 * JSON.stringify(t, null, 2) and a newline, as pieces: an element per piece. As one string, the topology of
 * 580,000 pods passed V8's longest string ("Invalid string length", issue 25), and at 150,000 pods the string and
 * the pieces V8 builds it from were most of the server's peak (issue 26); the pieces are made as they are written,
 * so the output is never all in memory. The last piece, "\n}\n", is the only place a brace stands at the start of
 * a line followed by a newline (strings hold their newlines escaped): what `endsWhole` checks.
 */
export function* jsonChunks(t: Topology): Generator<string> {
  yield "{";
  const entries = Object.entries(t).filter(([, v]) => v !== undefined);
  for (const [i, [key, value]] of entries.entries()) {
    const comma = i < entries.length - 1 ? "," : "";
    if (!Array.isArray(value) || value.length === 0) {
      yield `\n  ${JSON.stringify(key)}: ${JSON.stringify(value, null, 2).replaceAll("\n", "\n  ")}${comma}`;
      continue;
    }
    yield `\n  ${JSON.stringify(key)}: [`;
    for (let k = 0; k < value.length; k++) {
      const sep = k < value.length - 1 ? "," : "";
      yield `\n    ${JSON.stringify(value[k], null, 2).replaceAll("\n", "\n    ")}${sep}`;
    }
    yield `\n  ]${comma}`;
  }
  yield JSON_END;
}

const JSON_END = "\n}\n";
const END_BYTES = [...JSON_END].map((c) => c.charCodeAt(0));
const NOTHING = new Uint8Array(0);

/**
 * Whether bytes received in these parts end as the whole export does: a download cut short (a server error or
 * a lost connection after the headers) ends anywhere else, and is not saved as if it were whole.
 */
export function endsWhole(parts: readonly Uint8Array[]): boolean {
  let want = END_BYTES.length;
  for (let p = parts.length - 1; p >= 0 && want > 0; p--) {
    const part = parts[p] ?? NOTHING;
    for (let b = part.length - 1; b >= 0 && want > 0; b--) {
      if (part[b] !== END_BYTES[--want]) return false;
    }
  }
  return want === 0;
}
