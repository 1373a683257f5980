import { clusterRouter } from "./routers/cluster";
import { topologyRouter } from "./routers/topology";
import { createCallerFactory, createTRPCRouter } from "./trpc";

export const appRouter = createTRPCRouter({
  cluster: clusterRouter,
  topology: topologyRouter,
});

export type AppRouter = typeof appRouter;

export const createCaller = createCallerFactory(appRouter);
