import type { SourceInfo, SourceStatus } from "@/lib/wire/payload";

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
  text: string | null;
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
      {caption.text ? <span className="text-slate-700 dark:text-slate-300">{caption.text}</span> : null}
    </div>
  );
}
