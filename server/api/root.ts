import { clusterRouter } from "./routers/cluster";
import { fleetRouter } from "./routers/fleet";
import { layoutRouter } from "./routers/layout";
import { networksRouter } from "./routers/networks";
import { nodeLinksRouter } from "./routers/node-links";
import { reachRouter } from "./routers/reach";
import { topologyRouter } from "./routers/topology";
import { udnRouter } from "./routers/udn";
import { createTRPCRouter } from "./trpc";

export const appRouter = createTRPCRouter({
  cluster: clusterRouter,
  fleet: fleetRouter,
  layout: layoutRouter,
  networks: networksRouter,
  reach: reachRouter,
  nodeLinks: nodeLinksRouter,
  topology: topologyRouter,
  udn: udnRouter,
});

export type AppRouter = typeof appRouter;
