"use client";

import {
  Background,
  type ColorMode,
  Controls,
  MiniMap,
  type NodeTypes,
  Panel,
  ReactFlow,
  ReactFlowProvider,
} from "@xyflow/react";
import { useMemo } from "react";
import type { GraphModel } from "@/lib/graph/model";
import type { Topology } from "@/lib/topology/schema";
import { ExportButtons } from "./export-buttons";
import { flowEdges, flowNodes, problemsOf } from "./flow-elements";
import { FoldNode } from "./fold-node";
import { HostNode } from "./host-node";
import { HostSummaryNode } from "./host-summary-node";
import { InterfaceNode } from "./interface-node";
import { PodNode } from "./pod-node";
import { PointNode } from "./point-node";
import { useGraphNavigation } from "./use-graph-navigation";
import { useLayout } from "./use-layout";

const nodeTypes: NodeTypes = {
  host: HostNode,
  pod: PodNode,
  interface: InterfaceNode,
  point: PointNode,
  fold: FoldNode,
  hostSummary: HostSummaryNode,
};

export interface TopologyGraphProps {
  topology: Topology;
  model: GraphModel;
  selected: string | null;
  onSelect: (id: string | null) => void;
  onToggleFold: (id: string) => void;
  /** a host summary card was clicked */
  onOpenHost: (host: string) => void;
  /** bumps when a search wants the view to move to `selected` */
  focusSeq: number;
  colorMode: ColorMode;
  exportName: string;
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
  onOpenHost,
  focusSeq,
  colorMode,
  exportName,
}: TopologyGraphProps) {
  const layout = useLayout(model);

  const problems = useMemo(() => problemsOf(topology), [topology]);
  const nodes = useMemo(
    () => (layout.status === "done" ? flowNodes(model, layout.positions, topology, selected, problems) : []),
    [layout, model, topology, selected, problems],
  );
  const edges = useMemo(() => flowEdges(model, selected, colorMode), [model, selected, colorMode]);

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
      className="h-full w-full outline-none"
      tabIndex={0}
      onKeyDown={onKeyDown}
      aria-label="Topology graph: arrow keys move between elements, Escape clears the selection"
      data-testid="graph-canvas"
      data-layout={layout.status}
      data-node-count={nodes.length}
    >
      {layout.status === "pending" ? (
        <div className="grid h-full place-items-center text-sm text-slate-500">Laying out the graph…</div>
      ) : (
        <ReactFlow
          nodes={nodes}
          edges={edges}
          nodeTypes={nodeTypes}
          colorMode={colorMode}
          fitView
          fitViewOptions={{ padding: 0.06, maxZoom: 1.2 }}
          minZoom={0.05}
          onlyRenderVisibleElements={nodes.length > 400}
          proOptions={{ hideAttribution: true }}
          nodesConnectable={false}
          nodesDraggable={false}
          onNodeClick={(_, n) =>
            n.type === "fold"
              ? onToggleFold(n.id)
              : n.type === "hostSummary"
                ? onOpenHost(n.id.replace(/^host\//, ""))
                : onSelect(n.id)
          }
          onPaneClick={() => onSelect(null)}
        >
          <Background gap={24} />
          {nodes.length > 60 ? (
            <MiniMap
              pannable
              zoomable
              nodeColor={(n) =>
                colorMode === "dark"
                  ? n.type === "host"
                    ? "#1e293b"
                    : n.type === "pod"
                      ? "#334155"
                      : "#94a3b8"
                  : n.type === "host"
                    ? "#e2e8f0"
                    : n.type === "pod"
                      ? "#cbd5e1"
                      : "#64748b"
              }
            />
          ) : null}
          <Controls showInteractive={false} />
          <Panel position="top-right">
            <ExportButtons name={exportName} topology={topology} />
          </Panel>
        </ReactFlow>
      )}
    </div>
  );
}
