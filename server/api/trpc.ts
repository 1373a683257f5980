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
  const token = opts.sources.identity === "forwarded-token" ? tokenFromHeaders(opts.headers) : undefined;
  return createInnerContext({ sources: opts.sources, ...(token ? { token } : {}) });
};

const t = initTRPC.context<InnerContext>().create();

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
