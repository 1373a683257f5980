import { createTRPCRouter, publicProcedure } from "../trpc";

export const clusterRouter = createTRPCRouter({
  /** How this server reads the cluster, and the kubeconfig contexts a user may switch between. */
  info: publicProcedure.query(({ ctx }) => {
    const contexts = ctx.sources.contexts();
    return { mode: ctx.sources.mode, contexts: contexts.names, currentContext: contexts.current };
  }),
});
