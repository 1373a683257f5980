"use client";

import { type KeyboardEvent, useEffect, useId, useState } from "react";
import type { SearchHit } from "@/lib/match/search";
import { RANGE_LIMIT } from "@/lib/wire/view-protocol";
import { cn } from "../cn";
import { Icon } from "../icons";
import type { PlacedHit } from "./use-explorer-actions";
import { useHitsAhead } from "./use-hits-ahead";
import { useSearch, useWarmSearch } from "./use-search";

const noFetch = (): Promise<void> => Promise.resolve();

/**
 * Finds a pod, an IP or a range of them, a MAC, a PCI address, a host or a network. A combobox: arrow keys move
 * through the hits (focus stays in the box), Enter picks the one moved to, else the first hit.
 */
export function SearchBox({
  context,
  onPick,
  onLikely,
}: {
  context?: string;
  onPick: (hit: SearchHit) => void;
  /**
   * a hit the admin is likely to pick next (the explorer fetches its host's view ahead, resolving once it is held):
   * the first hit of each of the first few hosts of an answer as it arrives, one at a time (use-hits-ahead.ts), the
   * one under the pointer, the one moved to with the arrow keys
   */
  onLikely?: (hit: PlacedHit) => Promise<void>;
}) {
  const listId = useId();
  const [query, setQuery] = useState("");
  const [open, setOpen] = useState(false);
  const [active, setActive] = useState(-1);
  // The server searches the whole cluster; Enter before its answer picks the first hit once it arrives.
  const { hits, answered } = useSearch(context, query);
  const warmSearch = useWarmSearch(context);
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
  const shown = open && query.trim() !== "";
  useHitsAhead(hits, answered, shown, onLikely ?? noFetch);
  // biome-ignore lint/correctness/useExhaustiveDependencies: once per hit moved to
  useEffect(() => {
    const hit = hits[active];
    if (hit) onLikely?.(hit);
  }, [active]);
  const onKeyDown = (e: KeyboardEvent<HTMLInputElement>) => {
    if (e.key === "ArrowDown" || e.key === "ArrowUp") {
      e.preventDefault();
      setOpen(true);
      setActive((a) => (e.key === "ArrowDown" ? Math.min(a + 1, hits.length - 1) : Math.max(a - 1, -1)));
    } else if (e.key === "Enter") {
      const chosen = hits[active];
      if (chosen) pick(chosen);
      else if (answered === query.trim() && hits[0]) pick(hits[0]);
      else setEnterFor(query.trim());
    } else if (e.key === "Escape") setOpen(false);
  };
  return (
    <div className="relative w-72">
      <input
        type="search"
        role="combobox"
        aria-label="Search pod, IP or MAC"
        aria-expanded={shown}
        aria-controls={listId}
        aria-autocomplete="list"
        aria-activedescendant={shown && hits[active] ? `${listId}-${active}` : undefined}
        placeholder="Pod, IP, 10.1.0.0/24, MAC, PCI…"
        className="w-full rounded-md border border-slate-300 bg-white px-2.5 py-1 text-sm placeholder:text-slate-400 focus:border-sky-500 focus:outline-none dark:border-slate-600 dark:bg-slate-900"
        value={query}
        onChange={(e) => {
          setQuery(e.target.value);
          setActive(-1);
          setOpen(true);
        }}
        onFocus={() => {
          setOpen(true);
          warmSearch();
        }}
        onBlur={() => setTimeout(() => setOpen(false), 150)}
        onKeyDown={onKeyDown}
      />
      {shown ? (
        <SearchResults id={listId} query={query} hits={hits} active={active} onPick={pick} onPoint={onLikely} />
      ) : null}
    </div>
  );
}

/** The hits under the box; the one moved to with the arrow keys is marked (aria-selected) and kept in view. */
function SearchResults({
  id,
  query,
  hits,
  active,
  onPick,
  onPoint,
}: {
  id: string;
  query: string;
  hits: SearchHit[];
  active: number;
  onPick: (hit: SearchHit) => void;
  onPoint?: (hit: SearchHit) => void;
}) {
  useEffect(() => {
    if (active >= 0) document.getElementById(`${id}-${active}`)?.scrollIntoView({ block: "nearest" });
  }, [id, active]);
  return (
    <div className="absolute z-50 mt-1 w-[28rem] rounded-md border border-slate-200 bg-white py-1 text-sm shadow-lg dark:border-slate-700 dark:bg-slate-900">
      {hits.length === 0 ? <p className="px-3 py-1.5 text-slate-500">Nothing matches “{query}”.</p> : null}
      {hits.length > 1 ? (
        <p className="px-3 py-1 text-xs text-slate-500" data-testid="search-count">
          {hits.length === RANGE_LIMIT ? `first ${RANGE_LIMIT}` : hits.length} matches: pick one
        </p>
      ) : null}
      <div id={id} role="listbox" aria-label="Search results" className="max-h-80 overflow-y-auto">
        {hits.map((h, i) => (
          // biome-ignore lint/a11y/useKeyWithClickEvents: the keyboard picks through the combobox (arrows, Enter), whose focus never leaves the box
          <div
            key={h.id}
            id={`${id}-${i}`}
            role="option"
            tabIndex={-1}
            aria-selected={i === active}
            data-hit={h.id}
            className={cn(
              "flex w-full cursor-pointer items-center gap-2 px-3 py-1.5 text-left hover:bg-slate-100 dark:hover:bg-slate-800",
              i === active && "bg-sky-50 dark:bg-sky-950",
            )}
            onMouseDown={(e) => e.preventDefault()}
            onPointerEnter={() => onPoint?.(h)}
            onClick={() => onPick(h)}
          >
            <Icon name={h.kind === "interface" ? "network" : h.kind} className="h-3.5 w-3.5 shrink-0 text-slate-500" />
            <span className="truncate font-medium">{h.label}</span>
            <span className="ml-auto shrink-0 text-xs text-slate-500">{h.reason}</span>
          </div>
        ))}
      </div>
    </div>
  );
}
