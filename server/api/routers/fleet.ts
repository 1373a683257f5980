import { z } from "zod";
import { buildFleet } from "@/lib/fleet/fleet";
import { RANGE_LIMIT } from "@/lib/wire/view-protocol";
import { fleetMembers, fleetOmitted, readFleetCluster } from "../../fleet";
import { searchFleet } from "../../fleet-search";
import { createTRPCRouter, identifiedProcedure } from "../trpc";

export const fleetRouter = createTRPCRouter({
  /**
   * Every cluster the server offers, side by side: each read as the caller, all at once, each waited for at most a
   * few seconds (one down never holds up the others), then the networks across them with drift and fleet findings.
   */
  overview: identifiedProcedure.query(async ({ ctx }) => {
    const caller = ctx.token ? { token: ctx.token } : {};
    const members = fleetMembers(ctx.sources);
    const clusters = await Promise.all(members.map((m) => readFleetCluster(ctx.sources, m, caller)));
    // byContext: each cluster is a kubeconfig context its explorer opens with ?context=; else the one cluster served
    // omitted: contexts beyond what the fleet reads at once, named so nobody takes them for read
    const omitted = fleetOmitted(ctx.sources);
    return { ...buildFleet(clusters), byContext: members.some((m) => m.context !== undefined), omitted };
  }),

  /** A pod, IP, CIDR, MAC or PCI address across every cluster, from each cluster's own search index. */
  search: identifiedProcedure
    .input(z.object({ q: z.string().max(256), limit: z.number().int().min(1).max(RANGE_LIMIT).default(12) }))
    .query(({ ctx, input }) =>
      searchFleet(ctx.sources, ctx.token ? { token: ctx.token } : {}, input.q.trim(), input.limit),
    ),
});
