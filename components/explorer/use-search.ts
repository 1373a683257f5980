"use client";

import { keepPreviousData, useQuery } from "@tanstack/react-query";
import { useDeferredValue } from "react";
import { useTRPC } from "../trpc";

/** Search answered by the server over the whole cluster; the hits say which query they answer. */
export function useSearch(context: string | undefined, query: string) {
  const trpc = useTRPC();
  const q = useDeferredValue(query.trim());
  const result = useQuery({
    ...trpc.topology.search.queryOptions({ ...(context ? { context } : {}), q }),
    enabled: q !== "",
    placeholderData: keepPreviousData,
    staleTime: 2_000,
  });
  const answered = result.isPlaceholderData ? null : q;
  return { hits: q === "" ? [] : (result.data ?? []), answered };
}
