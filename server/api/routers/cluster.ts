import { createTRPCRouter, identifiedProcedure } from "../trpc";

export const clusterRouter = createTRPCRouter({
  /** How this server reads the cluster, and the kubeconfig contexts a user may switch between. */
  info: identifiedProcedure.query(({ ctx }) => {
    const contexts = ctx.sources.contexts();
    return { mode: ctx.sources.mode, contexts: contexts.names, currentContext: contexts.current };
  }),
});
