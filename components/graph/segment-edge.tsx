import { BaseEdge, type Edge, type EdgeProps, getBezierPath } from "@xyflow/react";
import { memo } from "react";
import { EdgeLabel } from "./edge-label";

export type SegmentEdge = Edge<Record<string, never>, "segment">;

/**
 * A dashed "same L2" line between two hosts' links on one segment: React Flow's default (bezier) edge, its label ours
 * (edge-label.tsx), halfway along as React Flow puts it, and never read back from the page.
 */
function SegmentEdgeView({
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
}: EdgeProps<SegmentEdge>) {
  const [path, labelX, labelY] = getBezierPath({ sourceX, sourceY, sourcePosition, targetX, targetY, targetPosition });
  return (
    <>
      <BaseEdge path={path} markerEnd={markerEnd} style={style} interactionWidth={interactionWidth} />
      <EdgeLabel
        x={labelX}
        y={labelY}
        text={typeof label === "string" ? label : ""}
        style={labelStyle}
        bgStyle={labelBgStyle}
        padding={labelBgPadding}
      />
    </>
  );
}

export const SegmentEdgeComponent = memo(SegmentEdgeView);
