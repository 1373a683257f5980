import { type NextRequest, NextResponse } from "next/server";
import { LIMITS } from "@/lib/http/limits";
import { readConfig, type ServerConfig } from "@/server/config";
import { allowedHosts, hostRefusal, LAUNCH_COOKIE, sameSecret } from "@/server/http-guard";
import { ASSET_CSP, pageCsp } from "@/server/page-csp";

// Runs before every request (pages, API, assets): the checks here hold for all of them.
let config: ServerConfig | undefined;

const text = (status: number, body: string): NextResponse =>
  new NextResponse(`${body}\n`, {
    status,
    headers: { "content-type": "text/plain; charset=utf-8", "cache-control": "no-store" },
  });

export function proxy(req: NextRequest): NextResponse {
  config ??= readConfig();
  const hostProblem = hostRefusal(req.headers.get("host"), allowedHosts(config));
  if (hostProblem) return text(421, hostProblem);

  const secret = config.PLUMBLINE_LAUNCH_SECRET;
  if (secret && !sameSecret(req.cookies.get(LAUNCH_COOKIE)?.value, secret)) {
    const key = req.nextUrl.searchParams.get("key");
    if (!sameSecret(key, secret))
      return text(401, "open Plumbline with the URL it printed when it started (it carries this launch's key)");
    const clean = req.nextUrl.clone();
    clean.searchParams.delete("key");
    // The Host in this absolute URL was checked above.
    const res = NextResponse.redirect(clean, 303);
    res.cookies.set(LAUNCH_COOKIE, secret, { httpOnly: true, sameSite: "strict", path: "/" });
    return res;
  }

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
  return res;
}
