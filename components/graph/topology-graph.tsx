"use client";

import { Background, Controls, MiniMap, ReactFlow, type Edge, type Node, type NodeTypes } from "@xyflow/react";
import ELK from "elkjs/lib/elk.bundled.js";
import { useEffect, useMemo, useState } from "react";
import { graphModel } from "@/lib/graph/model";
import { layoutGraph } from "@/lib/graph/layout";
import type { Topology } from "@/lib/topology/schema";
import { HostNode } from "./host-node";
import { InterfaceNode } from "./interface-node";
import type { ElementNodeData } from "./node-data";
import { PodNode } from "./pod-node";
import { PointNode } from "./point-node";

const nodeTypes: NodeTypes = { host: HostNode, pod: PodNode, interface: InterfaceNode, point: PointNode };

const elk = new ELK();

const rfType = (kind: string): string => (kind === "host" || kind === "pod" || kind === "interface" ? kind : "point");

export function TopologyGraph({ topology, showDefault }: { topology: Topology; showDefault: boolean }) {
  const model = useMemo(() => graphModel(topology, { showDefault }), [topology, showDefault]);
  const [laid, setLaid] = useState<{ nodes: Node<ElementNodeData>[]; edges: Edge[] } | null>(null);

  useEffect(() => {
    let cancelled = false;
    const byId = new Map(topology.elements.map((e) => [e.id, e]));
    void layoutGraph(model, elk).then((pos) => {
      if (cancelled) return;
      const nodes = model.nodes.flatMap((n): Node<ElementNodeData>[] => {
        const element = byId.get(n.id);
        const p = pos.get(n.id);
        if (!element || !p) return [];
        return [{
          id: n.id,
          type: rfType(n.kind),
          position: { x: p.x, y: p.y },
          ...(n.parent ? { parentId: n.parent, extent: "parent" as const } : {}),
          width: p.width,
          height: p.height,
          style: { width: p.width, height: p.height },
          data: { element, colour: element.kind === "interface" ? model.colours.get(element.network) : undefined },
          draggable: false,
          selectable: true,
          zIndex: n.isGroup ? 0 : 10,
        }];
      });
      const edges = model.edges.map((e): Edge => ({
        id: e.id,
        source: e.source,
        target: e.target,
        label: e.label,
        type: "smoothstep",
        zIndex: 20,
        style: { stroke: e.colour, strokeWidth: 2 },
        labelStyle: { fontSize: 10, fontFamily: "ui-monospace, monospace", fill: "#0f172a" },
        labelBgStyle: { fill: "#ffffff", fillOpacity: 0.9 },
        labelBgPadding: [4, 2],
      }));
      setLaid({ nodes, edges });
    });
    return () => {
      cancelled = true;
    };
  }, [model, topology]);

  if (!laid) return <div className="grid h-full place-items-center text-sm text-slate-500">Laying out the graph…</div>;
  return (
    <ReactFlow
      nodes={laid.nodes}
      edges={laid.edges}
      nodeTypes={nodeTypes}
      fitView
      fitViewOptions={{ padding: 0.08 }}
      minZoom={0.1}
      proOptions={{ hideAttribution: true }}
      nodesConnectable={false}
    >
      <Background gap={24} />
      <MiniMap pannable zoomable nodeColor={(n) => (n.type === "host" ? "#e2e8f0" : n.type === "pod" ? "#cbd5e1" : "#64748b")} />
      <Controls showInteractive={false} />
    </ReactFlow>
  );
}
