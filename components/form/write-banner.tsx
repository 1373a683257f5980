import { Icon } from "../icons";
import type { Capabilities } from "./types";

/** Says where a write goes before the user makes one: the demo's memory, a live cluster, or nowhere. */
export function WriteBanner({ capabilities }: { capabilities: Capabilities }) {
  if (capabilities.writes === "memory") {
    return (
      <div
        role="note"
        data-testid="write-banner"
        className="flex items-start gap-2 rounded-md border border-sky-200 bg-sky-50 px-3 py-2 text-sm text-sky-900 dark:border-sky-900 dark:bg-sky-950/60 dark:text-sky-200"
      >
        <Icon name="info" className="mt-0.5 h-4 w-4 shrink-0" />
        <span>
          <strong className="font-semibold">Demo cluster:</strong> what you create here lives in memory and is gone when
          the server restarts.
        </span>
      </div>
    );
  }
  if (capabilities.writes === "none") {
    return (
      <div
        role="note"
        data-testid="write-banner"
        className="flex items-start gap-2 rounded-md border border-amber-200 bg-amber-50 px-3 py-2 text-sm text-amber-900 dark:border-amber-900 dark:bg-amber-950/60 dark:text-amber-200"
      >
        <Icon name="warning" className="mt-0.5 h-4 w-4 shrink-0" />
        <span>
          <strong className="font-semibold">Read-only:</strong> {capabilities.label} cannot be changed, so the form is
          disabled. Open a live cluster or the demo to create or change networks.
        </span>
      </div>
    );
  }
  return (
    <div
      role="note"
      data-testid="write-banner"
      className="flex items-start gap-2 rounded-md border border-slate-200 bg-white px-3 py-2 text-sm text-slate-700 dark:border-slate-700 dark:bg-slate-900 dark:text-slate-300"
    >
      <Icon name="network" className="mt-0.5 h-4 w-4 shrink-0" />
      <span>
        Writes go to <strong className="font-semibold">{capabilities.label}</strong> as your own identity; every change
        is checked by the API server (dry run) first.
      </span>
    </div>
  );
}
