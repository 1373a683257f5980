/**
 * A tiny YAML emitter for the objects the forms write (a NAD, an operator entry, a pod-template annotation):
 * maps, lists, strings, numbers, booleans. Multi-line strings (spec.config) become literal blocks, the way
 * admins read them in `kubectl get -o yaml`; anything a YAML parser could read as another type is quoted.
 */
type Yaml = string | number | boolean | null | undefined | Yaml[] | { [key: string]: Yaml };

const RESERVED = /^(true|false|yes|no|on|off|y|n|null|~)$/i;
const SAFE = /^[A-Za-z_/][A-Za-z0-9_./@ :-]*$/;

function scalar(s: string): string {
  if (s === "") return "''";
  const plain =
    SAFE.test(s) && !RESERVED.test(s) && !s.includes(": ") && !s.includes(" #") && !s.endsWith(":") && !s.endsWith(" ");
  if (plain) return s;
  // Single quotes keep backslashes and double quotes as they are: JSON in a string stays readable.
  if (!/[\u0000-\u001f\u007f]/.test(s)) return `'${s.replaceAll("'", "''")}'`;
  return JSON.stringify(s);
}

function block(s: string, indent: string): string {
  const trailing = /\n+$/.exec(s)?.[0].length ?? 0;
  const chomp = trailing === 0 ? "-" : trailing === 1 ? "" : "+";
  const body = trailing ? s.slice(0, -trailing) : s;
  const indicator = body.startsWith(" ") ? "2" : "";
  const lines = body.split("\n").map((l) => (l === "" ? "" : `${indent}${l}`));
  return `|${indicator}${chomp}\n${lines.join("\n")}${trailing > 1 ? "\n".repeat(trailing - 1) : ""}`;
}

const isMap = (v: Yaml): v is { [key: string]: Yaml } => typeof v === "object" && v !== null && !Array.isArray(v);
const present = (v: Yaml) => v !== undefined;

function inline(v: Yaml, indent: string): string | null {
  if (v === null) return "null";
  if (typeof v === "number" || typeof v === "boolean") return String(v);
  if (typeof v === "string") return v.includes("\n") ? block(v, indent) : scalar(v);
  if (Array.isArray(v) && v.length === 0) return "[]";
  if (isMap(v) && Object.values(v).filter(present).length === 0) return "{}";
  return null;
}

function lines(v: Yaml, indent: string): string[] {
  if (Array.isArray(v)) {
    return v.filter(present).flatMap((item) => {
      const one = inline(item, `${indent}  `);
      if (one !== null) return [`${indent}- ${one}`];
      const [first = "", ...rest] = lines(item, `${indent}  `);
      return [`${indent}- ${first.slice(indent.length + 2)}`, ...rest];
    });
  }
  if (isMap(v)) {
    return Object.entries(v)
      .filter(([, x]) => present(x))
      .flatMap(([k, x]) => {
        const key = scalar(k);
        const one = inline(x, `${indent}  `);
        return one !== null ? [`${indent}${key}: ${one}`] : [`${indent}${key}:`, ...lines(x, `${indent}  `)];
      });
  }
  return [`${indent}${inline(v, indent) ?? ""}`];
}

export function toYaml(value: unknown): string {
  return `${lines(value as Yaml, "").join("\n")}\n`;
}
