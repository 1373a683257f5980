import type { ReactNode } from "react";
import type { ExplorerState } from "@/lib/graph/explorer-state";
import { cn } from "../cn";

/**
 * The picture, and while a pick's view has not come (the matrix kept until a host's view arrives, use-drawn-view.ts:
 * 0.3–0.9 s at 20k pods, seconds on a slow API server) a cue that the click was taken: the picture kept is marked
 * busy and dimmed a little, and a line near its top says what is being opened. The line sits in the picture's top
 * margin (the matrix's summary, the graph's bar), over no row; it is outside the busy region so a screen reader
 * reads it. A pick that fails says why instead, and the picture kept is no longer said to be busy.
 */
export function PickCue({
  opening,
  failure,
  children,
}: {
  /** what is being opened ("node-x", "pod ns/name"), or null when the picture drawn is the one asked for */
  opening: string | null;
  /** why the pick's view could not be read, when its subscription failed */
  failure: string | null;
  children: ReactNode;
}) {
  const busy = opening !== null && failure === null;
  return (
    <>
      <div aria-busy={busy} className={cn("h-full transition-opacity duration-150", busy && "opacity-60")}>
        {children}
      </div>
      {opening !== null ? (
        <div className="pointer-events-none absolute inset-x-0 top-1.5 z-20 flex justify-center px-4">
          {failure === null ? (
            <p
              role="status"
              data-testid="pick-cue"
              className="truncate rounded-full border border-sky-200 bg-white/95 px-3 py-0.5 text-sm text-sky-800 shadow-sm dark:border-sky-800 dark:bg-slate-900/95 dark:text-sky-200"
            >
              Opening {opening}…
            </p>
          ) : (
            <p
              role="alert"
              data-testid="pick-failed"
              className="pointer-events-auto max-w-full rounded-md border border-red-200 bg-red-50 px-3 py-0.5 text-sm text-red-800 shadow-sm dark:border-red-900 dark:bg-red-950 dark:text-red-200"
            >
              Could not open {opening}: {failure}
            </p>
          )}
        </div>
      ) : null}
    </>
  );
}

/** What a pick opens, in the cue's words: the host, pod or network asked for, or the cluster as filtered. */
export function openedBy({ view, filters }: ExplorerState): string {
  if (view.kind === "host") return view.host;
  if (view.kind === "pod") return `pod ${view.pod}`;
  if (view.kind === "network") return `network ${view.network}`;
  if (filters.host) return filters.host;
  const by = [filters.namespace && `namespace ${filters.namespace}`, filters.network && `network ${filters.network}`];
  const named = by.filter(Boolean);
  return named.length > 0 ? `the cluster in ${named.join(", ")}` : "the cluster";
}
