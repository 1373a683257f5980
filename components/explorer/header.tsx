"use client";

import { useQuery } from "@tanstack/react-query";
import Link from "next/link";
import type { ReactNode } from "react";
import type { SourceInfo, SourceStatus } from "@/lib/wire/payload";
import { withContext } from "../form/context-url";
import { DisabledWithReason } from "../form/disabled-reason";
import { StatusChip } from "../status-chip";
import { ThemeToggle } from "../theme-toggle";
import { useTRPC } from "../trpc";

/** The explorer's top bar: where the picture comes from and how fresh it is, search, new network, context, theme. */
export function ExplorerHeader({
  source,
  status,
  disconnected,
  context,
  search,
}: {
  source: SourceInfo | undefined;
  status: SourceStatus | undefined;
  disconnected: boolean;
  context: string | undefined;
  search: ReactNode;
}) {
  return (
    <header className="flex items-center gap-3 border-b border-slate-200 bg-white px-4 py-2 dark:border-slate-700 dark:bg-slate-900">
      <h1 className="text-base font-semibold tracking-tight">Plumbline</h1>
      {source ? <span className="hidden truncate text-sm text-slate-500 lg:inline">{source.label}</span> : null}
      {source && status ? (
        <StatusChip
          source={source}
          status={
            disconnected && status.state === "live"
              ? { state: "failed", reason: "the connection to the Plumbline server dropped; reconnecting" }
              : status
          }
        />
      ) : null}
      <div className="ml-auto flex items-center gap-3 text-sm">
        {search}
        <NewNetworkLink context={context} />
        <ContextPicker context={context} />
        <ThemeToggle />
      </div>
    </header>
  );
}

/** "New network", or the same button disabled with the reason when the source takes no writes. */
function NewNetworkLink({ context }: { context: string | undefined }) {
  const trpc = useTRPC();
  const capabilities = useQuery(trpc.networks.capabilities.queryOptions(context ? { context } : {}));
  if (capabilities.data?.writes === "none") {
    return (
      <DisabledWithReason
        label="New network"
        reason={`${capabilities.data.readOnlyReason ?? "This cluster is read-only"}: open a live cluster or the demo to create networks`}
        className="rounded-md bg-sky-600 px-2.5 py-1 text-xs font-medium text-white"
        align="right"
      />
    );
  }
  return (
    <Link
      href={withContext("/networks/new", context)}
      className="rounded-md bg-sky-600 px-2.5 py-1 text-xs font-medium text-white shadow-sm hover:bg-sky-700"
    >
      New network
    </Link>
  );
}

/** The kubeconfig contexts the server was started with (picking one reloads the page on it), and the fleet of them. */
function ContextPicker({ context }: { context: string | undefined }) {
  const trpc = useTRPC();
  const info = useQuery(trpc.cluster.info.queryOptions());
  if (!info.data || info.data.contexts.length <= 1) return null;
  return (
    <>
      <Link href="/fleet" className="text-sky-700 hover:underline dark:text-sky-300" title="Every context side by side">
        Fleet
      </Link>
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
    </>
  );
}
