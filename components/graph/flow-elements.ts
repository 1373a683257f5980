import { type ColorMode, type Edge, MarkerType, type Node } from "@xyflow/react";
import type { Topology, TopologyElement } from "@/lib/contract/schema";
import type { Positioned } from "@/lib/graph/layout";
import type { GraphModel } from "@/lib/graph/model";
import { pendingRollout } from "@/lib/graph/workload-summary";
import type { GraphFlowNode, Problem } from "./node-data";
import { nodeHandles } from "./node-handles";

/** What every node shares: place, size, nesting, selection. */
type Common = Omit<Node, "type" | "data">;

/** The node of one element, typed by its kind; networks are colours and workloads chips above the graph, not nodes. */
function elementNode(
  common: Common,
  element: TopologyElement,
  colours: ReadonlyMap<string, string>,
  problem: Problem | undefined,
  pending: ReadonlySet<string>,
): GraphFlowNode | null {
  const flagged = problem ? { problem } : {};
  switch (element.kind) {
    case "network":
    case "workload":
      return null;
    case "host":
      return { ...common, type: "host", data: { element } };
    case "pod":
      return {
        ...common,
        type: "pod",
        data: { element, ...flagged, ...(pending.has(element.id) ? { rollout: true } : {}) },
      };
    case "interface": {
      const colour = colours.get(element.network);
      return { ...common, type: "interface", data: { element, ...(colour ? { colour } : {}), ...flagged } };
    }
    default:
      return { ...common, type: "point", data: { element, ...flagged } };
  }
}

/** The worst finding on each element: it is ringed in that colour. */
export function problemsOf(topology: Topology): Map<string, Problem> {
  const out = new Map<string, Problem>();
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
  problems: ReadonlyMap<string, Problem>,
): GraphFlowNode[] {
  const byId = new Map(topology.elements.map((e) => [e.id, e]));
  const colours = Object.fromEntries(model.colours);
  const pending = pendingRollout(topology);
  return model.nodes.flatMap((n): GraphFlowNode[] => {
    const p = positions.get(n.id);
    if (!p) return [];
    const common: Common = {
      id: n.id,
      position: { x: p.x, y: p.y },
      width: p.width,
      height: p.height,
      style: { width: p.width, height: p.height },
      // The size React Flow would measure (the box is drawn at exactly this size). Without it, each new nodes array
      // makes React Flow forget every node's handle positions until it measures again, and when that measuring is
      // lost (xyflow/xyflow#4888) every edge to the node is silently left out: after a reconnect, none was drawn.
      measured: { width: p.width, height: p.height },
      ...(n.parent ? { parentId: n.parent, extent: "parent" as const } : {}),
      draggable: false,
      selected: n.id === selected,
      zIndex: n.isGroup ? 0 : 10,
    };
    // each node's handles where React Flow would measure them: drawn ready, not measured first (node-handles.ts)
    if (n.kind === "fold") {
      const handles = nodeHandles("fold", p.width, p.height);
      return [{ ...common, handles, type: "fold", data: { members: n.members, networks: n.networks, colours } }];
    }
    const element = byId.get(n.id);
    const node = element ? elementNode(common, element, model.colours, problems.get(n.id), pending) : null;
    return node ? [{ ...node, handles: nodeHandles(node.type, p.width, p.height) }] : [];
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
      type: segment ? "segment" : "attachment",
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
