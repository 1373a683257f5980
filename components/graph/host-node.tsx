import type { NodeProps } from "@xyflow/react";
import { memo } from "react";
import { cn } from "../cn";
import { Icon } from "../icons";
import type { HostFlowNode } from "./node-data";

function HostNodeView({ data, selected }: NodeProps<HostFlowNode>) {
  const el = data.element;
  return (
    <div
      className={cn(
        "h-full w-full rounded-xl border-2 bg-white/70 dark:bg-slate-900/60",
        selected ? "border-sky-500" : "border-slate-300 dark:border-slate-600",
      )}
    >
      <div className="flex items-center gap-2 px-3 pt-2">
        <Icon name="host" className="h-4 w-4 text-slate-600" />
        <span className="node-title node-title-large truncate text-sm font-semibold text-slate-800 dark:text-slate-100">
          {el.name}
        </span>
        <span
          className={cn(
            "node-detail ml-auto shrink-0 rounded-full px-2 py-0.5 text-[11px] font-medium",
            el.linksObserved ? "bg-emerald-100 text-emerald-800" : "bg-amber-100 text-amber-800",
          )}
          title={
            el.linksSource === "probe"
              ? `links probed at ${el.reportedAt ?? "?"} by ${el.probedBy ?? "?"}`
              : el.linksObserved
                ? "links reported by NodeNetworkState"
                : "no NodeNetworkState: links inferred from NADs and pods"
          }
        >
          {el.linksSource === "probe" ? "links probed" : el.linksObserved ? "links observed" : "links inferred"}
        </span>
      </div>
    </div>
  );
}

export const HostNode = memo(HostNodeView);
