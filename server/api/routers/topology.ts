import { tracked } from "@trpc/server";
import { z } from "zod";
import { formTopology } from "@/lib/store/form-topology";
import { RANGE_LIMIT, viewQuerySchema } from "@/lib/wire/view-protocol";
import { ChangeSignal } from "../../change-signal";
import { FollowedChannel } from "../../followed-channel";
import { shownFeed } from "../../shown-feed";
import { assertSignedIn } from "../../sources/registry";
import { placementInStore } from "../../topology-placement";
import { searchFeed } from "../../topology-search";
import { joinChannel, type ViewChannel } from "../../view-channel";
import { wholeAnswer } from "../../whole-answer";
import { createTRPCRouter, sourceProcedure } from "../trpc";

export const topologyRouter = createTRPCRouter({
  /**
   * The whole topology (the contract the command line prints) as one answer, up to LIMITS.wholeTopologyItems elements
   * and links (whole-answer.ts); larger clusters are read from GET /api/export/topology or by view.
   */
  get: sourceProcedure.query(async ({ ctx: { source, afterSent } }) => {
    const { payload, release } = await wholeAnswer(source, "topology.get");
    // (its share of the budget is held until the route has written the JSON text, which is where the memory goes)
    if (afterSent) afterSent(release);
    else release();
    return payload;
  }),

  /**
   * What the network and attach forms read: networks, hosts with their NICs, bridges and namespaces, never the pods
   * (a form on a 20,000-pod cluster would otherwise download the whole topology to fill three pickers).
   */
  forForms: sourceProcedure.query(async ({ ctx: { source } }) => {
    const feed = await shownFeed(source);
    assertSignedIn(source);
    return formTopology(feed.store);
  }),

  /**
   * Pushes the whole topology whenever the source changes; bursts of watch events coalesce into one push. Bound as
   * `get` is, push by push: a cluster grown past the bound ends the stream with the error naming the alternatives.
   */
  watch: sourceProcedure.input(z.object({ lastEventId: z.string().nullish() })).subscription(async function* ({
    ctx: { source },
    input,
    signal,
  }) {
    const changed = new ChangeSignal(signal);
    // Subscribe before the first read so no change between the two is lost.
    const unsubscribe = source.subscribe(() => changed.notify());
    try {
      await source.ready();
      let last = input.lastEventId ?? null;
      while (!signal?.aborted) {
        // Credentials refused by the API server: the stream ends with 401 and the page says signed out.
        const { payload, release } = await wholeAnswer(source, "topology.watch");
        try {
          if (payload.revision !== last) {
            last = payload.revision;
            // (tRPC serialises a push before it asks for the next one, so the share is held while it is written)
            yield tracked(payload.revision, payload);
          }
        } finally {
          release();
        }
        await changed.next(25);
      }
    } finally {
      unsubscribe();
    }
  }),

  /**
   * What the explorer draws: the view it asks for (the cluster, or what a host, network, pod or namespace narrows
   * it to), first as a snapshot, then as deltas by revision. Each message is JSON text serialised once for every
   * subscriber of that view; a lastEventId the server no longer knows gets a fresh snapshot.
   */
  view: sourceProcedure
    .input(z.object({ view: viewQuerySchema, lastEventId: z.string().nullish() }))
    .subscription(async function* ({ ctx: { source }, input, signal }) {
      // (an access group's member reads its group's channel while its picture is the group's: see shown-feed.ts)
      const followed = new FollowedChannel(source, input.view, signal);
      try {
        let at = input.lastEventId ?? null;
        let was: ViewChannel | null = null;
        while (!signal?.aborted) {
          const channel = await followed.channel();
          // Credentials refused by the API server: the stream ends with 401 and the page says signed out.
          assertSignedIn(source);
          // The picture moved to another feed: its snapshot first.
          if (was && channel !== was) at = null;
          was = channel;
          // Waiting starts before reading, so a change between the two is not lost.
          const changed = followed.next(channel);
          for (const message of channel.since(at)) {
            at = message.revision;
            yield tracked(message.revision, message.text);
          }
          await changed;
        }
      } finally {
        followed.leave();
      }
    }),

  /**
   * One view's snapshot (the text a subscription starts with), without subscribing: the explorer fetches the view a
   * search's first hit would open while the admin is still looking at the hits.
   */
  viewSnapshot: sourceProcedure.input(z.object({ view: viewQuerySchema })).query(async ({ ctx: { source }, input }) => {
    const feed = await shownFeed(source);
    assertSignedIn(source);
    const { channel, leave } = joinChannel(feed, input.view);
    try {
      return channel.since(null)[0]?.text ?? "";
    } finally {
      leave();
    }
  }),

  /** The hosts a network's pods could land on (per NodeNetworkState), for a network that no pod uses yet. */
  placement: sourceProcedure
    .input(z.object({ network: z.string().min(1).max(320) }))
    .query(async ({ ctx: { source }, input }) => {
      const feed = await shownFeed(source);
      return placementInStore(feed.store, input.network);
    }),

  /** Search over the whole cluster (names, IPs and CIDR ranges, MACs, PCI addresses), from the server's index. */
  search: sourceProcedure
    .input(z.object({ q: z.string().max(256), limit: z.number().int().min(1).max(RANGE_LIMIT).default(12) }))
    .query(async ({ ctx: { source }, input }) => {
      const feed = await shownFeed(source);
      return searchFeed(feed, input.q, input.limit);
    }),
});
