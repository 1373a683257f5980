"use client";

import type { Topology } from "@/lib/contract/schema";
import type { ExplorerState, View } from "@/lib/graph/explorer-state";
import { cn } from "../cn";

interface Options {
  namespaces: string[];
  networks: string[];
  hosts: string[];
  /** hosts the catalog leaves out of `hosts` (found by search) */
  moreHosts?: number | undefined;
  pods: string[];
}

/** The hosts offered: the catalog's, and the one shown or filtered by when the catalog left it out. */
const hostChoices = (hosts: string[], current: string | undefined): string[] =>
  current && !hosts.includes(current) ? [...hosts, current].sort() : hosts;

/** What the host lists leave out, said as their last (disabled) choice: never a silently shorter list. */
function MoreHosts({ count }: { count: number | undefined }) {
  return count ? (
    <option disabled value="(more)">
      … {count.toLocaleString("en")} more hosts: search for them
    </option>
  ) : null;
}

export function optionsOf(t: Topology): Options {
  const sets = {
    namespaces: new Set<string>(),
    networks: new Set<string>(),
    hosts: new Set<string>(),
    pods: new Set<string>(),
  };
  for (const e of t.elements) {
    if (e.kind === "pod") {
      sets.namespaces.add(e.namespace);
      sets.pods.add(`${e.namespace}/${e.name}`);
    } else if (e.kind === "network") {
      sets.namespaces.add(e.namespace);
      sets.networks.add(`${e.namespace}/${e.name}`);
    } else if (e.kind === "host") sets.hosts.add(e.name);
  }
  const sorted = (s: Set<string>) => [...s].sort();
  return {
    namespaces: sorted(sets.namespaces),
    networks: sorted(sets.networks),
    hosts: sorted(sets.hosts),
    pods: sorted(sets.pods),
  };
}

const select =
  "rounded-md border border-slate-300 bg-white px-1.5 py-1 text-sm dark:border-slate-600 dark:bg-slate-900";

const VIEW_LABEL: Record<View["kind"], string> = { cluster: "Cluster", network: "Network", host: "Host", pod: "Pod" };
const VIEW_KINDS = ["cluster", "network", "host", "pod"] as const satisfies readonly View["kind"][];

/** View switcher with its target, and the filters. */
export function Toolbar({
  state,
  options,
  onChange,
}: {
  state: ExplorerState;
  options: Options;
  onChange: (c: Partial<ExplorerState>) => void;
}) {
  const view = state.view;
  const hosts = hostChoices(options.hosts, view.kind === "host" ? view.host : state.filters.host);
  const targets = { network: options.networks, host: hosts, pod: options.pods } as const;
  const target =
    view.kind === "network" ? view.network : view.kind === "host" ? view.host : view.kind === "pod" ? view.pod : "";
  const setView = (kind: View["kind"], value?: string) => {
    if (kind === "cluster") return onChange({ view: { kind } });
    const v = value ?? targets[kind][0];
    if (!v) return;
    onChange({
      view: kind === "network" ? { kind, network: v } : kind === "host" ? { kind, host: v } : { kind, pod: v },
    });
  };
  const filter = (key: "namespace" | "network" | "host", value: string) =>
    onChange({ filters: { ...state.filters, [key]: value || undefined } });
  return (
    <div className="flex flex-wrap items-center gap-2 border-b border-slate-200 bg-white px-4 py-1.5 text-sm dark:border-slate-700 dark:bg-slate-900">
      <div
        role="tablist"
        aria-label="View"
        className="flex rounded-md border border-slate-300 p-0.5 dark:border-slate-600"
      >
        {VIEW_KINDS.map((k) => (
          <button
            key={k}
            type="button"
            role="tab"
            aria-selected={view.kind === k}
            disabled={k !== "cluster" && targets[k].length === 0}
            className={cn(
              "rounded px-2.5 py-0.5",
              view.kind === k
                ? "bg-slate-800 text-white dark:bg-slate-200 dark:text-slate-900"
                : "text-slate-700 hover:bg-slate-100 disabled:opacity-40 dark:text-slate-300 dark:hover:bg-slate-800",
            )}
            onClick={() => setView(k)}
          >
            {VIEW_LABEL[k]}
          </button>
        ))}
      </div>
      {view.kind !== "cluster" ? (
        <select
          aria-label={`${VIEW_LABEL[view.kind]} to show`}
          className={cn(select, "max-w-72")}
          value={target}
          onChange={(e) => setView(view.kind, e.target.value)}
        >
          {targets[view.kind].map((t) => (
            <option key={t}>{t}</option>
          ))}
          {view.kind === "host" ? <MoreHosts count={options.moreHosts} /> : null}
        </select>
      ) : null}
      <span className="mx-1 h-5 w-px bg-slate-200 dark:bg-slate-700" />
      <span className="text-slate-500">Filter</span>
      <select
        aria-label="Namespace filter"
        className={select}
        value={state.filters.namespace ?? ""}
        onChange={(e) => filter("namespace", e.target.value)}
      >
        <option value="">all namespaces</option>
        {options.namespaces.map((n) => (
          <option key={n}>{n}</option>
        ))}
      </select>
      {view.kind !== "network" ? (
        <select
          aria-label="Network filter"
          className={cn(select, "max-w-56")}
          value={state.filters.network ?? ""}
          onChange={(e) => filter("network", e.target.value)}
        >
          <option value="">all networks</option>
          {options.networks.map((n) => (
            <option key={n}>{n}</option>
          ))}
        </select>
      ) : null}
      {view.kind !== "host" ? (
        <select
          aria-label="Host filter"
          className={cn(select, "max-w-56")}
          value={state.filters.host ?? ""}
          onChange={(e) => filter("host", e.target.value)}
        >
          <option value="">all hosts</option>
          {hosts.map((n) => (
            <option key={n}>{n}</option>
          ))}
          <MoreHosts count={options.moreHosts} />
        </select>
      ) : null}
      <label className="ml-auto flex items-center gap-1.5 text-slate-600 dark:text-slate-300">
        <input
          type="checkbox"
          checked={state.showDefault}
          onChange={(e) => onChange({ showDefault: e.target.checked })}
        />
        show eth0
      </label>
    </div>
  );
}
