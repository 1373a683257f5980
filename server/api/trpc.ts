import { initTRPC } from "@trpc/server";
import type { SourceRegistry } from "../sources/registry";

/** Everything a procedure may use; tests build it directly with their own registry. */
export interface InnerContext {
  sources: SourceRegistry;
}

export const createInnerContext = (opts: InnerContext): InnerContext => opts;

/** Built per request from its headers; identity forwarding (the deployment issue) reads them here. */
export const createTRPCContext = async (
  opts: { headers: Headers } & InnerContext,
): Promise<InnerContext & { headers: Headers }> => ({
  ...createInnerContext({ sources: opts.sources }),
  headers: opts.headers,
});

const t = initTRPC.context<InnerContext>().create();

export const createTRPCRouter = t.router;
export const createCallerFactory = t.createCallerFactory;
export const publicProcedure = t.procedure;
