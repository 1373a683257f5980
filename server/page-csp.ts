/**
 * The pages' Content-Security-Policy. Scripts run only with this response's nonce (Next puts it on its own
 * scripts) or when loaded by such a script ('strict-dynamic'): an injected inline script does not run. eval is
 * for dev tooling only. Styles stay inline-capable: React Flow positions nodes with style attributes.
 */
export function pageCsp(nonce: string, dev: boolean): string {
  return [
    "default-src 'self'",
    `script-src 'self' 'nonce-${nonce}' 'strict-dynamic'${dev ? " 'unsafe-eval'" : ""}`,
    "style-src 'self' 'unsafe-inline'",
    "img-src 'self' data: blob:",
    "font-src 'self' data:",
    "connect-src 'self'",
    "worker-src 'self' blob:",
    "object-src 'none'",
    "frame-ancestors 'none'",
    "base-uri 'self'",
    "form-action 'self'",
  ].join("; ");
}

/** For the static assets (the layout worker's scripts among them): same-origin scripts, nothing inline. */
export const ASSET_CSP =
  "default-src 'self'; script-src 'self'; worker-src 'self' blob:; connect-src 'self'; object-src 'none'; frame-ancestors 'none'";
