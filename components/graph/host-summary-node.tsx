import type { NodeProps } from "@xyflow/react";
import { memo } from "react";
import { nameOfRef } from "@/lib/topology/ids";
import { Icon } from "../icons";
import type { HostSummaryNode as HostSummaryNodeType } from "./node-data";

const MAX = 8;

/** A host at cluster scale: what it carries, in one card; a click opens the host view. */
function HostSummaryNodeView({ data, selected }: NodeProps<HostSummaryNodeType>) {
  const { element: el, summary, colours } = data;
  const widest = Math.max(1, ...summary.networks.map((n) => n.pods));
  return (
    <button
      type="button"
      className={`flex h-full w-full cursor-pointer flex-col rounded-xl border-2 bg-white px-3 py-2 text-left text-[11px] hover:border-sky-500 dark:bg-slate-900 ${selected ? "border-sky-500" : "border-slate-300 dark:border-slate-600"}`}
      title={`Open the host view of ${el.name}`}
    >
      <div className="flex items-center gap-1.5">
        <Icon name="host" className="h-4 w-4 shrink-0 text-slate-600 dark:text-slate-300" />
        <span className="truncate text-xs font-semibold text-slate-800 dark:text-slate-100">{el.name}</span>
        {summary.problems ? (
          <span className="ml-auto shrink-0 rounded bg-red-100 px-1 text-[10px] font-medium text-red-800">
            {summary.problems} problem{summary.problems > 1 ? "s" : ""}
          </span>
        ) : null}
      </div>
      <div className="mb-1 mt-0.5 text-slate-500 dark:text-slate-400">
        {summary.pods} pods · {summary.points} attachment points
        {el.kind === "host" && !el.linksObserved ? " · links inferred" : ""}
      </div>
      <ul className="space-y-0.5">
        {summary.networks.slice(0, MAX).map((n) => (
          <li key={n.network} className="flex items-center gap-1.5">
            <span className="w-28 truncate font-mono text-[10px] text-slate-600 dark:text-slate-300">
              {nameOfRef(n.network)}
            </span>
            <span
              className="h-2 rounded-sm"
              style={{
                width: `${Math.max(4, (100 * n.pods) / widest)}px`,
                background: colours[n.network] ?? "#64748b",
              }}
            />
            <span className="text-[10px] text-slate-500">{n.pods}</span>
          </li>
        ))}
        {summary.networks.length > MAX ? (
          <li className="text-[10px] text-slate-500">and {summary.networks.length - MAX} more networks</li>
        ) : null}
      </ul>
    </button>
  );
}

export const HostSummaryNode = memo(HostSummaryNodeView);
