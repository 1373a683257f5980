"use client";

import { useQueryClient } from "@tanstack/react-query";
import { useEffect, useRef } from "react";
import { type ExplorerState, viewCriteria } from "@/lib/graph/explorer-state";
import { holdWarmUp, offerLayout, warmLayout } from "../graph/layout-client";
import { traceMark } from "../trace";
import { useTRPC } from "../trpc";

/**
 * Help for the graph's layout, so a host opened is drawn without waiting for ELK in the page:
 * - the page's layout worker loads ELK while the first view is read, and warms it while the page is idle (not
 *   while a pick's view is on its way);
 * - a host's view is laid out by the server too, asked as the page subscribes to it (server/host-layout.ts): ELK in
 *   the page's worker is young and shares the machine with the page (0.1–1.5 s for a 50-box host at load), the
 *   server's has laid out hosts before. Whichever layout of the same input comes first is drawn (offerLayout), and
 *   both are the same pure function of that input: the same picture.
 */
export function useLayoutHelp(context: string | undefined, state: ExplorerState): void {
  const trpc = useTRPC();
  const client = useQueryClient();
  useEffect(warmLayout, []);
  // a pick holds the warm-up while its view comes (holdWarmUp); the page's first view does not
  const pick = JSON.stringify([state.view, state.filters]);
  const lastPick = useRef(pick);
  useEffect(() => {
    if (lastPick.current === pick) return;
    lastPick.current = pick;
    holdWarmUp();
  }, [pick]);
  const { namespace, network, host, pod } = viewCriteria(state.view, state.filters);
  const { showDefault } = state;
  useEffect(() => {
    if (!host || pod) return;
    // the view the page subscribes to (explorer.tsx viewQuery), whose channel the server then shares
    const view = { host, ...(namespace ? { namespace } : {}), ...(network ? { network } : {}) };
    const options = trpc.layout.host.queryOptions({ ...(context ? { context } : {}), view, showDefault });
    traceMark("layout:server-asked");
    void client.fetchQuery({ ...options, staleTime: 5_000, gcTime: 10_000 }).then(
      (laid) => {
        traceMark("layout:server-answered", laid ? laid.positions.length : "none");
        if (laid) offerLayout(laid.key, new Map(laid.positions));
      },
      () => undefined, // the worker lays it out as before
    );
  }, [trpc, client, context, namespace, network, host, pod, showDefault]);
}
