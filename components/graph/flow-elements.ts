import { type ColorMode, type Edge, MarkerType, type Node } from "@xyflow/react";
import type { Positioned } from "@/lib/graph/layout";
import type { GraphModel } from "@/lib/graph/model";
import type { Topology } from "@/lib/topology/schema";
import type { GraphFlowNode } from "./node-data";

const rfType = (kind: string): GraphFlowNode["type"] =>
  kind === "host" || kind === "pod" || kind === "interface" || kind === "fold" ? kind : "point";

/** The worst finding on each element: it is ringed in that colour. */
export function problemsOf(topology: Topology): Map<string, "error" | "warning"> {
  const out = new Map<string, "error" | "warning">();
  for (const f of topology.findings) {
    if (f.severity === "info") continue;
    for (const id of f.elements) if (out.get(id) !== "error") out.set(id, f.severity);
  }
  return out;
}

/** The model's boxes at their laid-out places, as React Flow nodes with the data each node component draws. */
export function flowNodes(
  model: GraphModel,
  positions: ReadonlyMap<string, Positioned>,
  topology: Topology,
  selected: string | null,
  problems: ReadonlyMap<string, "error" | "warning">,
): GraphFlowNode[] {
  const byId = new Map(topology.elements.map((e) => [e.id, e]));
  const colours = Object.fromEntries(model.colours);
  return model.nodes.flatMap((n): GraphFlowNode[] => {
    const p = positions.get(n.id);
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
}

/** The model's edges; those touching the selection stand out, the rest dim. */
export function flowEdges(model: GraphModel, selected: string | null, colorMode: ColorMode): Edge[] {
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
}

const MINIMAP_COLOURS = {
  dark: { host: "#1e293b", pod: "#334155", other: "#94a3b8" },
  light: { host: "#e2e8f0", pod: "#cbd5e1", other: "#64748b" },
} as const;

/** The minimap draws hosts and pods as faint boxes and what hangs off them darker. */
export function minimapColour(colorMode: ColorMode, node: Node): string {
  const palette = colorMode === "dark" ? MINIMAP_COLOURS.dark : MINIMAP_COLOURS.light;
  return node.type === "host" ? palette.host : node.type === "pod" ? palette.pod : palette.other;
}
