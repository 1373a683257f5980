"use client";

import { useQuery } from "@tanstack/react-query";
import Link from "next/link";
import type { ReactNode } from "react";
import type { TopologyPayload } from "@/lib/topology/payload";
import { withContext } from "../form/context-url";
import { StatusChip } from "../status-chip";
import type { Theme } from "../theme-toggle";
import { useTRPC } from "../trpc";

/** The explorer's top bar: where the picture comes from and how fresh it is, search, new network, context, theme. */
export function ExplorerHeader({
  view,
  disconnected,
  context,
  search,
  theme,
  onToggleTheme,
}: {
  view: TopologyPayload | undefined;
  disconnected: boolean;
  context: string | undefined;
  search: ReactNode;
  theme: Theme;
  onToggleTheme: () => void;
}) {
  const trpc = useTRPC();
  const info = useQuery(trpc.cluster.info.queryOptions());
  const capabilities = useQuery(trpc.networks.capabilities.queryOptions(context ? { context } : {}));
  return (
    <header className="flex items-center gap-3 border-b border-slate-200 bg-white px-4 py-2 dark:border-slate-700 dark:bg-slate-900">
      <h1 className="text-base font-semibold tracking-tight">Plumbline</h1>
      {view ? <span className="hidden truncate text-sm text-slate-500 lg:inline">{view.source.label}</span> : null}
      {view ? (
        <StatusChip
          source={view.source}
          status={
            disconnected && view.status.state === "live"
              ? { state: "failed", reason: "the connection to the Plumbline server dropped; reconnecting" }
              : view.status
          }
        />
      ) : null}
      <div className="ml-auto flex items-center gap-3 text-sm">
        {search}
        {capabilities.data?.writes === "none" ? (
          <span
            title={`${capabilities.data.readOnlyReason ?? "This cluster is read-only"}: open a live cluster or the demo to create networks`}
          >
            <button
              type="button"
              disabled
              className="rounded-md bg-sky-600 px-2.5 py-1 text-xs font-medium text-white opacity-50"
            >
              New network
            </button>
          </span>
        ) : (
          <Link
            href={withContext("/networks/new", context)}
            className="rounded-md bg-sky-600 px-2.5 py-1 text-xs font-medium text-white shadow-sm hover:bg-sky-700"
          >
            New network
          </Link>
        )}
        {info.data && info.data.contexts.length > 1 ? (
          <label className="flex items-center gap-1.5">
            <span className="text-slate-500">Context</span>
            <select
              className="rounded-md border border-slate-300 bg-white px-1.5 py-1 dark:border-slate-600 dark:bg-slate-900"
              value={context ?? info.data.currentContext ?? ""}
              onChange={(e) => {
                const url = new URL(window.location.href);
                url.searchParams.set("context", e.target.value);
                window.location.assign(url);
              }}
            >
              {info.data.contexts.map((c) => (
                <option key={c}>{c}</option>
              ))}
            </select>
          </label>
        ) : null}
        <button
          type="button"
          onClick={onToggleTheme}
          className="rounded-md border border-slate-300 px-2 py-1 text-xs dark:border-slate-600"
          aria-label="Toggle dark mode"
        >
          {theme === "dark" ? "Light" : "Dark"}
        </button>
      </div>
    </header>
  );
}
