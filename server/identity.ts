import { createHash } from "node:crypto";

/** Who a request reads and writes as. The token itself never leaves this object: not in logs, keys or errors. */
export interface Caller {
  /** kubeconfig context the caller picked, in kubeconfig mode */
  context?: string;
  /** the caller's own bearer token, in forwarded-token mode */
  token?: string;
}

export class UnauthenticatedError extends Error {
  constructor() {
    super(
      "sign in first: this Plumbline reads the cluster as you, and the request carried no token (X-Forwarded-Access-Token or Authorization: Bearer)",
    );
  }
}

/** From oauth-proxy (`--pass-access-token`) or a plain bearer header. */
export function tokenFromHeaders(headers: Headers): string | undefined {
  const forwarded = headers.get("x-forwarded-access-token")?.trim();
  if (forwarded) return forwarded;
  const auth = headers.get("authorization")?.trim();
  const m = auth ? /^Bearer\s+(\S+)$/i.exec(auth) : null;
  return m?.[1];
}

/** A stable, non-reversible name for a token: what keys and logs may carry. */
export function tokenId(token: string): string {
  return createHash("sha256").update(token).digest("hex").slice(0, 16);
}
