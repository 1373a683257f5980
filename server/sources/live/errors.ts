import { z } from "zod";
import { isObject } from "@/lib/result";

/** The parts of a Kubernetes `Status` body a user is shown; anything else in it is ignored. */
const statusBodySchema = z.object({
  message: z.string().optional(),
  reason: z.string().optional(),
  details: z
    .object({
      causes: z.array(z.object({ field: z.string().optional(), message: z.string().optional() })).optional(),
      /** a 429's or 503's wait, as NewTooManyRequests / NewServiceUnavailable set it */
      retryAfterSeconds: z.number().optional().catch(undefined),
    })
    .optional()
    .catch(undefined),
});

/**
 * One reading of any error client-node throws: the HTTP status (ApiException.code, or Watch's statusCode), the
 * API's Status body (a JSON string or an object), and a network error's code (ECONNREFUSED…). Every message about
 * a failed call — a finding, a form field, a tRPC error — is made from this.
 */
export interface ApiFailure {
  status?: number;
  body: z.infer<typeof statusBodySchema>;
  /** a network error's code, e.g. ECONNREFUSED */
  code?: string;
  /** the error's own message, and its first line (client-node appends headers after it) */
  message: string;
  text: string;
  /** a body that was not a Status (e.g. plain text from a proxy) */
  rawBody?: string;
}

export function readApiError(err: unknown): ApiFailure {
  const message = err instanceof Error ? err.message : String(err);
  const text = message.split("\n")[0] ?? "";
  if (!isObject(err)) return { body: {}, message, text };
  const fields = err;
  const status =
    typeof fields.code === "number"
      ? fields.code
      : typeof fields.statusCode === "number"
        ? fields.statusCode
        : undefined;
  const raw = typeof fields.body === "string" ? safeJson(fields.body) : fields.body;
  const parsed = statusBodySchema.safeParse(raw);
  return {
    status,
    body: parsed.success ? parsed.data : {},
    message,
    text,
    ...(typeof fields.code === "string" ? { code: fields.code } : {}),
    ...(typeof fields.body === "string" && !parsed.success ? { rawBody: fields.body } : {}),
  };
}

/** HTTP status of an error from client-node's generated clients (ApiException.code) or its Watch (statusCode). */
export const httpStatus = (err: unknown): number | undefined => readApiError(err).status;

/** A one-line reason: the API's Status message when there is one, never the headers client-node puts in messages. */
export function reasonOf(err: unknown): string {
  const f = readApiError(err);
  if (f.body.message !== undefined) return f.body.message;
  if (f.code) return `${f.code}: ${f.message}`.trim();
  return f.status ? `HTTP ${f.status}${f.text && !f.text.startsWith("HTTP-Code") ? ` ${f.text}` : ""}` : f.text;
}

function safeJson(s: string): unknown {
  try {
    const value: unknown = JSON.parse(s);
    return value;
  } catch {
    return undefined;
  }
}

/**
 * Names the verb, resource and namespace, as every API error shown to a user must, and the kubeconfig context when
 * the server reads several (the fleet): "list pods in namespace lab on context lab: …".
 */
export function describeApiError(
  verb: string,
  resource: string,
  scope: { namespace?: string | undefined; namespaced: boolean; context?: string | undefined },
  err: unknown,
): string {
  const where = scope.namespace ? ` in namespace ${scope.namespace}` : scope.namespaced ? " in all namespaces" : "";
  return `${verb} ${resource}${where}${scope.context ? ` on context ${scope.context}` : ""}: ${reasonOf(err)}`;
}
