/**
 * Concatenated JSON values ("JSON lines", or `kubectl get … -o json` run several times into one file): each value
 * parsed on its own by JSON.parse, found by one pass that tracks only strings and nesting. undefined when the text is
 * not such a sequence (then it is YAML, or broken): `failedAt` is where the first value that does not parse starts. Issue 25: such a file went to the YAML reader, whose document
 * model for 22 MB of JSON lines grew the process to 4.3 GB until V8 aborted; JSON.parse holds a few times the text.
 */
export function parseJsonValues(text: string, maxValues: number): unknown[] | "too many" | { failedAt: number } {
  const out: unknown[] = [];
  let depth = 0;
  let inString = false;
  let start = -1;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (inString) {
      if (c === 0x5c) i++;
      else if (c === 0x22) inString = false;
      continue;
    }
    if (c === 0x22) {
      if (depth === 0) return { failedAt: i }; // a bare string at the top: not a sequence of objects
      inString = true;
    } else if (c === 0x7b || c === 0x5b) {
      if (depth === 0) start = i;
      depth++;
    } else if (c === 0x7d || c === 0x5d) {
      depth--;
      if (depth < 0) return { failedAt: i };
      if (depth === 0) {
        const value = parseOne(text.slice(start, i + 1));
        if (value === undefined) return { failedAt: start };
        if (out.length >= maxValues) return "too many";
        out.push(value);
      }
    } else if (depth === 0 && c !== 0x20 && c !== 0x0a && c !== 0x0d && c !== 0x09) {
      return { failedAt: i }; // anything else between values: not JSON
    }
  }
  return depth === 0 && !inString && out.length > 0 ? out : { failedAt: Math.max(0, start) };
}

function parseOne(text: string): unknown {
  try {
    const value: unknown = JSON.parse(text);
    return value;
  } catch {
    return undefined;
  }
}
