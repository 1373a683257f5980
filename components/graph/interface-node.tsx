import { Handle, type NodeProps, Position } from "@xyflow/react";
import { memo } from "react";
import { shortCause } from "@/lib/cni-events/short-cause";
import { nameOfRef } from "@/lib/contract/ids";
import { cn } from "../cn";
import { CutName } from "./cut-name";
import type { InterfaceFlowNode } from "./node-data";

const RING = { error: "ring-2 ring-red-500", warning: "ring-2 ring-amber-400" } as const;

function InterfaceNodeView({ data, selected }: NodeProps<InterfaceFlowNode>) {
  const el = data.element;
  const colour = el.isDefault ? "#94a3b8" : (data.colour ?? "#94a3b8");
  const border = el.attached ? "border-slate-300 dark:border-slate-600" : "border-dashed border-red-400";
  return (
    <div
      className={cn(
        "flex h-full w-full flex-col justify-center rounded-md border bg-white pl-3 pr-2 text-[11px] leading-tight dark:bg-slate-900",
        border,
        el.isDefault && "opacity-60",
        data.problem ? RING[data.problem] : "",
        selected && "outline outline-2 outline-offset-2 outline-sky-500",
      )}
      style={{ boxShadow: `inset 4px 0 0 ${colour}` }}
      title={`${el.interface} on ${el.network}${el.failure ? ` — ${el.failure.summary}` : el.attached ? "" : " — requested, not attached"}`}
    >
      {/* Far out the network's name takes a line of its own when both no longer fit on one ("host-devic…" at 1024),
          unless a stuck interface's cause needs the box's second line; either way it keeps its end. */}
      <div className={cn("flex items-baseline gap-x-1", !el.failure && "far-wrap")}>
        {/* A VM's interface goes by the VM's name for it; the pod's own (hashed) name is below. */}
        <span className="node-title shrink-0 font-semibold text-slate-900 dark:text-slate-50">
          {el.vmInterface ?? el.interface}
        </span>
        <CutName
          name={el.isDefault ? "cluster network" : nameOfRef(el.network)}
          className="node-subtitle text-slate-500 dark:text-slate-400"
          testId="interface-network"
        />
        {el.deviceInfo ? (
          <span className="node-detail ml-auto rounded bg-violet-100 px-1 text-[11px] text-violet-800">
            {el.deviceInfo.type}
          </span>
        ) : null}
      </div>
      {el.failure ? (
        // The stuck interface's cause in a word or two, whole at every zoom (its summary, cut to fit, said nothing:
        // "NetworkAttachmentDefi…"); the summary is on hover and, with the full event text, in its details.
        <div
          className="node-cause truncate text-xs font-semibold text-red-700 dark:text-red-400"
          data-testid="interface-cause"
        >
          {shortCause(el.failure.cause)}
        </div>
      ) : (
        <div className="node-detail font-mono text-slate-800 dark:text-slate-200">
          {el.ips.join(", ") || (el.attached ? "no address" : "not attached")}
        </div>
      )}
      {el.mac || el.vmInterface ? (
        <div className="node-detail truncate font-mono text-[11px] text-slate-500 dark:text-slate-400">
          {el.vmInterface ? `pod ${el.interface}${el.mac ? ` · ${el.mac}` : ""}` : el.mac}
        </div>
      ) : null}
      <Handle type="source" position={Position.Right} className="!h-2 !w-2 !border-0" style={{ background: colour }} />
    </div>
  );
}

export const InterfaceNode = memo(InterfaceNodeView);
