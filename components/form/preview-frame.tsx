"use client";

import { useState } from "react";
import { cn } from "../cn";
import { ErrorSummary, type FormIssue } from "./error-summary";
import { cardClass, linkButton } from "./styles";

/** What a form stands for right now (the object, as YAML, and a line on where it goes), or why there is nothing yet. */
export type PreviewState =
  | { ok: true; title: string; caption: string; yaml: string }
  | { ok: false; issues: FormIssue[] };

/** One line per field, its first message: what the field itself shows. */
export function firstIssues(issues: readonly { path: PropertyKey[]; message: string }[]): FormIssue[] {
  const byPath = new Map<string, string>();
  for (const i of issues) {
    const path = i.path.map(String).join(".");
    if (!byPath.has(path)) byPath.set(path, i.message);
  }
  return [...byPath].map(([path, message]) => ({ path, message }));
}

/** The live preview card of every write form: exactly what will be written, or the fields that still need a value. */
export function PreviewFrame({ preview }: { preview: PreviewState }) {
  const [copied, setCopied] = useState(false);
  const copy = async (text: string) => {
    try {
      await navigator.clipboard.writeText(text);
      setCopied(true);
      window.setTimeout(() => setCopied(false), 1500);
    } catch {
      // No clipboard (plain http): the text is selectable.
    }
  };
  return (
    <section
      aria-labelledby="preview-title"
      className={cn(cardClass, "flex min-h-0 flex-col overflow-hidden")}
      data-testid="preview"
    >
      <div className="flex items-baseline gap-2 border-b border-slate-200 px-3 py-2 dark:border-slate-700">
        <h2 id="preview-title" className="text-sm font-semibold">
          Preview
        </h2>
        <span className="truncate text-xs text-slate-500 dark:text-slate-400">
          {preview.ok ? preview.title : "what will be written"}
        </span>
        {preview.ok ? (
          <button type="button" className={cn(linkButton, "ml-auto")} onClick={() => void copy(preview.yaml)}>
            {copied ? "Copied" : "Copy YAML"}
          </button>
        ) : null}
      </div>
      {preview.ok ? (
        <>
          <figure aria-label="YAML preview" className="flex min-h-0 flex-1 flex-col">
            <pre className="min-h-0 flex-1 overflow-auto bg-slate-900 px-3 py-2.5 font-mono text-[11.5px] leading-relaxed whitespace-pre-wrap break-all text-slate-100 dark:bg-slate-950">
              {preview.yaml}
            </pre>
          </figure>
          <p className="border-t border-slate-200 px-3 py-2 text-[11px] leading-snug text-slate-500 dark:border-slate-700 dark:text-slate-400">
            {preview.caption}
          </p>
        </>
      ) : (
        <ErrorSummary issues={preview.issues} />
      )}
    </section>
  );
}
