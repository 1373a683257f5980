/**
 * Cross-site request forgery guard for state-changing requests: a browser says where a request comes from
 * (Sec-Fetch-Site, else Origin); anything not from this site is refused. Requests with neither header pass here:
 * in-cluster they carry their caller's own token; in local mode the proxy also wants the page's session cookie
 * (server/session.ts). X-Forwarded-Host names this site only when a trusted proxy sets it (PLUMBLINE_TRUSTED_PROXY):
 * otherwise any client could name the Origin it brings.
 */
export function crossSiteReason(
  req: { method: string; headers: Headers; url: string },
  trustedProxy = false,
  /** guard this read as a write: the whole topology's export, which another site must not make a browser pull */
  guardRead = false,
): string | null {
  if (!guardRead && (req.method === "GET" || req.method === "HEAD" || req.method === "OPTIONS")) return null;
  const site = req.headers.get("sec-fetch-site");
  if (site && site !== "same-origin" && site !== "none")
    return `cross-site ${req.method} refused (Sec-Fetch-Site: ${site})`;
  const origin = req.headers.get("origin");
  if (!origin) return null;
  const forwarded = trustedProxy ? req.headers.get("x-forwarded-host") : null;
  const host = forwarded ?? req.headers.get("host") ?? new URL(req.url).host;
  let originHost: string;
  try {
    originHost = new URL(origin).host;
  } catch {
    return `cross-site ${req.method} refused (Origin: ${origin})`;
  }
  return originHost === host ? null : `cross-site ${req.method} refused (Origin ${originHost} is not ${host})`;
}

const LOCAL_HOSTS = ["localhost", "127.0.0.1", "[::1]"];

/**
 * Hosts a request may name: in kubeconfig mode the localhost names plus the configured ones; in-cluster the
 * configured ones, else any (null: the Route or Ingress decides which names reach the pod).
 */
export function allowedHosts(config: {
  PLUMBLINE_ALLOWED_HOSTS: string[];
  PLUMBLINE_IDENTITY: string;
}): string[] | null {
  const configured = config.PLUMBLINE_ALLOWED_HOSTS.map((h) => h.toLowerCase());
  if (config.PLUMBLINE_IDENTITY === "kubeconfig") return [...LOCAL_HOSTS, ...configured];
  return configured.length ? configured : null;
}

/**
 * DNS rebinding guard: a page on rebind.attacker.example whose name now resolves to 127.0.0.1 sends
 * `Host: rebind.attacker.example`, and its Origin matches that Host, so only the Host itself tells it apart.
 * An allowed entry without a port allows any port.
 */
export function hostRefusal(host: string | null, allowed: string[] | null): string | null {
  if (!allowed) return null;
  const h = (host ?? "").toLowerCase();
  const name = h.startsWith("[") ? h.slice(0, h.indexOf("]") + 1) : (h.split(":")[0] ?? "");
  if (allowed.includes(h) || allowed.includes(name)) return null;
  return `this Plumbline answers only requests addressed to ${allowed.join(", ")} (PLUMBLINE_ALLOWED_HOSTS), not ${h || "no host"}`;
}

/** Constant-time comparison of two strings, so the secret cannot be guessed a character at a time. */
export function sameSecret(a: string | undefined | null, b: string): boolean {
  if (!a || a.length !== b.length) return false;
  let diff = 0;
  for (let i = 0; i < a.length; i++) diff |= a.charCodeAt(i) ^ b.charCodeAt(i);
  return diff === 0;
}
