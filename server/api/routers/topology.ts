import { tracked } from "@trpc/server";
import { z } from "zod";
import { ChangeSignal } from "../../change-signal";
import { payloadOf } from "../../topology-cache";
import { createTRPCRouter, identifiedProcedure } from "../trpc";

const sourceInput = z.object({
  /** kubeconfig context to read; the server's default when absent */
  context: z.string().min(1).optional(),
});

export const topologyRouter = createTRPCRouter({
  get: identifiedProcedure.input(sourceInput).query(async ({ ctx, input }) => {
    const lease = await ctx.sources.acquire({ context: input.context, token: ctx.token });
    try {
      await lease.source.ready();
      return payloadOf(lease.source);
    } finally {
      lease.release();
    }
  }),

  /** Pushes the whole view whenever the source changes; bursts of watch events coalesce into one push. */
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
          const view = payloadOf(lease.source);
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
});
