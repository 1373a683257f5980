import { BaseEdge, type Edge, type EdgeProps, getSmoothStepPath } from "@xyflow/react";
import { memo } from "react";
import { EDGE_LABEL } from "@/lib/graph/layout";
import { EdgeLabel } from "./edge-label";

export type AttachmentEdge = Edge<Record<string, never>, "attachment">;

/**
 * An interface's line to what it hangs off, its label on the line's own first run. React Flow's step edge turns and
 * puts its label halfway, and every edge into one bridge turns at the same x: a label sat on the other edges' shared
 * vertical (net1 192.168.12.14 over the mybr0 elbow). Here the line runs level from its interface, at a height no other
 * edge has (one line per interface), and turns just before the target; the label sits on that level run, clear of the
 * pod's border, where the layout keeps room for it (the layer gap, lib/graph/layout.ts). The label is ours
 * (edge-label.tsx), never React Flow's, which reads its box back from the page.
 */
function AttachmentEdgeView({
  sourceX,
  sourceY,
  targetX,
  targetY,
  sourcePosition,
  targetPosition,
  label,
  labelStyle,
  labelBgStyle,
  labelBgPadding,
  markerEnd,
  style,
  interactionWidth,
}: EdgeProps<AttachmentEdge>) {
  // The step turns just before the target, so the run from the source is this edge's own.
  const centerX = targetX - EDGE_LABEL.turnBeforeTarget;
  const [path, midX, midY] = getSmoothStepPath({
    sourceX,
    sourceY,
    sourcePosition,
    targetX,
    targetY,
    targetPosition,
    ...(centerX > sourceX ? { centerX } : {}),
  });
  const text = typeof label === "string" ? label : "";
  const width = text.length * EDGE_LABEL.perChar + 2 * EDGE_LABEL.padding;
  const left = sourceX + EDGE_LABEL.clearOfSource;
  // The level run holds it in a laid-out host; were it short, the label still sits on it, halfway along. Without a
  // level run at all (a target behind its source), halfway along the line, as React Flow does.
  const fits = left + width <= centerX - EDGE_LABEL.clearOfTurn;
  const level = centerX > sourceX;
  return (
    <>
      <BaseEdge path={path} markerEnd={markerEnd} style={style} interactionWidth={interactionWidth} />
      <EdgeLabel
        x={!level ? midX : fits ? left + width / 2 : (sourceX + centerX) / 2}
        y={level ? sourceY : midY}
        text={text}
        style={labelStyle}
        bgStyle={labelBgStyle}
        padding={labelBgPadding}
      />
    </>
  );
}

export const AttachmentEdgeComponent = memo(AttachmentEdgeView);
