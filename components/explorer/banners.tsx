import type { TopologyPayload } from "@/lib/topology/payload";
import type { Topology } from "@/lib/topology/schema";

/** Said loudly: in kiosk mode everyone sees what the dashboard's service account may read. */
export function KioskBanner({ identity }: { identity: TopologyPayload["source"]["identity"] }) {
  if (identity !== "service-account") return null;
  return (
    <div role="alert" className="border-b border-red-300 bg-red-600 px-4 py-1.5 text-sm font-medium text-white">
      Kiosk mode: everyone who opens this page sees what the dashboard&apos;s service account may read, not what they
      themselves may. Read-only.
    </div>
  );
}

/** The last good picture stays on screen; this says since when and why. */
export function StaleBanner({ view }: { view: TopologyPayload | undefined }) {
  if (!view) return null;
  return (
    <div
      role="status"
      className="border-b border-amber-200 bg-amber-50 px-4 py-1 text-xs text-amber-900 dark:border-amber-900 dark:bg-amber-950 dark:text-amber-200"
    >
      Showing the last good picture
      {view.status.state === "stale" ? ` from ${new Date(view.status.since).toLocaleTimeString()}` : ""}:{" "}
      {view.status.state === "stale" ? view.status.reason : "reconnecting to the server"}.
    </div>
  );
}

export const podCount = (t: Topology | null): number => t?.elements.filter((e) => e.kind === "pod").length ?? 0;

/** What the view shows, in a line: host summary cards, or what one network means for reach. */
export function Captions({
  summary,
  caption,
  onSelect,
}: {
  summary: { pods: number; hosts: number } | null;
  caption: { title: string; id: string; text: string | null } | null;
  onSelect: (id: string) => void;
}) {
  return (
    <>
      {summary ? (
        <div
          data-testid="view-caption"
          className="border-b border-slate-200 bg-sky-50 px-4 py-1.5 text-xs text-slate-700 dark:border-slate-700 dark:bg-sky-950 dark:text-slate-300"
        >
          {summary.pods.toLocaleString()} pods on {summary.hosts} hosts: one card per host. Click a host, pick a network
          or search to see its pods.
        </div>
      ) : null}
      {caption ? (
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
      ) : null}
    </>
  );
}
