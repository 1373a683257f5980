"use client";

import { useEffect, useState } from "react";
import type { SearchHit } from "@/lib/graph/search";
import { RANGE_LIMIT } from "@/lib/topology/view-protocol";
import { Icon } from "../icons";
import { useSearch } from "./use-search";

/** Finds a pod, an IP or a range of them, a MAC, a PCI address, a host or a network; Enter picks the first hit. */
export function SearchBox({ context, onPick }: { context?: string; onPick: (hit: SearchHit) => void }) {
  const [query, setQuery] = useState("");
  const [open, setOpen] = useState(false);
  // The server searches the whole cluster; Enter before its answer picks the first hit once it arrives.
  const { hits, answered } = useSearch(context, query);
  const [enterFor, setEnterFor] = useState<string | null>(null);
  const pick = (hit: SearchHit) => {
    onPick(hit);
    setOpen(false);
  };
  // biome-ignore lint/correctness/useExhaustiveDependencies: runs when an answer arrives for a pending Enter
  useEffect(() => {
    if (enterFor === null || answered !== enterFor) return;
    setEnterFor(null);
    if (hits[0]) pick(hits[0]);
  }, [answered, enterFor]);
  return (
    <div className="relative w-72">
      <input
        type="search"
        aria-label="Search pod, IP or MAC"
        placeholder="Pod, IP, 10.1.0.0/24, MAC, PCI…"
        className="w-full rounded-md border border-slate-300 bg-white px-2.5 py-1 text-sm placeholder:text-slate-400 focus:border-sky-500 focus:outline-none dark:border-slate-600 dark:bg-slate-900"
        value={query}
        onChange={(e) => {
          setQuery(e.target.value);
          setOpen(true);
        }}
        onFocus={() => setOpen(true)}
        onBlur={() => setTimeout(() => setOpen(false), 150)}
        onKeyDown={(e) => {
          if (e.key === "Enter") {
            if (answered === query.trim() && hits[0]) pick(hits[0]);
            else setEnterFor(query.trim());
          }
          if (e.key === "Escape") setOpen(false);
        }}
      />
      {open && query.trim() ? (
        <ul
          role="listbox"
          aria-label="Search results"
          className="absolute z-50 mt-1 max-h-80 w-[28rem] overflow-y-auto rounded-md border border-slate-200 bg-white py-1 text-sm shadow-lg dark:border-slate-700 dark:bg-slate-900"
        >
          {hits.length === 0 ? <li className="px-3 py-1.5 text-slate-500">Nothing matches “{query}”.</li> : null}
          {hits.length > 1 ? (
            <li className="px-3 py-1 text-xs text-slate-500" data-testid="search-count">
              {hits.length === RANGE_LIMIT ? `first ${RANGE_LIMIT}` : hits.length} matches: pick one
            </li>
          ) : null}
          {hits.map((h) => (
            <li key={h.id} role="option" aria-selected={false}>
              <button
                type="button"
                className="flex w-full items-center gap-2 px-3 py-1.5 text-left hover:bg-slate-100 dark:hover:bg-slate-800"
                onMouseDown={(e) => e.preventDefault()}
                onClick={() => pick(h)}
              >
                <Icon
                  name={h.kind === "interface" ? "network" : h.kind}
                  className="h-3.5 w-3.5 shrink-0 text-slate-500"
                />
                <span className="truncate font-medium">{h.label}</span>
                <span className="ml-auto shrink-0 text-xs text-slate-500">{h.reason}</span>
              </button>
            </li>
          ))}
        </ul>
      ) : null}
    </div>
  );
}
