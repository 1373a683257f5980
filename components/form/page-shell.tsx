"use client";

import Link from "next/link";
import type { ReactNode } from "react";
import { ThemeToggle } from "../theme-toggle";
import { explorerUrl } from "./context-url";

/** The frame of the form pages: a way back to the explorer, the page's title, the theme switch. */
export function PageShell({
  context,
  title,
  subtitle,
  children,
}: {
  context?: string;
  title: string;
  subtitle?: ReactNode;
  children: ReactNode;
}) {
  return (
    <div className="min-h-screen bg-slate-50 text-slate-900 dark:bg-slate-950 dark:text-slate-100">
      <header className="sticky top-0 z-20 flex items-center gap-3 border-b border-slate-200 bg-white/95 px-4 py-2 backdrop-blur dark:border-slate-700 dark:bg-slate-900/95">
        <Link
          href={explorerUrl(context)}
          className="rounded-md px-1.5 py-0.5 text-sm font-medium text-sky-700 hover:bg-sky-50 dark:text-sky-400 dark:hover:bg-slate-800"
        >
          ← Topology
        </Link>
        <span className="h-5 w-px bg-slate-200 dark:bg-slate-700" />
        <span className="text-base font-semibold tracking-tight">Plumbline</span>
        {context ? <span className="truncate font-mono text-xs text-slate-500">{context}</span> : null}
        <ThemeToggle className="ml-auto" />
      </header>
      <main className="mx-auto max-w-6xl px-6 pb-16 pt-5">
        <div className="mb-4">
          <h1 className="text-xl font-semibold tracking-tight">{title}</h1>
          {subtitle ? <div className="mt-0.5 text-sm text-slate-600 dark:text-slate-400">{subtitle}</div> : null}
        </div>
        {children}
      </main>
    </div>
  );
}

/** A page-level wait or failure, inside the shell. */
export function PageMessage({ tone = "muted", children }: { tone?: "muted" | "bad"; children: ReactNode }) {
  return tone === "bad" ? (
    <div
      role="alert"
      className="max-w-2xl rounded-md border border-red-200 bg-red-50 p-4 text-sm text-red-800 dark:border-red-900 dark:bg-red-950/60 dark:text-red-200"
    >
      {children}
    </div>
  ) : (
    <p className="py-10 text-center text-sm text-slate-500">{children}</p>
  );
}
