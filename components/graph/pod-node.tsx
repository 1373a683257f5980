import type { NodeProps } from "@xyflow/react";
import { memo } from "react";
import { cn } from "../cn";
import { Icon } from "../icons";
import { CutName } from "./cut-name";
import type { PodFlowNode } from "./node-data";

function PodNodeView({ data, selected }: NodeProps<PodFlowNode>) {
  const el = data.element;
  const running = el.phase === "Running";
  return (
    <div
      className={cn(
        "relative h-full w-full rounded-lg border bg-slate-50 shadow-sm dark:bg-slate-800",
        data.problem === "error" ? "border-red-400" : "border-slate-300 dark:border-slate-600",
        selected && "outline outline-2 outline-offset-2 outline-sky-500",
      )}
    >
      <div
        className="flex items-center gap-1.5 px-2 pt-1.5"
        title={el.vm ? `VM ${el.vm.name} (pod ${el.namespace}/${el.name})` : `${el.namespace}/${el.name}`}
      >
        <Icon name={el.vm ? "vm" : "pod"} className="h-3.5 w-3.5 shrink-0 text-slate-500" />
        {/* A virt-launcher pod is drawn as its VM: the VM's name is what the admin knows it by. */}
        <CutName
          name={el.vm ? `VM ${el.vm.name}` : el.name}
          className="text-xs font-medium text-slate-800 dark:text-slate-100"
          testId="pod-name"
        />
        {el.vm?.migration ? (
          <span className="node-badge shrink-0 rounded bg-amber-100 px-1 text-[11px] text-amber-800">
            migration {el.vm.migration}
          </span>
        ) : null}
        <span
          className={cn(
            "node-detail ml-auto shrink-0 rounded px-1 text-[11px]",
            running ? "text-emerald-700" : "bg-red-100 text-red-700",
          )}
        >
          {el.phase ?? "?"}
        </span>
      </div>
      {data.rollout ? (
        <span
          data-testid="rollout-pending"
          title="Its workload's template asks for other networks: this pod gets them when the rollout replaces it"
          // Inside the pod, in the room the layout keeps under its interfaces for it (ROLLOUT_FOOTER): on the border it
          // hid the border and read as part of the box below.
          className="node-footer-badge absolute bottom-2 right-3 rounded border border-amber-300 bg-amber-50 px-1 text-[11px] leading-tight text-amber-800 dark:border-amber-700 dark:bg-amber-950 dark:text-amber-300"
        >
          rollout pending
        </span>
      ) : null}
    </div>
  );
}

export const PodNode = memo(PodNodeView);
