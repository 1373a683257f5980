import { firstReadOf } from "../../first-read";
import { createTRPCRouter, identifiedProcedure, sourceProcedure } from "../trpc";

export const clusterRouter = createTRPCRouter({
  /** How this server reads the cluster, and the kubeconfig contexts a user may switch between. */
  info: identifiedProcedure.query(({ ctx }) => {
    const contexts = ctx.sources.contexts();
    return { mode: ctx.sources.mode, contexts: contexts.names, currentContext: contexts.current };
  }),

  /**
   * How far the first read of the cluster is (each List's items so far, then the first build host by host): what the
   * page shows until its first picture comes. Answers at once; never waits for the read.
   */
  firstRead: sourceProcedure.query(({ ctx: { source } }) => firstReadOf(source)),
});
