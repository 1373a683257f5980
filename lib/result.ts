/** Parsers never throw on bad input: they say what is wrong so it can become a finding. */
export type Result<T> = { ok: true; value: T } | { ok: false; error: string };

export const ok = <T>(value: T): Result<T> => ({ ok: true, value });
export const fail = <T = never>(error: string): Result<T> => ({ ok: false, error });

export function parseJson(text: string): Result<unknown> {
  try {
    const value: unknown = JSON.parse(text);
    return ok(value);
  } catch (e) {
    return fail(`not valid JSON: ${e instanceof Error ? e.message : String(e)}`);
  }
}

export type JsonObject = Record<string, unknown>;

export function isObject(v: unknown): v is JsonObject {
  return typeof v === "object" && v !== null && !Array.isArray(v);
}

export function str(v: unknown): string | undefined {
  return typeof v === "string" && v !== "" ? v : undefined;
}

/** `o[key]` when `o` is an object and that is a non-empty string. */
export const strAt = (o: unknown, key: string): string | undefined => (isObject(o) ? str(o[key]) : undefined);

/** The non-empty strings at `key` of each object in a list: `[{ip: "a"}, {}, 3]` → `["a"]`. */
export function stringsAt(list: unknown, key: string): string[] {
  if (!Array.isArray(list)) return [];
  return list.flatMap((o) => {
    const s = strAt(o, key);
    return s === undefined ? [] : [s];
  });
}

/** The fields of `o` that `keep` accepts (e.g. not undefined), with their types. */
export function pickFields<T extends object>(o: T, keep: (v: unknown) => boolean): Partial<T> {
  const out: Partial<T> = {};
  for (const key in o) if (Object.hasOwn(o, key) && keep(o[key])) out[key] = o[key];
  return out;
}

export function num(v: unknown): number | undefined {
  if (typeof v === "number" && Number.isFinite(v)) return v;
  if (typeof v === "string" && v.trim() !== "" && Number.isFinite(Number(v))) return Number(v);
  return undefined;
}

export function strings(v: unknown): string[] {
  return Array.isArray(v) ? v.filter((x): x is string => typeof x === "string" && x !== "") : [];
}

/**
 * A short, bounded description of any value for an error message. Never recursive: a value nested thousands of
 * levels deep (which JSON.stringify would overflow the stack on) is described by its outer shape only.
 */
export function preview(v: unknown, max = 60): string {
  if (Array.isArray(v)) return `a list of ${v.length}`;
  if (isObject(v)) return "an object";
  if (typeof v === "string") {
    const quoted = JSON.stringify(v.length > max ? `${v.slice(0, max)}…` : v);
    return quoted;
  }
  if (typeof v === "number" || typeof v === "boolean" || v === null) return String(v);
  return typeof v;
}
