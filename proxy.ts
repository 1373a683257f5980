import { type NextRequest, NextResponse } from "next/server";
import { LIMITS } from "@/lib/http/limits";
import { readConfig, type ServerConfig } from "@/server/config";
import { allowedHosts, hostRefusal, sameSecret } from "@/server/http-guard";
import { ASSET_CSP, pageCsp } from "@/server/page-csp";
import { HSTS, overTls, Session, sessionCookie } from "@/server/session";

// Runs before every request (pages, API, assets): the checks here hold for all of them.
let config: ServerConfig | undefined;
let session: Session | undefined;

const text = (status: number, body: string): NextResponse =>
  new NextResponse(`${body}\n`, {
    status,
    headers: { "content-type": "text/plain; charset=utf-8", "cache-control": "no-store" },
  });

const SAFE_METHODS = new Set(["GET", "HEAD", "OPTIONS"]);

export function proxy(req: NextRequest): NextResponse {
  config ??= readConfig();
  session ??= new Session(config.PLUMBLINE_LAUNCH_SECRET);
  const hostProblem = hostRefusal(req.headers.get("host"), allowedHosts(config));
  if (hostProblem) return text(421, hostProblem);

  const tls = overTls(req.headers, config.PLUMBLINE_TRUSTED_PROXY);
  const res = guarded(req, config, session, tls);
  if (tls) res.headers.set("strict-transport-security", HSTS);
  return res;
}

function guarded(req: NextRequest, config: ServerConfig, session: Session, tls: boolean): NextResponse {
  const cookie = Session.cookieName(req.headers.get("host"));
  const hasSession = sameSecret(req.cookies.get(cookie)?.value, session.id);
  if (config.PLUMBLINE_LAUNCH_SECRET && !hasSession) {
    if (!sameSecret(req.nextUrl.searchParams.get("key"), config.PLUMBLINE_LAUNCH_SECRET))
      return text(401, "open Plumbline with the URL it printed when it started (it carries this launch's key)");
    const clean = req.nextUrl.clone();
    clean.searchParams.delete("key");
    // The Host in this absolute URL was checked above. The cookie holds a session id derived from the key.
    const res = NextResponse.redirect(clean, 303);
    res.cookies.set(cookie, session.id, sessionCookie(tls));
    return res;
  }
  // Local mode acts with the operator's kubeconfig: a write must come from a page this server served.
  const local = config.PLUMBLINE_IDENTITY === "kubeconfig";
  if (local && !hasSession && !SAFE_METHODS.has(req.method))
    return text(
      403,
      `${req.method} refused: writes need the session of a Plumbline page this server served (reload the page if Plumbline was restarted)`,
    );

  if (Number(req.headers.get("content-length") ?? "0") > LIMITS.bodyBytes)
    return text(413, `request body over ${LIMITS.bodyBytes} bytes refused`);

  if (req.nextUrl.pathname.startsWith("/api/")) {
    const res = NextResponse.next();
    res.headers.set("cache-control", "no-store");
    res.headers.set("content-security-policy", "default-src 'none'; frame-ancestors 'none'");
    return res;
  }
  // Scripts themselves (the layout Web Worker takes its policy from its own script's response, and loads its
  // chunks with importScripts, which a nonce cannot cover): same-origin scripts only.
  if (req.nextUrl.pathname.startsWith("/_next/static/")) {
    const res = NextResponse.next();
    res.headers.set("content-security-policy", ASSET_CSP);
    return res;
  }
  // Pages: a fresh nonce per response; Next reads it from the request's policy and puts it on its own scripts.
  const csp = pageCsp(btoa(crypto.randomUUID()), process.env.NODE_ENV !== "production");
  const headers = new Headers(req.headers);
  headers.set("content-security-policy", csp);
  const res = NextResponse.next({ request: { headers } });
  res.headers.set("content-security-policy", csp);
  // The page's proof for the writes it will make (local mode).
  if (local && !hasSession) res.cookies.set(cookie, session.id, sessionCookie(tls));
  return res;
}
