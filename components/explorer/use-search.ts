"use client";

import { keepPreviousData, useQuery } from "@tanstack/react-query";
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
