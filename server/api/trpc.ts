import { initTRPC, TRPCError } from "@trpc/server";
import { z } from "zod";
import { readConfig } from "../config";
import { tokenFromHeaders } from "../identity";
import type { SourceRegistry } from "../sources/registry";

/** Everything a procedure may use; tests build it directly with their own registry. */
export interface InnerContext {
  sources: SourceRegistry;
  /** the caller's own bearer token (forwarded-token mode); never logged, never sent back */
  token?: string;
  /**
   * Takes what to do once the answer has been written to the client (the route calls it when the response's body
   * ends); absent, for a caller in this process, the answer is done when the procedure returns.
   */
  afterSent?: (done: () => void) => void;
}

export const createInnerContext = (opts: InnerContext): InnerContext => opts;

/** Built per request from its headers: in forwarded-token mode the caller's token is what every call uses. */
export const createTRPCContext = async (opts: {
  headers: Headers;
  sources: SourceRegistry;
  afterSent?: InnerContext["afterSent"];
}): Promise<InnerContext> => {
  const token =
    opts.sources.identity === "forwarded-token" ? tokenFromHeaders(opts.headers, opts.sources.tokenHeader) : undefined;
  const afterSent = opts.afterSent;
  return createInnerContext({
    sources: opts.sources,
    ...(token ? { token } : {}),
    ...(afterSent ? { afterSent } : {}),
  });
};

/**
 * A live stream lasts at most this long; the browser then reconnects (with the last event id), which passes the
 * auth proxy and the token checks again. Pings keep idle streams open through proxies.
 */
const STREAM_MAX_MS = readConfig().PLUMBLINE_STREAM_MAX_SECONDS * 1000;

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

/** Which of the server's kubeconfig contexts to read; the server's default when absent. */
const sourceInput = z.object({ context: z.string().min(1).optional() });

export const createTRPCRouter = t.router;
/** Anything that needs the caller's identity (a token in forwarded-token mode). */
export const identifiedProcedure = t.procedure.use(identified);
/**
 * Anything that reads or writes the cluster: `ctx.source` is the caller's (their identity, the `context` asked for),
 * leased for exactly as long as the call runs. A query or mutation gives it back when it answers; a subscription
 * when its stream ends, or when the client goes away first (a stream cancelled before its first pull never runs
 * its own `finally`).
 */
export const sourceProcedure = identifiedProcedure
  .input(sourceInput)
  .use(async ({ ctx, input, type, signal, next }) => {
    const lease = await ctx.sources.acquire({ context: input.context, token: ctx.token });
    if (type !== "subscription") {
      try {
        return await next({ ctx: { source: lease.source } });
      } finally {
        lease.release();
      }
    }
    signal?.addEventListener("abort", lease.release, { once: true });
    const result = await next({ ctx: { source: lease.source } });
    if (!result.ok || !isAsyncIterable(result.data)) {
      lease.release();
      return result;
    }
    return { ...result, data: releasing(result.data, lease.release) };
  });

function isAsyncIterable(x: unknown): x is AsyncIterable<unknown> {
  return typeof x === "object" && x !== null && Symbol.asyncIterator in x;
}

/** The stream as it is, then `release` however it ends: done, thrown, or returned early by the client. */
async function* releasing<T>(stream: AsyncIterable<T>, release: () => void): AsyncGenerator<T, void> {
  try {
    yield* stream;
  } finally {
    release();
  }
}
