"use client";

import {
  Background,
  type ColorMode,
  type Edge,
  MarkerType,
  MiniMap,
  type NodeTypes,
  ReactFlow,
  ReactFlowProvider,
  useReactFlow,
  useStore,
} from "@xyflow/react";
import { type KeyboardEvent, useCallback, useEffect, useMemo, useRef } from "react";
import type { GraphModel } from "@/lib/graph/model";
import type { Topology } from "@/lib/topology/schema";
import { FoldNode } from "./fold-node";
import { fitPadding, GraphToolbar, MINIMAP_WIDTH } from "./graph-toolbar";
import { HostNode } from "./host-node";
import { HostSummaryNode } from "./host-summary-node";
import { InterfaceNode } from "./interface-node";
import type { GraphFlowNode } from "./node-data";
import { PodNode } from "./pod-node";
import { PointNode } from "./point-node";
import { useFitOnChange } from "./use-fit-on-change";
import { useLayout } from "./use-layout";

const nodeTypes: NodeTypes = {
  host: HostNode,
  pod: PodNode,
  interface: InterfaceNode,
  point: PointNode,
  fold: FoldNode,
  hostSummary: HostSummaryNode,
};

/** Below this zoom the smallest text (11 px) would be under 10 px on screen: nodes then show names only, large. */
const FAR_BELOW = 0.92;

