/** HTTP status of an error from client-node's generated clients (ApiException.code) or its Watch (statusCode). */
export function httpStatus(err: unknown): number | undefined {
  if (typeof err !== "object" || err === null) return undefined;
  const e = err as { code?: unknown; statusCode?: unknown };
  if (typeof e.code === "number") return e.code;
  if (typeof e.statusCode === "number") return e.statusCode;
  return undefined;
}

/** A one-line reason: the API's Status message when there is one, never the headers client-node puts in messages. */
export function reasonOf(err: unknown): string {
  if (typeof err === "object" && err !== null) {
    const body = (err as { body?: unknown }).body;
    const parsed = typeof body === "string" ? safeJson(body) : body;
    if (
      typeof parsed === "object" &&
      parsed !== null &&
      typeof (parsed as { message?: unknown }).message === "string"
    ) {
      return (parsed as { message: string }).message;
    }
    const code = (err as { code?: unknown }).code;
    if (typeof code === "string") return `${code}: ${(err as Error).message ?? ""}`.trim();
  }
  const status = httpStatus(err);
  const msg = err instanceof Error ? (err.message.split("\n")[0] ?? "") : String(err);
  return status ? `HTTP ${status}${msg && !msg.startsWith("HTTP-Code") ? ` ${msg}` : ""}` : msg;
}

function safeJson(s: string): unknown {
  try {
    return JSON.parse(s) as unknown;
  } catch {
    return undefined;
  }
}

/** Names the verb, resource and namespace, as every API error shown to a user must. */
export function describeApiError(
  verb: string,
  resource: string,
  scope: { namespace?: string; namespaced: boolean },
  err: unknown,
): string {
  const where = scope.namespace ? ` in namespace ${scope.namespace}` : scope.namespaced ? " in all namespaces" : "";
  return `${verb} ${resource}${where}: ${reasonOf(err)}`;
}
