import { memo } from "react";
import { Handle, Position, type NodeProps } from "@xyflow/react";
import type { InterfaceNode as InterfaceNodeType } from "./node-data";

function InterfaceNodeView({ data }: NodeProps<InterfaceNodeType>) {
  const el = data.element;
  if (el.kind !== "interface") return null;
  const colour = data.colour ?? "#94a3b8";
  return (
    <div
      className={`flex h-full w-full flex-col justify-center rounded-md border bg-white pl-3 pr-2 text-[11px] leading-tight dark:bg-slate-900 ${el.attached ? "border-slate-300" : "border-dashed border-red-400"}`}
      style={{ boxShadow: `inset 4px 0 0 ${colour}` }}
      title={`${el.interface} on ${el.network}${el.attached ? "" : " — requested, not attached"}`}
    >
      <div className="flex items-baseline gap-1">
        <span className="font-semibold text-slate-900 dark:text-slate-50">{el.interface}</span>
        <span className="truncate text-slate-500">{el.network.split("/").pop()}</span>
      </div>
      <div className="font-mono text-slate-800 dark:text-slate-200">{el.ips.join(", ") || (el.attached ? "no address" : "not attached")}</div>
      {el.mac ? <div className="font-mono text-[10px] text-slate-400">{el.mac}</div> : null}
      <Handle type="source" position={Position.Right} className="!h-2 !w-2 !border-0" style={{ background: colour }} />
    </div>
  );
}

export const InterfaceNode = memo(InterfaceNodeView);
