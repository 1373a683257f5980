import { initTRPC, TRPCError } from "@trpc/server";
import { tokenFromHeaders } from "../identity";
import type { SourceRegistry } from "../sources/registry";

/** Everything a procedure may use; tests build it directly with their own registry. */
export interface InnerContext {
  sources: SourceRegistry;
  /** the caller's own bearer token (forwarded-token mode); never logged, never sent back */
  token?: string;
}

export const createInnerContext = (opts: InnerContext): InnerContext => opts;

/** Built per request from its headers: in forwarded-token mode the caller's token is what every call uses. */
export const createTRPCContext = async (opts: { headers: Headers; sources: SourceRegistry }): Promise<InnerContext> => {
  const token =
    opts.sources.identity === "forwarded-token" ? tokenFromHeaders(opts.headers, opts.sources.tokenHeader) : undefined;
  return createInnerContext({ sources: opts.sources, ...(token ? { token } : {}) });
};

/**
 * A live stream lasts at most this long; the browser then reconnects (with the last event id), which passes the
 * auth proxy and the token checks again. Pings keep idle streams open through proxies.
 */
const STREAM_MAX_MS = Number(process.env.PLUMBLINE_STREAM_MAX_SECONDS ?? 600) * 1000;

const t = initTRPC.context<InnerContext>().create({
  sse: {
    maxDurationMs: STREAM_MAX_MS,
    ping: { enabled: true, intervalMs: 15_000 },
    client: { reconnectAfterInactivityMs: 40_000 },
  },
});

/** No token, no cluster: refused before anything is read (subscriptions included). */
const identified = t.middleware(({ ctx, next }) => {
  if (ctx.sources.identity === "forwarded-token" && !ctx.token) {
    throw new TRPCError({
      code: "UNAUTHORIZED",
      message: "sign in first: Plumbline reads the cluster as you, and this request carried no token",
    });
  }
  return next();
});

export const createTRPCRouter = t.router;
export const createCallerFactory = t.createCallerFactory;
export const identifiedProcedure = t.procedure.use(identified);
