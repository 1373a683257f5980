/**
 * Cross-site request forgery guard for state-changing requests: a browser says where a request comes from
 * (Sec-Fetch-Site, else Origin); anything not from this site is refused. Requests with neither header are not
 * from a browser page (curl, tests) and carry their own credentials, so they pass.
 */
export function crossSiteReason(req: { method: string; headers: Headers; url: string }): string | null {
  if (req.method === "GET" || req.method === "HEAD" || req.method === "OPTIONS") return null;
  const site = req.headers.get("sec-fetch-site");
  if (site && site !== "same-origin" && site !== "none")
    return `cross-site ${req.method} refused (Sec-Fetch-Site: ${site})`;
  const origin = req.headers.get("origin");
  if (!origin) return null;
  const host = req.headers.get("x-forwarded-host") ?? req.headers.get("host") ?? new URL(req.url).host;
  let originHost: string;
  try {
    originHost = new URL(origin).host;
  } catch {
    return `cross-site ${req.method} refused (Origin: ${origin})`;
  }
  return originHost === host ? null : `cross-site ${req.method} refused (Origin ${originHost} is not ${host})`;
}
