/** A path in the dashboard for the kubeconfig context in use: the context rides along in the query string. */
export function withContext(
  path: string,
  context: string | undefined,
  params: Record<string, string | undefined> = {},
): string {
  const q = new URLSearchParams();
  for (const [k, v] of Object.entries(params)) if (v !== undefined && v !== "") q.set(k, v);
  if (context) q.set("context", context);
  const s = q.toString();
  return s ? `${path}?${s}` : path;
}

/** The explorer with one element selected. */
export const explorerUrl = (context: string | undefined, selected?: string): string =>
  withContext("/", context, { sel: selected });
