"use client";

import { useQuery } from "@tanstack/react-query";
import Link from "next/link";
import type { ReactNode } from "react";
import { ThemeToggle } from "../theme-toggle";
import { useTRPC } from "../trpc";
import { ClusterCards } from "./cluster-cards";
import { FleetFindings } from "./fleet-findings";
import { FleetSearch } from "./fleet-search";
import { KindTable } from "./kind-table";
import { NetworkMatrix } from "./network-matrix";

/** How often the fleet asks again: each cluster is read from its own watches, so this only gathers what they hold. */
const REFRESH_MS = 2_000;

/** The fleet: every cluster's state, the networks across them with drift, what only the fleet sees, and search. */
export function FleetPage() {
  const trpc = useTRPC();
  const fleet = useQuery({ ...trpc.fleet.overview.queryOptions(), refetchInterval: REFRESH_MS });
  const data = fleet.data;
  return (
    <div className="min-h-screen bg-slate-50 text-slate-900 dark:bg-slate-950 dark:text-slate-100">
      <header className="flex items-center gap-3 border-b border-slate-200 bg-white px-4 py-2 dark:border-slate-700 dark:bg-slate-900">
        <h1 className="text-base font-semibold tracking-tight">Plumbline</h1>
        <span className="text-sm text-slate-500">
          Fleet{data ? ` · ${data.clusters.length} cluster${data.clusters.length === 1 ? "" : "s"}` : ""}
        </span>
        <div className="ml-auto flex items-center gap-3 text-sm">
          <Link href="/" className="text-sky-700 hover:underline dark:text-sky-300">
            Explorer
          </Link>
          <ThemeToggle />
        </div>
      </header>
      <main className="mx-auto flex max-w-[100rem] flex-col gap-6 p-4">
        {fleet.error ? <p className="text-sm text-red-700">{fleet.error.message}</p> : null}
        {!data ? (
          <p className="text-sm text-slate-500">Reading every cluster…</p>
        ) : (
          <>
            <Section title="Clusters">
              <ClusterCards clusters={data.clusters} byContext={data.byContext} />
              {data.omitted.length > 0 ? (
                <p data-testid="fleet-omitted" className="text-sm text-amber-800 dark:text-amber-200">
                  Not read: {data.omitted.join(", ")} (the fleet reads at most {data.clusters.length} contexts at once;
                  open one in the explorer, or start the server with fewer --context)
                </p>
              ) : null}
            </Section>
            <Section title="Search every cluster">
              <FleetSearch byContext={data.byContext} />
            </Section>
            <Section title={`Across clusters (${data.findings.length})`}>
              <FleetFindings findings={data.findings} />
            </Section>
            <Section title="Networks by name">
              <NetworkMatrix clusters={data.clusters} rows={data.rows} byContext={data.byContext} />
            </Section>
            <Section title="Networks by what they are">
              <KindTable clusters={data.clusters} kinds={data.kinds} />
            </Section>
          </>
        )}
      </main>
    </div>
  );
}

function Section({ title, children }: { title: string; children: ReactNode }) {
  return (
    <section className="flex flex-col gap-2">
      <h2 className="text-sm font-semibold uppercase tracking-wide text-slate-500">{title}</h2>
      {children}
    </section>
  );
}
