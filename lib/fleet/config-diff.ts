import { isObject, parseJson } from "../result";

/**
 * Comparing one NAD's CNI config across clusters: key order and whitespace are no difference, anything else is.
 * A config that is not JSON is compared as its trimmed text.
 */

/**
 * The config with object keys sorted and no whitespace, a single plugin written as a list of one (as CNI reads
 * it): two configs are the same exactly when these are equal, and their differences line up plugin by plugin.
 */
export function canonicalConfig(raw: string): string {
  const parsed = parseJson(raw);
  return parsed.ok ? JSON.stringify(sorted(asList(parsed.value))) : raw.trim();
}

function asList(v: unknown): unknown {
  if (!isObject(v) || Array.isArray(v.plugins) || typeof v.type !== "string") return v;
  const { cniVersion, name, ...plugin } = v;
  return {
    ...(cniVersion !== undefined ? { cniVersion } : {}),
    ...(name !== undefined ? { name } : {}),
    plugins: [plugin],
  };
}

/** The leaves of a config (from canonicalConfig) by path, e.g. "ipam.range" → "\"10.0.0.0/24\"", "plugins[1].type". */
export function configLeaves(canonical: string): Map<string, string> {
  const out = new Map<string, string>();
  const parsed = parseJson(canonical);
  if (!parsed.ok) {
    out.set("(config)", canonical);
    return out;
  }
  walk(parsed.value, "", out);
  return out;
}

/**
 * The paths whose values differ between configs, each with every config's value ("(none)" where a config lacks it):
 * `values[i]` is config i's. At most `limit` paths, shallow ones first.
 */
export function configDifferences(configs: readonly string[], limit = 8): { path: string; values: string[] }[] {
  const leaves = configs.map(configLeaves);
  // the plugin's own keys (type, master, vlan) before what lies deeper (ipam.routes[0].dst)
  const depth = (p: string) => p.replace(/^plugins\[\d+\]\./, "").split(/[.[]/).length;
  const paths = [...new Set(leaves.flatMap((l) => [...l.keys()]))].sort(
    (a, b) => depth(a) - depth(b) || (a < b ? -1 : a > b ? 1 : 0),
  );
  const out: { path: string; values: string[] }[] = [];
  for (const path of paths) {
    const values = leaves.map((l) => l.get(path) ?? "(none)");
    if (new Set(values).size > 1) out.push({ path, values });
    if (out.length >= limit) break;
  }
  return out;
}

function sorted(v: unknown): unknown {
  if (Array.isArray(v)) return v.map(sorted);
  if (!isObject(v)) return v;
  const out: Record<string, unknown> = {};
  for (const k of Object.keys(v).sort()) out[k] = sorted(v[k]);
  return out;
}

function walk(v: unknown, path: string, out: Map<string, string>): void {
  if (Array.isArray(v)) {
    if (v.length === 0) out.set(path || "(config)", "[]");
    for (const [i, x] of v.entries()) walk(x, `${path}[${i}]`, out);
    return;
  }
  if (isObject(v)) {
    const keys = Object.keys(v);
    if (keys.length === 0) out.set(path || "(config)", "{}");
    for (const k of keys) walk(v[k], path ? `${path}.${k}` : k, out);
    return;
  }
  out.set(path || "(config)", JSON.stringify(v));
}
