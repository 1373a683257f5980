import { Handle, type NodeProps, Position } from "@xyflow/react";
import { memo } from "react";
import { cn } from "../cn";
import { Icon } from "../icons";
import { CutName } from "./cut-name";
import type { PointData, PointFlowNode } from "./node-data";

export const POINT_LABEL: Record<string, string> = {
  bridge: "Linux bridge",
  "macvlan-parent": "macvlan parent",
  "ipvlan-parent": "ipvlan parent",
  "vlan-parent": "VLAN parent",
  "host-device": "host device",
  "sriov-pf": "SR-IOV PF",
  "ovn-switch": "OVN logical switch",
};

interface Badge {
  text: string;
  /** what it says far out, where the text is drawn large and the long form no longer fits the box */
  short: string;
  cls: string;
}

function badgeOf(el: PointData["element"]): Badge | null {
  if (el.kind === "bridge" && el.island)
    return {
      text: "no uplink: island",
      short: "island",
      cls: "bg-amber-100 text-amber-800 dark:bg-amber-950 dark:text-amber-300",
    };
  if (el.kind === "bridge" && el.uplinksKnown === false)
    return {
      text: "uplink unknown",
      short: "uplink unknown",
      cls: "bg-slate-100 text-slate-700 dark:bg-slate-800 dark:text-slate-300",
    };
  if (el.kind === "bridge" && el.uplinks.length > 0) {
    const text = `${el.uplinks.length > 1 ? "uplinks" : "uplink"} ${el.uplinks.join(", ")}`;
    return {
      text,
      short: el.uplinks.length > 1 ? `${el.uplinks.length} uplinks` : text,
      cls: "bg-emerald-50 text-emerald-800 dark:bg-emerald-950 dark:text-emerald-300",
    };
  }
  if (el.kind === "host-device" && el.movedTo)
    return {
      text: "moved into pod",
      short: "moved into pod",
      cls: "bg-violet-100 text-violet-800 dark:bg-violet-950 dark:text-violet-300",
    };
  return null;
}

function PointNodeView({ data, selected }: NodeProps<PointFlowNode>) {
  const el = data.element;
  const badge = badgeOf(el);
  return (
    <div
      className={cn(
        "flex h-full w-full flex-col justify-center rounded-md border-2 bg-white px-2 text-[11px] leading-tight dark:bg-slate-900",
        el.provenance === "observed" ? "border-slate-500" : "border-dashed border-slate-400",
        data.problem === "error" ? "ring-2 ring-red-500" : data.problem === "warning" ? "ring-2 ring-amber-400" : "",
        selected && "outline outline-2 outline-offset-2 outline-sky-500",
      )}
      title={el.provenance === "observed" ? "observed on the node" : "inferred from NADs and pods"}
    >
      <Handle type="target" position={Position.Left} className="!h-2 !w-2 !border-0 !bg-slate-500" />
      {/* Where shared-L2 lines start and end; invisible, the dashed line says enough. */}
      <Handle id="segment-out" type="source" position={Position.Bottom} className="!h-1 !w-1 !border-0 !opacity-0" />
      <Handle id="segment-in" type="target" position={Position.Top} className="!h-1 !w-1 !border-0 !opacity-0" />
      <div className="flex items-center gap-1">
        <Icon name={el.kind} className="h-3.5 w-3.5 text-slate-600" />
        {/* Cut in its middle when too long ("vm-demo.te…-blue"), whole on hover: the box's own title is its provenance. */}
        <CutName
          name={el.device}
          className="font-mono text-xs font-semibold text-slate-900 dark:text-slate-50"
          testId="point-name"
          hover
        />
      </div>
      <div className="node-detail truncate text-slate-500 dark:text-slate-400">
        {el.kind === "bridge" && el.ovs ? "OVS bridge" : POINT_LABEL[el.kind]}
        {el.kind === "vlan-parent" && el.vlans.length ? ` · VLAN ${el.vlans.join(", ")}` : ""}
      </div>
      {badge ? (
        // One line, cut short if it must: at low zoom the text is drawn larger than the box was sized for, and a
        // wrapped badge pushed the title out over the box's top edge.
        <span
          className={cn("node-badge mt-0.5 max-w-full self-start truncate rounded px-1 text-[11px]", badge.cls)}
          title={badge.text}
        >
          {badge.short === badge.text ? (
            badge.text
          ) : (
            // CSS shows the form that fits (app/globals.css); the whole is on hover, and the details say it in full.
            <>
              <span className="badge-near">{badge.text}</span>
              <span className="badge-far">{badge.short}</span>
            </>
          )}
        </span>
      ) : null}
    </div>
  );
}

export const PointNode = memo(PointNodeView);
