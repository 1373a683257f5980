"use client";

import { useState } from "react";
import { useLastReach } from "./last-result";
import { ReachMap } from "./reach-map";

/**
 * The last reachability run of the network in view, drawn on the view itself (bottom left, over the graph or the
 * empty network's card): the probed hosts and each pair's result. Hidden and shown again with one click.
 */
export function ReachOverlay({ network }: { network: string }) {
  const result = useLastReach(network);
  const [open, setOpen] = useState(true);
  if (!result) return null;
  const at = new Date(result.finishedAt).toLocaleTimeString([], { hour: "2-digit", minute: "2-digit" });
  return (
    <section
      aria-label="Measured reachability"
      data-testid="reach-overlay"
      className="absolute bottom-3 left-3 z-10 max-w-[calc(100%-1.5rem)] rounded-lg border border-slate-200 bg-white/95 p-2 text-xs shadow-md dark:border-slate-700 dark:bg-slate-900/95"
    >
      <div className="flex items-center gap-2">
        <h3 className="font-semibold text-slate-800 dark:text-slate-100">
          Reachability over {result.interface}, measured {at}
        </h3>
        <span className="text-slate-500">{result.headline}</span>
        <button
          type="button"
          className="ml-auto rounded px-1.5 text-slate-600 hover:bg-slate-100 dark:text-slate-300 dark:hover:bg-slate-800"
          aria-expanded={open}
          onClick={() => setOpen(!open)}
        >
          {open ? "Hide" : "Show"}
        </button>
      </div>
      {open ? (
        <div className="mt-1 overflow-auto">
          <ReachMap result={result} />
        </div>
      ) : null}
    </section>
  );
}
