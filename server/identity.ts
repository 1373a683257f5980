import { createHash } from "node:crypto";
import { TRPCError } from "@trpc/server";

/** Who a request reads and writes as. The token itself never leaves this object: not in logs, keys or errors. */
export interface Caller {
  /** kubeconfig context the caller picked, in kubeconfig mode */
  context?: string;
  /** the caller's own bearer token, in forwarded-token mode */
  token?: string;
}

/** A TRPCError, so the caller gets 401 wherever it is thrown (queries, mutations, inside a subscription). */
export class UnauthenticatedError extends TRPCError {
  constructor(
    message = "sign in first: this Plumbline reads the cluster as you, and the request carried no token (X-Forwarded-Access-Token or Authorization: Bearer)",
  ) {
    super({ code: "UNAUTHORIZED", message });
  }
}

/** A context the caller named that the operator did not offer: never loaded, so its exec plugin never runs. */
export class ContextNotAllowedError extends TRPCError {
  constructor(context: string) {
    super({
      code: "FORBIDDEN",
      message: `context ${context} is not one this server was started with: start it with --context ${context} to offer it`,
    });
  }
}

export type TokenHeader = "x-forwarded-access-token" | "authorization";

/**
 * From the one header the deployment's proxy sets and overwrites (oauth-proxy's `--pass-access-token`, or
 * nginx's Authorization from oauth2-proxy). Any other header is the client's own and is never read: a
 * signed-in user must not be able to substitute somebody else's token.
 */
export function tokenFromHeaders(headers: Headers, header: TokenHeader): string | undefined {
  const value = headers.get(header)?.trim();
  if (!value) return undefined;
  if (header === "x-forwarded-access-token") return value;
  return /^Bearer\s+(\S+)$/i.exec(value)?.[1];
}

/** A stable, non-reversible name for a token: what keys and logs may carry. */
export function tokenId(token: string): string {
  return createHash("sha256").update(token).digest("hex").slice(0, 16);
}
