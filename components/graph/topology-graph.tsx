"use client";

import {
  Background,
  type ColorMode,
  type EdgeTypes,
  MiniMap,
  type NodeTypes,
  ReactFlow,
  ReactFlowProvider,
  useStore,
} from "@xyflow/react";
import { useEffect, useRef } from "react";
import type { Topology } from "@/lib/contract/schema";
import type { GraphModel } from "@/lib/graph/model";
import { cn } from "../cn";
import { traceMark } from "../trace";
import { AttachmentEdgeComponent } from "./attachment-edge";
import { flowEdges, flowNodes, minimapColour, problemsOf } from "./flow-elements";
import { FoldNode } from "./fold-node";
import { GraphToolbar, MINIMAP_WIDTH } from "./graph-toolbar";
import { HandleRepair } from "./handle-repair";
import { HostNode } from "./host-node";
import { InterfaceNode } from "./interface-node";
import type { GraphFlowNode } from "./node-data";
import { PodNode } from "./pod-node";
import { PointNode } from "./point-node";
import { SegmentEdgeComponent } from "./segment-edge";
import { useFitOnChange } from "./use-fit-on-change";
import { useGraphNavigation } from "./use-graph-navigation";
import { useLayout } from "./use-layout";

// At module scope, so React Flow sees the same object on every render; one component per GraphFlowNode type.
const nodeTypes = {
  host: HostNode,
  pod: PodNode,
  interface: InterfaceNode,
  point: PointNode,
  fold: FoldNode,
} satisfies NodeTypes;
const edgeTypes = { attachment: AttachmentEdgeComponent, segment: SegmentEdgeComponent } satisfies EdgeTypes;

/** Below this zoom the smallest text (11 px) would be under 10 px on screen: nodes then show names only, large. */
const FAR_BELOW = 0.92;

export interface TopologyGraphProps {
  topology: Topology;
  model: GraphModel;
  selected: string | null;
  onSelect: (id: string | null) => void;
  onToggleFold: (id: string) => void;
  /** bumps when a search wants the view to move to `selected` */
  focusSeq: number;
  colorMode: ColorMode;
  exportName: string;
  /** changes when the view or the filters change: the graph then fits to the new result */
  fitKey: string;
}

export function TopologyGraph(props: TopologyGraphProps) {
  return (
    <ReactFlowProvider>
      <Graph {...props} />
    </ReactFlowProvider>
  );
}

function Graph({
  topology,
  model,
  selected,
  onSelect,
  onToggleFold,
  focusSeq,
  colorMode,
  exportName,
  fitKey,
}: TopologyGraphProps) {
  const layout = useLayout(model);
  const zoom = useStore((s) => s.transform[2]);
  const wrapper = useRef<HTMLDivElement>(null);
  // The zoom as a CSS variable, for the semantic-zoom rules in globals.css.
  useEffect(() => wrapper.current?.style.setProperty("--graph-zoom", String(zoom)), [zoom]);

  // No useMemo: the React Compiler (next.config.ts) rebuilds these only when what they read changed.
  const problems = problemsOf(topology);
  const nodes = layout.status === "done" ? flowNodes(model, layout.positions, topology, selected, problems) : [];
  const minimap = nodes.length > 60;
  useFitOnChange(fitKey, layout, minimap);
  const edges = flowEdges(model, selected, colorMode);
  useEffect(() => {
    if (layout.status === "done") traceMark("graph:commit", layout.positions.size);
  }, [layout]);
  const onKeyDown = useGraphNavigation(selected, onSelect, focusSeq, layout.status === "done");

  if (layout.status === "error") {
    return (
      <div role="alert" className="m-6 text-sm text-red-700">
        The layout failed: {layout.error}
      </div>
    );
  }
  return (
    <div
      ref={wrapper}
      className={cn("flex h-full w-full flex-col outline-none", zoom < FAR_BELOW && "graph-far")}
      // One tab stop for the whole canvas, whose own keys (arrows, Escape) move the selection.
      role="application"
      aria-roledescription="topology graph"
      // biome-ignore lint/a11y/noNoninteractiveTabindex: the canvas is one tab stop; its arrow keys walk the elements (role application)
      tabIndex={0}
      onKeyDown={onKeyDown}
      aria-label="Topology graph: arrow keys move between elements, Escape clears the selection"
      data-testid="graph-canvas"
      data-layout={layout.status}
      data-node-count={nodes.length}
      // What React Flow was given, so a test can compare it with what it drew (an edge it cannot place is dropped
      // without a word).
      data-edge-count={layout.status === "done" ? edges.length : 0}
    >
      <GraphToolbar exportName={exportName} minimap={minimap} />
      {layout.status === "pending" ? (
        <div className="grid h-full place-items-center text-sm text-slate-500">Laying out the graph…</div>
      ) : (
        <ReactFlow<GraphFlowNode>
          nodes={nodes}
          edges={edges}
          nodeTypes={nodeTypes}
          edgeTypes={edgeTypes}
          colorMode={colorMode}
          className="min-h-0 flex-1"
          // no fitView prop: it stays queued until a setNodes finds every node measured and then jumps, e.g. at a live
          // change after the admin had panned; the first picture is framed by useFitOnChange (use-fit-graph.ts)
          minZoom={0.05}
          onlyRenderVisibleElements={nodes.length > 400}
          proOptions={{ hideAttribution: true }}
          nodesConnectable={false}
          nodesDraggable={false}
          onNodeClick={(_, n) => (n.type === "fold" ? onToggleFold(n.id) : onSelect(n.id))}
          onPaneClick={() => onSelect(null)}
        >
          <Background gap={24} />
          <HandleRepair />
          {minimap ? (
            <MiniMap
              style={{ width: MINIMAP_WIDTH, height: 110 }}
              pannable
              zoomable
              nodeColor={(n) => minimapColour(colorMode, n)}
            />
          ) : null}
        </ReactFlow>
      )}
    </div>
  );
}
