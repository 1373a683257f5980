import { z } from "zod";
import { viewQuerySchema } from "@/lib/wire/view-protocol";
import { hostLayout } from "../../host-layout";
import { assertSignedIn } from "../../sources/registry";
import { feedOf } from "../../topology-feed";
import { joinChannel } from "../../view-channel";
import { createTRPCRouter, sourceProcedure } from "../trpc";

export const layoutRouter = createTRPCRouter({
  /**
   * A host's view laid out on the server, asked by the page as it subscribes to that view (or fetches it ahead): the
   * page draws it when it arrives before its own worker's layout of the same input. The view is read from its
   * channel (kept a few seconds, server/view-channel.ts LINGER_MS), which the page's subscription then shares.
   */
  host: sourceProcedure
    .input(z.object({ view: viewQuerySchema, showDefault: z.boolean().default(false) }))
    .query(async ({ ctx: { source }, input }) => {
      const feed = feedOf(source);
      await feed.current();
      assertSignedIn(source);
      const { channel, leave } = joinChannel(feed, input.view);
      let text: string;
      try {
        text = channel.since(null)[0]?.text ?? "";
      } finally {
        leave();
      }
      return await hostLayout(text, input.view, input.showDefault);
    }),
});
