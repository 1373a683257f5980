import { randomUUID } from "node:crypto";
import { fetchRequestHandler } from "@trpc/server/adapters/fetch";
import { appRouter } from "@/server/api/root";
import { createTRPCContext } from "@/server/api/trpc";
import { crossSiteReason } from "@/server/http-guard";
import { tokenFromHeaders, tokenId } from "@/server/identity";
import { log } from "@/server/log";
import { getRegistry, shutdownSignal } from "@/server/registry-instance";

export const dynamic = "force-dynamic";

async function handler(req: Request): Promise<Response> {
  const reqId = req.headers.get("x-request-id") ?? randomUUID();
  const started = performance.now();
  const token = tokenFromHeaders(req.headers);
  const meta = {
    reqId,
    method: req.method,
    path: new URL(req.url).pathname.replace(/^\/api\/trpc\//, ""),
    user: token ? tokenId(token) : undefined,
  };
  const refused = crossSiteReason(req);
  if (refused) {
    log.warn({ ...meta, status: 403 }, refused);
    return Response.json({ error: refused }, { status: 403, headers: { "x-request-id": reqId } });
  }
  // Ends open subscriptions cleanly when the server shuts down.
  const signal = AbortSignal.any([req.signal, shutdownSignal()]);
  const res = await fetchRequestHandler({
    endpoint: "/api/trpc",
    req: new Request(req, { signal }),
    router: appRouter,
    createContext: () => createTRPCContext({ headers: req.headers, sources: getRegistry() }),
    onError: ({ path, error }) => {
      if (error.code === "UNAUTHORIZED" || error.code === "NOT_FOUND" || error.code === "FORBIDDEN") return;
      log.error({ ...meta, trpcPath: path, code: error.code }, error.message);
    },
  });
  res.headers.set("x-request-id", reqId);
  log.info({ ...meta, status: res.status, ms: Math.round(performance.now() - started) }, "request");
  return res;
}

export { handler as GET, handler as POST };
