"use client";

import { keepPreviousData, useQuery, useQueryClient } from "@tanstack/react-query";
import { useDeferredValue } from "react";
import { parseSearchQuery } from "@/lib/match/search";
import { RANGE_LIMIT } from "@/lib/wire/view-protocol";
import { useTRPC } from "../trpc";

/** Search answered by the server over the whole cluster; the hits say which query they answer. */
export function useSearch(context: string | undefined, query: string) {
  const trpc = useTRPC();
  const q = useDeferredValue(query.trim());
  const result = useQuery({
    // A range can hold a whole subnet's interfaces: the list scrolls.
    ...trpc.topology.search.queryOptions({
      ...(context ? { context } : {}),
      q,
      limit: parseSearchQuery(q)?.kind === "range" ? RANGE_LIMIT : 12,
    }),
    enabled: q !== "",
    placeholderData: keepPreviousData,
    staleTime: 2_000,
  });
  // Answered once this query's own data is in: not while the first answer is still loading, not a previous query's.
  const answered = result.isSuccess && !result.isPlaceholderData ? q : null;
  return { hits: q === "" ? [] : (result.data ?? []), answered };
}

/**
 * The server fills its search index while its feed is idle (~0.5 s of work at 20,000 pods, seconds at 150,000,
 * server/topology-feed.ts); a search that comes first fills the rest itself (a cluster that changes every second never
 * leaves the feed idle). Asked with an empty query when the admin enters the box (once per page), so what is left is
 * filled while the first letters are typed instead of after them.
 */
export function useWarmSearch(context: string | undefined): () => void {
  const trpc = useTRPC();
  const client = useQueryClient();
  return () =>
    void client
      .prefetchQuery({
        ...trpc.topology.search.queryOptions({ ...(context ? { context } : {}), q: "", limit: 1 }),
        staleTime: Number.POSITIVE_INFINITY,
      })
      .catch(() => undefined);
}
