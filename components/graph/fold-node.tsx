import { Handle, type NodeProps, Position } from "@xyflow/react";
import { memo } from "react";
import { nameOfRef } from "@/lib/contract/ids";
import { Icon } from "../icons";
import type { FoldFlowNode } from "./node-data";

function FoldNodeView({ data }: NodeProps<FoldFlowNode>) {
  const { members, networks, colours } = data;
  return (
    <button
      type="button"
      className="flex h-full w-full cursor-pointer flex-col justify-center rounded-lg border border-slate-300 bg-slate-100 px-2 text-left text-[11px] leading-tight shadow-[3px_3px_0_0_#cbd5e1] hover:border-slate-500 dark:border-slate-600 dark:bg-slate-800 dark:shadow-[3px_3px_0_0_#334155]"
      title="Click to show these pods one by one"
    >
      <div className="node-title flex items-center gap-1.5 font-semibold text-slate-800 dark:text-slate-100">
        <Icon name="pod" className="h-3.5 w-3.5" />
        {members.length} {members.length === 1 ? "pod" : "pods"}
        <span className="node-detail ml-auto text-[11px] font-normal text-slate-500">expand ▸</span>
      </div>
      <div className="mt-0.5 flex flex-wrap gap-1">
        {networks.map((n) => (
          <span
            key={n}
            className="node-detail truncate rounded px-1 text-[11px] text-white"
            style={{ background: colours[n] ?? "#64748b" }}
          >
            {nameOfRef(n)}
          </span>
        ))}
      </div>
      <Handle type="source" position={Position.Right} className="!h-2 !w-2 !border-0 !bg-slate-500" />
    </button>
  );
}

export const FoldNode = memo(FoldNodeView);
