/** Literal text to write, or a value still to serialise. */
type Item = { text: string } | { value: unknown };

/**
 * A canonical text of a JSON-like value (object keys sorted), for telling two copies of one object apart in a way
 * that does not depend on the order they came in. Iterative, so a value nested a million levels deep cannot overflow
 * the stack; linear in the size of the value apart from sorting each object's keys.
 */
export function fingerprint(value: unknown): string {
  const out: string[] = [];
  const todo: Item[] = [{ value }];
  for (let next = todo.pop(); next; next = todo.pop()) {
    if ("text" in next) {
      out.push(next.text);
      continue;
    }
    const parts = expand(next.value);
    if (typeof parts === "string") out.push(parts);
    else for (const p of parts.reverse()) todo.push(p);
  }
  return out.join("");
}

/** A scalar's text, or the items a list or object is written as. */
function expand(v: unknown): string | Item[] {
  if (Array.isArray(v)) {
    const parts: Item[] = [{ text: "[" }];
    v.forEach((item, i) => {
      if (i) parts.push({ text: "," });
      parts.push({ value: item });
    });
    parts.push({ text: "]" });
    return parts;
  }
  if (typeof v === "object" && v !== null) {
    const parts: Item[] = [{ text: "{" }];
    Object.entries(v)
      .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))
      .forEach(([k, item], i) => {
        parts.push({ text: `${i ? "," : ""}${JSON.stringify(k)}:` }, { value: item });
      });
    parts.push({ text: "}" });
    return parts;
  }
  if (typeof v === "bigint") return v.toString();
  return JSON.stringify(v) ?? "null";
}
