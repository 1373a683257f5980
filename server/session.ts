import { createHmac, randomBytes } from "node:crypto";

/**
 * The page's own proof in local (kubeconfig) mode, where the server acts with the operator's credentials for
 * whoever reaches the port: a session id derived from this launch's secret (the printed `?key=`, else a random one
 * made at start), kept in an HttpOnly, SameSite=Strict cookie named after the port (two Plumblines on one machine do
 * not overwrite each other's), `Secure` over TLS. Writes without it are refused: a request with no browser headers
 * (a local process, a request forged by another service on the machine) no longer passes for a careful client
 * (issue 25). The cookie never holds the key itself.
 */
export class Session {
  readonly id: string;

  constructor(launchSecret: string | undefined) {
    const secret = launchSecret ?? randomBytes(32).toString("hex");
    this.id = createHmac("sha256", secret).update("plumbline session v1").digest("base64url");
  }

  /** By the port the request's Host names (what the browser scopes by host alone, the name tells apart). */
  static cookieName(host: string | null): string {
    const port = /:(\d+)$/.exec(host ?? "")?.[1];
    return `plumbline-session-${port ?? "default"}`;
  }
}

/** Cookie attributes for the session id: script-proof, never sent cross-site, TLS-only when served over TLS. */
export const sessionCookie = (secure: boolean) => ({ httpOnly: true, sameSite: "strict", path: "/", secure }) as const;

/** Over TLS: the server itself speaks plain HTTP, so only a trusted proxy in front can say so (X-Forwarded-Proto). */
export function overTls(headers: Headers, trustedProxy: boolean): boolean {
  return trustedProxy && (headers.get("x-forwarded-proto") ?? "").split(",")[0]?.trim() === "https";
}

/** One year, as browsers' preload lists expect; sent only over TLS (a plain-HTTP answer's header is ignored anyway). */
export const HSTS = "max-age=31536000";
