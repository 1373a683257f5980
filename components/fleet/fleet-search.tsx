"use client";

import { keepPreviousData, useQuery } from "@tanstack/react-query";
import Link from "next/link";
import { useDeferredValue, useState } from "react";
import { useTRPC } from "../trpc";
import { explorerHref } from "./links";

/** A pod, IP, CIDR, MAC or PCI address across every cluster; each hit says its cluster and opens it there. */
export function FleetSearch({ byContext }: { byContext: boolean }) {
  const trpc = useTRPC();
  const [query, setQuery] = useState("");
  const q = useDeferredValue(query.trim());
  const result = useQuery({
    ...trpc.fleet.search.queryOptions({ q, limit: 12 }),
    enabled: q !== "",
    placeholderData: keepPreviousData,
    staleTime: 2_000,
  });
  const data = q ? result.data : undefined;
  return (
    <div className="flex flex-col gap-2">
      <input
        type="search"
        aria-label="Search every cluster"
        placeholder="Search every cluster: pod, IP, CIDR, MAC, PCI address"
        value={query}
        onChange={(e) => setQuery(e.target.value)}
        className="w-full max-w-xl rounded-md border border-slate-300 bg-white px-3 py-1.5 text-sm dark:border-slate-600 dark:bg-slate-900"
      />
      {data ? (
        <div data-testid="fleet-search-results" className="max-w-3xl text-sm">
          {data.hits.length === 0 ? <p className="text-slate-500">No hit on the clusters searched.</p> : null}
          <ul className="divide-y divide-slate-200 rounded-md border border-slate-200 bg-white dark:divide-slate-700 dark:border-slate-700 dark:bg-slate-900">
            {data.hits.map((h) => (
              <li key={`${h.cluster}|${h.id}`} data-testid="fleet-hit" data-cluster={h.cluster}>
                <Link
                  href={explorerHref(
                    byContext ? h.context : undefined,
                    h.host ? { kind: "host", host: h.host } : undefined,
                    h.id,
                  )}
                  className="flex items-center gap-3 px-3 py-1.5 hover:bg-slate-50 dark:hover:bg-slate-800"
                >
                  <span className="w-20 shrink-0 rounded bg-slate-100 px-1.5 py-0.5 text-center text-xs font-semibold text-slate-700 dark:bg-slate-800 dark:text-slate-200">
                    {h.cluster}
                  </span>
                  <span className="truncate font-medium">{h.label}</span>
                  <span className="ml-auto shrink-0 text-xs text-slate-500">{h.reason}</span>
                </Link>
              </li>
            ))}
          </ul>
          {data.gaps.map((g) => (
            <p
              key={g.cluster}
              data-testid="fleet-search-gap"
              className="mt-1 text-xs text-amber-800 dark:text-amber-200"
            >
              {g.cluster}: {g.why}
            </p>
          ))}
        </div>
      ) : null}
    </div>
  );
}
