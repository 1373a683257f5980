"use client";

import { keepPreviousData, useQuery } from "@tanstack/react-query";
import { useDeferredValue } from "react";
import { parseSearchQuery } from "@/lib/graph/search";
import { RANGE_LIMIT } from "@/lib/topology/view-protocol";
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
  // Answered only once the hits for q are in: while the first request for q runs there is no data yet, and an Enter
  // taken as answered then would find no hit to pick.
  const answered = result.isSuccess && !result.isPlaceholderData ? q : null;
  return { hits: q === "" ? [] : (result.data ?? []), answered };
}
