import type { ReactNode } from "react";

export interface Notice {
  tone: "ok" | "bad";
  text: ReactNode;
  /** an edit lost a race: offer to reload */
  conflict?: boolean;
}

/** The answer to the last Check or Save, said next to the buttons that asked. */
export function FormNotice({ notice, onReload }: { notice: Notice; onReload?: () => void }) {
  if (notice.tone === "ok") {
    return (
      <div
        role="status"
        data-testid="form-notice"
        className="rounded-md border border-emerald-200 bg-emerald-50 px-3 py-2 text-sm text-emerald-900 dark:border-emerald-900 dark:bg-emerald-950/50 dark:text-emerald-200"
      >
        <span className="flex items-start gap-2">
          <svg
            viewBox="0 0 24 24"
            fill="none"
            stroke="currentColor"
            strokeWidth="2.2"
            strokeLinecap="round"
            strokeLinejoin="round"
            className="mt-0.5 h-4 w-4 shrink-0"
            aria-hidden
          >
            <path d="M5 12.5 10 17 19 7" />
          </svg>
          <span className="min-w-0">{notice.text}</span>
        </span>
      </div>
    );
  }
  return (
    <div
      role="alert"
      data-testid="form-notice"
      className="rounded-md border border-red-200 bg-red-50 px-3 py-2 text-sm text-red-800 dark:border-red-900 dark:bg-red-950/50 dark:text-red-200"
    >
      <div>{notice.text}</div>
      {notice.conflict && onReload ? (
        <button
          type="button"
          onClick={onReload}
          className="mt-2 rounded-md border border-red-300 bg-white px-2.5 py-1 text-xs font-medium text-red-800 hover:bg-red-50 dark:border-red-800 dark:bg-red-950 dark:text-red-200 dark:hover:bg-red-900"
        >
          Reload
        </button>
      ) : null}
    </div>
  );
}

/** What a successful dry run says, on a cluster or in the demo. */
export function dryRunNotice(target: "cluster" | "memory"): Notice {
  return {
    tone: "ok",
    text: (
      <>
        The API server accepts this.
        {target === "memory" ? (
          <span className="text-emerald-800/80 dark:text-emerald-300/80">
            {" "}
            (Demo: checked against the in-memory cluster; nothing was written.)
          </span>
        ) : (
          " Nothing was written."
        )}
      </>
    ),
  };
}

/** A request that did not get an answer at all (network, server error). */
export function failedNotice(e: unknown): Notice {
  return { tone: "bad", text: `The request failed: ${e instanceof Error ? e.message : String(e)}` };
}
