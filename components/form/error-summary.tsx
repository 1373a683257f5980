"use client";

import { useLayoutEffect, useState } from "react";

export interface FormIssue {
  /** the field's name as the form registers it, e.g. ipam.ranges.0.rangeStart */
  path: string;
  message: string;
}

/** The control for a path: the input itself, or the first input of a group (a list, a radio group). */
function controlFor(path: string): HTMLElement | null {
  const css = (s: string) => s.replace(/["\\]/g, "\\$&");
  return (
    document.querySelector<HTMLElement>(`[name="${css(path)}"]`) ??
    document.querySelector<HTMLElement>(`[name^="${css(path)}."]`)
  );
}

/** The label a user sees on the field, else the path made readable. */
function labelFor(path: string): string {
  const control = controlFor(path);
  const label =
    control instanceof HTMLInputElement || control instanceof HTMLSelectElement ? control.labels?.[0] : null;
  const text = label?.textContent?.trim();
  if (text) return text;
  return path.replace(/\.(\d+)/g, (_, i) => ` ${Number(i) + 1}`).replace(/\./g, " › ");
}

/** Moves to a field below the fold: scrolled to the middle of the screen and focused, so typing fixes it. */
export function jumpTo(path: string): void {
  const control = controlFor(path);
  if (!control) return;
  control.scrollIntoView({ block: "center" });
  control.focus({ preventScroll: true });
}

/** Names every field that still needs a valid value, each a link to the field. */
export function ErrorSummary({ issues }: { issues: FormIssue[] }) {
  const [labels, setLabels] = useState<Record<string, string>>({});
  // Labels are read from the rendered form, so the summary says what the user sees next to the field.
  useLayoutEffect(() => {
    setLabels(Object.fromEntries(issues.map((i) => [i.path, labelFor(i.path)])));
  }, [issues]);
  return (
    <div className="px-4 py-4 text-sm text-slate-600 dark:text-slate-300" data-testid="error-summary">
      <p className="font-medium">Fix the errors to see the preview.</p>
      <p className="mt-0.5 text-xs text-slate-500 dark:text-slate-400">
        {issues.length === 1 ? "This field needs" : `These ${issues.length} fields need`} a valid value (click one to go
        to it):
      </p>
      <ul className="mt-2 space-y-1.5">
        {issues.map((i) => (
          <li key={i.path}>
            <button
              type="button"
              className="text-left text-xs text-red-700 underline-offset-2 hover:underline dark:text-red-400"
              onClick={() => jumpTo(i.path)}
            >
              <span className="font-semibold">{labels[i.path] ?? i.path}</span>: {i.message}
            </button>
          </li>
        ))}
      </ul>
    </div>
  );
}
