"use client";

import { useSubscription } from "@trpc/tanstack-react-query";
import { useEffect, useMemo, useRef, useState } from "react";
import { readViewMessage } from "@/lib/wire/read-message";
import type { ViewQuery } from "@/lib/wire/view-protocol";
import { applyDelta, fromSnapshot, topologyOf, type ViewState } from "@/lib/wire/view-state";
import { traceMark } from "../trace";
import { useTRPC } from "../trpc";
import { useResubscribe } from "./use-resubscribe";

/**
 * The view the explorer shows, kept by id in the browser: the server sends a snapshot of that view, then deltas.
 * A delta that does not follow the revision held restarts the subscription, which answers with a snapshot.
 * While a new view is on its way the previous one stays on screen.
 */
/** The same query, the same key: the fields a view is told apart by. */
export const viewKey = (q: ViewQuery): string => JSON.stringify([q.namespace, q.network, q.host, q.pod, q.aggregate]);

export function useTopologyView(context: string | undefined, query: ViewQuery) {
  const trpc = useTRPC();
  // `from`: the subscription input whose message this is (absent: a view fetched ahead). A view on screen is only
  // "settled" for the subscription that delivered it: a view undone before its successor came is on screen again, but
  // its new subscription connecting is no lost connection.
  // `unlaid`: a view fetched ahead whose layout was not done when it was seeded (use-drawn-view.ts draws it late).
  const [shown, setShown] = useState<{ key: string; from?: object; state: ViewState; unlaid?: true } | null>(null);
  const state = shown?.state ?? null;
  const held = useRef<ViewState | null>(null);
  const key = viewKey(query);
  // The query the subscription's messages answer (set once it is asked), so a held view knows whether it is current.
  // A new row or column window of the same view (the matrix scrolled) is asked for as its own subscription, but the
  // view held stays current: its rows and columns are drawn until the window's come.
  const rows = JSON.stringify([query.rows ?? null, query.columns ?? null, query.findings ?? null]);
  // biome-ignore lint/correctness/useExhaustiveDependencies: the keys stand for the query's fields
  const input = useMemo(() => ({ ...(context ? { context } : {}), view: query }), [context, key, rows]);
  const asked = useRef<{ key: string; from: object }>({ key, from: input });
  useEffect(() => {
    asked.current = { key, from: input };
    traceMark("view:asked", key);
  }, [key, input]);
  const restart = useRef<() => void>(() => {});
  const delivered = useRef<() => void>(() => {});

  const subscription = useSubscription(
    trpc.topology.view.subscriptionOptions(input, {
      onData: (event) => {
        traceMark("view:data", event.data.length);
        delivered.current();
        const message = readViewMessage(event.data);
        const next = !message
          ? null
          : message.type === "snapshot"
            ? fromSnapshot(message)
            : held.current && applyDelta(held.current, message);
        traceMark("view:applied", message?.type ?? "unreadable");
        if (!next) {
          // Restarting forgets the last event id, so the server answers with a snapshot.
          restart.current();
          return;
        }
        held.current = next;
        setShown({ ...asked.current, state: next });
      },
    }),
  );
  restart.current = subscription.reset;
  delivered.current = useResubscribe(subscription.status, subscription.reset).delivered;

  const topology = useMemo(() => (state ? topologyOf(state) : null), [state]);
  return {
    /**
     * Holds a view fetched ahead (a search's hit, a matrix row) from the render of the query that asks for it; the
     * subscription's own snapshot then takes over. `laidOut`: its layout was done, so it is drawn in that render.
     */
    seed: (ahead: ViewState, forQuery: ViewQuery, laidOut: boolean) => {
      held.current = ahead;
      setShown({ key: viewKey(forQuery), state: ahead, ...(laidOut ? {} : { unlaid: true as const }) });
    },
    state,
    /** the view held answers the query asked (not the previous one, kept on screen while the new one comes) */
    current: shown?.key === key,
    /** the key (viewKey) of the query the view held answers (a picture drawn one render late compares its own) */
    heldKey: shown?.key ?? null,
    /** the view held was fetched ahead and seeded before its layout was done (until the subscription's comes) */
    heldUnlaid: shown?.unlaid === true,
    /**
     * delivered by the subscription open now (its input changes with the view, its row window and the context): only
     * then is that subscription connecting again a lost connection (a window on its way, a view fetched ahead or a
     * view undone before its successor came is not)
     */
    settled: shown?.from === input,
    topology,
    overview: state?.overview ?? null,
    catalog: state?.catalog ?? null,
    networksInUse: state?.networksInUse ?? null,
    findingTotals: state?.findingTotals ?? null,
    /** the snapshot of the view asked for has not come yet (the previous view may still be on screen) */
    loading: state === null,
    subscription,
  };
}
