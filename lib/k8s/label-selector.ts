import { isObject, preview, str, strings } from "../result";

/** A metav1.LabelSelector, read: matchLabels and matchExpressions (In, NotIn, Exists, DoesNotExist). */
export interface LabelSelector {
  labels: [string, string][];
  expressions: { key: string; operator: "In" | "NotIn" | "Exists" | "DoesNotExist"; values: string[] }[];
}

const OPERATORS = new Set(["In", "NotIn", "Exists", "DoesNotExist"]);
const isOperator = (v: string): v is LabelSelector["expressions"][number]["operator"] => OPERATORS.has(v);

/**
 * Reads a label selector as Kubernetes does; a malformed one is a problem (and selects nothing, as the API server
 * would have refused it). Absent (undefined) is "no selector", which callers read as they must (a pod selector: all).
 */
export function readLabelSelector(v: unknown, problems: string[], where: string): LabelSelector | null {
  if (v === undefined || v === null) return null;
  if (!isObject(v)) {
    problems.push(`${where} is not a label selector: ${preview(v)}`);
    return { labels: [], expressions: [{ key: "", operator: "In", values: [] }] };
  }
  const labels: [string, string][] = [];
  if (isObject(v.matchLabels))
    for (const [k, val] of Object.entries(v.matchLabels)) {
      const s = str(val);
      if (s === undefined) problems.push(`${where}.matchLabels.${k} is not a string`);
      else labels.push([k, s]);
    }
  const expressions: LabelSelector["expressions"] = [];
  if (Array.isArray(v.matchExpressions))
    for (const e of v.matchExpressions) {
      const key = isObject(e) ? str(e.key) : undefined;
      const op = isObject(e) ? (str(e.operator) ?? "") : "";
      if (!key || !isOperator(op)) {
        problems.push(`${where}.matchExpressions has ${preview(e)}: needs a key and In, NotIn, Exists or DoesNotExist`);
        expressions.push({ key: "", operator: "In", values: [] });
        continue;
      }
      expressions.push({ key, operator: op, values: isObject(e) ? strings(e.values) : [] });
    }
  return { labels, expressions };
}

export function selects(sel: LabelSelector, labels: Readonly<Record<string, string>>): boolean {
  for (const [k, v] of sel.labels) if (labels[k] !== v) return false;
  for (const e of sel.expressions) {
    const has = Object.hasOwn(labels, e.key);
    const value = has ? labels[e.key] : undefined;
    if (e.operator === "Exists" && !has) return false;
    if (e.operator === "DoesNotExist" && has) return false;
    if (e.operator === "In" && (value === undefined || !e.values.includes(value))) return false;
    if (e.operator === "NotIn" && value !== undefined && e.values.includes(value)) return false;
  }
  return true;
}

/** The selector as one line: `{}` selects everything. */
export function selectorText(sel: LabelSelector | null, all = "all"): string {
  if (!sel || (sel.labels.length === 0 && sel.expressions.length === 0)) return all;
  const parts = sel.labels.map(([k, v]) => `${k}=${v}`);
  for (const e of sel.expressions) {
    if (e.operator === "Exists") parts.push(e.key);
    else if (e.operator === "DoesNotExist") parts.push(`!${e.key}`);
    else parts.push(`${e.key} ${e.operator === "In" ? "in" : "notin"} (${e.values.join(", ")})`);
  }
  return parts.join(", ");
}

/** An object's labels as strings (anything else left out). */
export function labelsOf(metadata: { labels?: unknown }): Record<string, string> {
  const out: Record<string, string> = {};
  if (!isObject(metadata.labels)) return out;
  for (const [k, v] of Object.entries(metadata.labels)) if (typeof v === "string") out[k] = v;
  return out;
}
