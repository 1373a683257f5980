import { randomUUID } from "node:crypto";
import { fetchRequestHandler } from "@trpc/server/adapters/fetch";
import { LIMITS } from "@/lib/http/limits";
import { appRouter } from "@/server/api/root";
import { createTRPCContext } from "@/server/api/trpc";
import { readConfig } from "@/server/config";
import { crossSiteReason } from "@/server/http-guard";
import { onBodyEnd, withBoundedBody } from "@/server/http-limits";
import { tokenFromHeaders, tokenId } from "@/server/identity";
import { log } from "@/server/log";
import { getRegistry, shutdownSignal } from "@/server/registry-instance";
import { admit, viewerOf } from "@/server/viewer";

export const dynamic = "force-dynamic";

let trustedProxy: boolean | undefined;
/** the router's long-lived procedures (SSE) */
const SUBSCRIPTIONS = new Set(["topology.watch", "topology.view"]);

async function handler(req: Request): Promise<Response> {
  const reqId = req.headers.get("x-request-id") ?? randomUUID();
  const started = performance.now();
  const registry = getRegistry();
  const token =
    registry.identity === "forwarded-token" ? tokenFromHeaders(req.headers, registry.tokenHeader) : undefined;
  const path = new URL(req.url).pathname.replace(/^\/api\/trpc\//, "");
  const meta = { reqId, method: req.method, path, user: token ? tokenId(token) : undefined };
  const headers = { "x-request-id": reqId, "cache-control": "no-store" };
  const refuse = (status: number, error: string): Response => {
    log.warn({ ...meta, status }, error);
    return Response.json({ error }, { status, headers: status === 429 ? { ...headers, "retry-after": "1" } : headers });
  };
  trustedProxy ??= readConfig().PLUMBLINE_TRUSTED_PROXY;
  const refused = crossSiteReason(req, trustedProxy);
  if (refused) return refuse(403, refused);
  // One identity cannot take the server (or the API server behind it) for itself.
  // Subscriptions stay open as long as their tab: counted as live streams, never against the calls a page makes.
  const stream = SUBSCRIPTIONS.has(path);
  const admitted = admit(viewerOf(req.headers, registry), stream, registry);
  if ("refused" in admitted) return refuse(429, admitted.refused);
  // What the answers ask to be done once they are written (whole-answer.ts: a whole topology's share of the budget).
  const sent: (() => void)[] = [];
  const done = () => {
    admitted.leave();
    for (const f of sent.splice(0)) f();
  };
  try {
    const bounded = await withBoundedBody(req, LIMITS.bodyBytes);
    if (!bounded) {
      done();
      return refuse(413, `request body over ${LIMITS.bodyBytes} bytes refused`);
    }
    // Ends open subscriptions cleanly when the server shuts down.
    const signal = AbortSignal.any([req.signal, shutdownSignal()]);
    const res = await fetchRequestHandler({
      endpoint: "/api/trpc",
      req: new Request(bounded, { signal }),
      router: appRouter,
      maxBatchSize: LIMITS.batch,
      createContext: () =>
        createTRPCContext({ headers: req.headers, sources: registry, afterSent: (f) => sent.push(f) }),
      onError: ({ path, error }) => {
        if (error.code === "UNAUTHORIZED" || error.code === "NOT_FOUND" || error.code === "FORBIDDEN") return;
        log.error({ ...meta, trpcPath: path, code: error.code }, error.message);
      },
    });
    for (const [k, v] of Object.entries(headers)) res.headers.set(k, v);
    log.info({ ...meta, status: res.status, ms: Math.round(performance.now() - started) }, "request");
    return onBodyEnd(res, done);
  } catch (e) {
    done();
    throw e;
  }
}

export { handler as GET, handler as POST };
