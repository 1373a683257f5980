import { tracked } from "@trpc/server";
import { z } from "zod";
import { RANGE_LIMIT, viewQuerySchema } from "@/lib/topology/view-protocol";
import { ChangeSignal } from "../../change-signal";
import { assertSignedIn } from "../../sources/registry";
import { payloadOf } from "../../topology-cache";
import { feedOf } from "../../topology-feed";
import { placementInStore } from "../../topology-placement";
import { searchFeed } from "../../topology-search";
import { joinChannel } from "../../view-channel";
import { createTRPCRouter, identifiedProcedure } from "../trpc";

const sourceInput = z.object({
  /** kubeconfig context to read; the server's default when absent */
  context: z.string().min(1).optional(),
});

export const topologyRouter = createTRPCRouter({
  /** The whole topology (the contract the command line prints): for the JSON export, not for drawing. */
  get: identifiedProcedure.input(sourceInput).query(async ({ ctx, input }) => {
    const lease = await ctx.sources.acquire({ context: input.context, token: ctx.token });
    try {
      await lease.source.ready();
      assertSignedIn(lease.source);
      return await payloadOf(lease.source);
    } finally {
      lease.release();
    }
  }),

  /** Pushes the whole topology whenever the source changes; bursts of watch events coalesce into one push. */
  watch: identifiedProcedure
    .input(sourceInput.extend({ lastEventId: z.string().nullish() }))
    .subscription(async function* ({ ctx, input, signal }) {
      const lease = await ctx.sources.acquire({ context: input.context, token: ctx.token });
      const changed = new ChangeSignal(signal);
      // Subscribe before the first read so no change between the two is lost.
      const unsubscribe = lease.source.subscribe(() => changed.notify());
      try {
        await lease.source.ready();
        let last = input.lastEventId ?? null;
        while (!signal?.aborted) {
          // Credentials refused by the API server: the stream ends with 401 and the page says signed out.
          assertSignedIn(lease.source);
          const view = await payloadOf(lease.source);
          if (view.revision !== last) {
            last = view.revision;
            yield tracked(view.revision, view);
          }
          await changed.next(25);
        }
      } finally {
        unsubscribe();
        lease.release();
      }
    }),

  /**
   * What the explorer draws: the view it asks for (the cluster, or what a host, network, pod or namespace narrows
   * it to), first as a snapshot, then as deltas by revision. Each message is JSON text serialised once for every
   * subscriber of that view; a lastEventId the server no longer knows gets a fresh snapshot.
   */
  view: identifiedProcedure
    .input(sourceInput.extend({ view: viewQuerySchema, lastEventId: z.string().nullish() }))
    .subscription(async function* ({ ctx, input, signal }) {
      const lease = await ctx.sources.acquire({ context: input.context, token: ctx.token });
      const feed = feedOf(lease.source);
      await feed.current();
      const { channel, leave } = joinChannel(feed, input.view);
      try {
        let at = input.lastEventId ?? null;
        while (!signal?.aborted) {
          // Credentials refused by the API server: the stream ends with 401 and the page says signed out.
          assertSignedIn(lease.source);
          // Waiting starts before reading, so a change between the two is not lost.
          const changed = channel.next(signal);
          for (const message of channel.since(at)) {
            at = message.revision;
            yield tracked(message.revision, message.text);
          }
          await changed;
        }
      } finally {
        leave();
        lease.release();
      }
    }),

  /** The hosts a network's pods could land on (per NodeNetworkState), for a network that no pod uses yet. */
  placement: identifiedProcedure
    .input(sourceInput.extend({ network: z.string().min(1).max(320) }))
    .query(async ({ ctx, input }) => {
      const lease = await ctx.sources.acquire({ context: input.context, token: ctx.token });
      try {
        const feed = feedOf(lease.source);
        await feed.current();
        return placementInStore(feed.store, input.network);
      } finally {
        lease.release();
      }
    }),

  /** Search over the whole cluster (names, IPs and CIDR ranges, MACs, PCI addresses), from the server's index. */
  search: identifiedProcedure
    .input(sourceInput.extend({ q: z.string().max(256), limit: z.number().int().min(1).max(RANGE_LIMIT).default(12) }))
    .query(async ({ ctx, input }) => {
      const lease = await ctx.sources.acquire({ context: input.context, token: ctx.token });
      try {
        const feed = feedOf(lease.source);
        await feed.current();
        return searchFeed(feed, input.q, input.limit);
      } finally {
        lease.release();
      }
    }),
});
