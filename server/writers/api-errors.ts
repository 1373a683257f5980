import { readApiError } from "../sources/live/errors";
import { type CauseField, conflictError, WriteError } from "./types";

/**
 * Turns an API error into what a form shows: 409 on create is the name, 409 on update a concurrent edit,
 * 403 names the verb, resource and namespace, 422 the API's own reason at the field it blames (`fieldOf`: the form's
 * field for a cause, e.g. a CRD's CEL rule on spec.layer3.subnets[0]; else only the name and namespace are placed).
 */
export function toWriteError(
  err: unknown,
  verb: string,
  resource: string,
  namespace: string | undefined,
  name?: string,
  fieldOf?: CauseField,
): WriteError {
  if (err instanceof WriteError) return err;
  const failure = readApiError(err);
  const status = failure.status ?? 0;
  const body = { ...failure.body, message: failure.body.message ?? failure.rawBody };
  const where = namespace ? ` in ${namespace}` : "";
  switch (status) {
    case 409:
      return body.reason === "AlreadyExists"
        ? new WriteError(
            `name taken: ${resource} ${namespace ? `${namespace}/` : ""}${name ?? ""} already exists`,
            409,
            "name",
          )
        : conflictError(name ?? resource);
    case 403:
      return new WriteError(`forbidden: ${verb} ${resource}${where}`, 403);
    case 401:
      return new WriteError("not signed in, or the session expired: sign in again", 401);
    case 404:
      return new WriteError(`${resource}${name ? ` ${name}` : ""} not found${where}`, 404);
    case 422: {
      const causes = body.details?.causes ?? [];
      for (const c of causes) {
        const field = fieldOf?.(c);
        if (field) return new WriteError(`rejected by the API server: ${c.message ?? body.message}`, 422, field);
      }
      const cause = causes[0];
      const field = cause?.field?.startsWith("metadata.name")
        ? "name"
        : cause?.field?.startsWith("metadata.namespace")
          ? "namespace"
          : undefined;
      return new WriteError(`rejected by the API: ${cause?.message ?? body.message ?? "invalid"}`, 422, field);
    }
    default: {
      const reason = body.message ?? failure.code ?? failure.text;
      return new WriteError(`${verb} ${resource}${where} failed: ${reason}`, status || 500);
    }
  }
}
