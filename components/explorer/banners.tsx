import { useState } from "react";
import type { SourceInfo, SourceStatus } from "@/lib/wire/payload";
import { cn } from "../cn";
import { useLastReach } from "../reach/last-result";

/** Said loudly: in kiosk mode everyone sees what the dashboard's service account may read. */
export function KioskBanner({ identity }: { identity: SourceInfo["identity"] | undefined }) {
  if (identity !== "service-account") return null;
  return (
    <div role="alert" className="border-b border-red-300 bg-red-600 px-4 py-1.5 text-sm font-medium text-white">
      Kiosk mode: everyone who opens this page sees what the dashboard&apos;s service account may read, not what they
      themselves may. Read-only.
    </div>
  );
}

/** The last good picture stays on screen; this says since when and why. */
export function StaleBanner({ status }: { status: SourceStatus | undefined }) {
  if (!status) return null;
  return (
    <div
      role="status"
      className="border-b border-amber-200 bg-amber-50 px-4 py-1 text-xs text-amber-900 dark:border-amber-900 dark:bg-amber-950 dark:text-amber-200"
    >
      Showing the last good picture
      {status.state === "stale" ? ` from ${new Date(status.since).toLocaleTimeString()}` : ""}:{" "}
      {status.state === "stale" ? status.reason : "reconnecting to the server"}.
    </div>
  );
}

export interface NetworkCaptionData {
  title: string;
  id: string;
  /** its lists of hosts cut to a few names and "and N more" */
  text: string | null;
  /** the same with every name, shown on demand; null when `text` already has them all */
  all: string | null;
}

/** What the network in view means for reach, in a line; its name selects it. */
export function NetworkCaption({
  caption,
  onSelect,
}: {
  caption: NetworkCaptionData | null;
  onSelect: (id: string) => void;
}) {
  if (!caption) return null;
  return (
    <div
      data-testid="view-caption"
      className="flex items-baseline gap-2 border-b border-slate-200 bg-sky-50 px-4 py-1.5 text-xs dark:border-slate-700 dark:bg-sky-950"
    >
      <button
        type="button"
        className="font-mono font-semibold text-sky-700 hover:underline dark:text-sky-400"
        onClick={() => onSelect(caption.id)}
      >
        {caption.title}
      </button>
      {caption.text ? <CaptionText text={caption.text} all={caption.all} /> : null}
      <MeasuredReach network={caption.title} onOpen={() => onSelect(caption.id)} />
    </div>
  );
}

/** The caption's line; a list cut to "and N more" opens whole on demand (and folds again), in a box that scrolls. */
function CaptionText({ text, all }: { text: string; all: string | null }) {
  const [open, setOpen] = useState(false);
  return (
    <span className="min-w-0 text-slate-700 dark:text-slate-300">
      {open && all ? (
        <span data-testid="view-caption-all" className="block max-h-32 overflow-y-auto">
          {all}
        </span>
      ) : (
        text
      )}
      {all ? (
        <button
          type="button"
          data-testid="view-caption-more"
          aria-expanded={open}
          className="ml-1.5 font-medium text-sky-700 hover:underline dark:text-sky-400"
          onClick={() => setOpen(!open)}
        >
          {open ? "Show fewer" : "Show every host"}
        </button>
      ) : null}
    </span>
  );
}

/** The last measured reachability of the network in view, beside the prediction: a click opens the matrix. */
function MeasuredReach({ network, onOpen }: { network: string; onOpen: () => void }) {
  const result = useLastReach(network);
  if (!result) return null;
  const bad = result.counts.unexpected > 0;
  const at = new Date(result.finishedAt).toLocaleTimeString([], { hour: "2-digit", minute: "2-digit" });
  return (
    <button
      type="button"
      data-testid="view-caption-reach"
      onClick={onOpen}
      className={cn(
        "ml-auto shrink-0 rounded px-1.5 py-0.5 font-medium hover:underline",
        bad
          ? "bg-red-100 text-red-900 dark:bg-red-950 dark:text-red-100"
          : "bg-emerald-100 text-emerald-900 dark:bg-emerald-950 dark:text-emerald-100",
      )}
    >
      measured {at}: {result.headline}
    </button>
  );
}