const rfType = (kind: string): GraphFlowNode["type"] =>
  kind === "host" || kind === "pod" || kind === "interface" || kind === "fold" ? kind : "point";

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
  onOpenHost,
  focusSeq,
  colorMode,
  exportName,
  fitKey,
}: TopologyGraphProps) {
  const layout = useLayout(model);
  const flow = useReactFlow();
  const zoom = useStore((s) => s.transform[2]);
  const wrapper = useRef<HTMLDivElement>(null);
  // The zoom as a CSS variable, for the semantic-zoom rules in globals.css.
  useEffect(() => wrapper.current?.style.setProperty("--graph-zoom", String(zoom)), [zoom]);

  const problems = useMemo(() => {
    const out = new Map<string, "error" | "warning">();
    for (const f of topology.findings) {
      if (f.severity === "info") continue;
      for (const id of f.elements) if (out.get(id) !== "error") out.set(id, f.severity);
    }
    return out;
  }, [topology]);

  const nodes = useMemo((): GraphFlowNode[] => {
    if (layout.status !== "done") return [];
    const byId = new Map(topology.elements.map((e) => [e.id, e]));
    const colours = Object.fromEntries(model.colours);
    return model.nodes.flatMap((n): GraphFlowNode[] => {
      const p = layout.positions.get(n.id);
      if (!p) return [];
      const common = {
        id: n.id,
        position: { x: p.x, y: p.y },
        width: p.width,
        height: p.height,
        style: { width: p.width, height: p.height },
        ...(n.parent ? { parentId: n.parent, extent: "parent" as const } : {}),
        draggable: false,
        selected: n.id === selected,
        zIndex: n.isGroup ? 0 : 10,
      };
      if (n.kind === "fold") {
        return [{ ...common, type: "fold", data: { members: n.members ?? [], networks: n.networks ?? [], colours } }];
      }
      const element = byId.get(n.id);
      if (!element) return [];
      if (n.summary) return [{ ...common, type: "hostSummary", data: { element, summary: n.summary, colours } }];
      const colour = element.kind === "interface" ? model.colours.get(element.network) : undefined;
      const problem = problems.get(n.id);
      return [
        // biome-ignore lint/plugin: rfType(n.kind) picks the React Flow type that matches element.kind (one table)
        {
          ...common,
          type: rfType(n.kind),
          data: { element, ...(colour ? { colour } : {}), ...(problem ? { problem } : {}) },
        } as GraphFlowNode,
      ];
    });
  }, [layout, model, topology, selected, problems]);

  const minimap = nodes.length > 60;
  useFitOnChange(fitKey, layout, minimap);

  const edges = useMemo((): Edge[] => {
    const touching = (e: { source: string; target: string }) =>
      selected !== null && (e.source === selected || e.target === selected);
    return model.edges.map((e): Edge => {
      const segment = e.kind === "segment";
      const dim = selected !== null && !touching(e);
      return {
        id: e.id,
        source: e.source,
        target: e.target,
        ...(segment ? { sourceHandle: "segment-out", targetHandle: "segment-in" } : {}),
        label: e.label,
        type: segment ? "default" : "smoothstep",
        zIndex: 20,
        animated: false,
        markerEnd: segment ? undefined : { type: MarkerType.ArrowClosed, color: e.colour, width: 14, height: 14 },
        style: {
          stroke: e.colour,
          strokeWidth: touching(e) ? 3.5 : 2,
          strokeDasharray: segment ? "6 4" : undefined,
          opacity: dim ? 0.25 : 1,
        },
        labelStyle: {
          fontSize: 11,
          fontFamily: "ui-monospace, monospace",
          fill: colorMode === "dark" ? "#e2e8f0" : "#0f172a",
        },
        labelBgStyle: { fill: colorMode === "dark" ? "#0f172a" : "#ffffff", fillOpacity: 0.9 },
        labelBgPadding: [4, 2],
      };
    });
  }, [model, selected, colorMode]);

  // Search and deep links move the view to the selected element.
  useEffect(() => {
    if (!selected || layout.status !== "done" || focusSeq === 0) return;
    const handle = requestAnimationFrame(() => {
      const node = flow.getInternalNode(selected);
      if (!node) return;
      const { x, y } = node.internals.positionAbsolute;
      void flow.setCenter(x + (node.measured.width ?? 0) / 2, y + (node.measured.height ?? 0) / 2, {
        zoom: 1.3,
        duration: 400,
      });
    });
    return () => cancelAnimationFrame(handle);
  }, [focusSeq, layout.status]); // eslint-disable-line react-hooks/exhaustive-deps -- only when a focus is asked for

  // Arrow keys walk the leaves (interfaces, points, folds) in reading order; Escape clears the selection.
  const onKeyDown = useCallback(
    (e: KeyboardEvent<HTMLDivElement>) => {
      if (e.key === "Escape") return onSelect(null);
      const step =
        e.key === "ArrowDown" || e.key === "ArrowRight" ? 1 : e.key === "ArrowUp" || e.key === "ArrowLeft" ? -1 : 0;
      if (step === 0) return;
      e.preventDefault();
      // A host's elements are walked before the next host's: by the host's place, then top to bottom inside it.
      const at0 = { x: 0, y: 0 };
      const top = (id: string) => {
        let n = flow.getInternalNode(id);
        while (n?.parentId) n = flow.getInternalNode(n.parentId);
        return n?.internals.positionAbsolute ?? at0;
      };
      const leaves = flow
        .getNodes()
        .filter((n) => n.type !== "host" && n.type !== "pod")
        .map((n) => ({ id: n.id, host: top(n.id), pos: flow.getInternalNode(n.id)?.internals.positionAbsolute ?? at0 }))
        .sort((a, b) => a.host.y - b.host.y || a.host.x - b.host.x || a.pos.y - b.pos.y || a.pos.x - b.pos.x);
      if (leaves.length === 0) return;
      const at = leaves.findIndex((l) => l.id === selected);
      const next = leaves[(at + step + leaves.length) % leaves.length] ?? leaves[0];
      if (!next) return;
      onSelect(next.id);
      const n = flow.getInternalNode(next.id);
      if (n)
        void flow.setCenter(next.pos.x + (n.measured.width ?? 0) / 2, next.pos.y + (n.measured.height ?? 0) / 2, {
          zoom: Math.max(flow.getZoom(), 0.9),
          duration: 200,
        });
    },
    [flow, onSelect, selected],
  );

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
      className={`flex h-full w-full flex-col outline-none ${zoom < FAR_BELOW ? "graph-far" : ""}`}
      tabIndex={0}
      onKeyDown={onKeyDown}
      aria-label="Topology graph: arrow keys move between elements, Escape clears the selection"
      data-testid="graph-canvas"
      data-layout={layout.status}
      data-node-count={nodes.length}
    >
      <GraphToolbar exportName={exportName} minimap={minimap} />
      {layout.status === "pending" ? (
        <div className="grid h-full place-items-center text-sm text-slate-500">Laying out the graph…</div>
      ) : (
        <ReactFlow
          nodes={nodes}
          edges={edges}
          nodeTypes={nodeTypes}
          colorMode={colorMode}
          className="min-h-0 flex-1"
          fitView
          fitViewOptions={{ padding: fitPadding(minimap), maxZoom: 1.2 }}
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
          {minimap ? (
            <MiniMap
              style={{ width: MINIMAP_WIDTH, height: 110 }}
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
        </ReactFlow>
      )}
    </div>
  );
}
