"use client";

import { useMemo, useState } from "react";
import { parseSearchQuery, type SearchHit, searchTopology } from "@/lib/graph/search";
import type { Topology } from "@/lib/topology/schema";
import { Icon } from "../icons";

/** A range can hold a whole subnet's interfaces; the list scrolls, and says how many there are. */
const RANGE_LIMIT = 500;

/** Finds a pod, an IP or a range of them, a MAC, a PCI address, a host or a network; Enter picks the first hit. */
export function SearchBox({ topology, onPick }: { topology: Topology; onPick: (hit: SearchHit) => void }) {
  const [query, setQuery] = useState("");
  const [open, setOpen] = useState(false);
  const hits = useMemo(
    () => searchTopology(topology, query, parseSearchQuery(query)?.kind === "range" ? RANGE_LIMIT : 12),
    [topology, query],
  );
  const pick = (hit: SearchHit) => {
    onPick(hit);
    setOpen(false);
  };
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
          if (e.key === "Enter" && hits[0]) pick(hits[0]);
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
