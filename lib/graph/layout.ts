import type { ElkNode, ElkExtendedEdge, LayoutOptions } from "elkjs/lib/elk-api";
import type { GraphModel } from "./model";

/** What layout needs of ELK: the same call whether ELK runs inline or in a Web Worker. */
export interface ElkLike {
  layout(graph: ElkNode): Promise<ElkNode>;
}

export interface Positioned {
  id: string;
  /** relative to the parent group, as React Flow wants for children */
  x: number;
  y: number;
  width: number;
  height: number;
}

const ROOT: LayoutOptions = {
  "elk.algorithm": "layered",
  "elk.direction": "RIGHT",
  "elk.hierarchyHandling": "INCLUDE_CHILDREN",
  "elk.layered.spacing.nodeNodeBetweenLayers": "150",
  "elk.spacing.nodeNode": "24",
  "elk.spacing.componentComponent": "48",
  "elk.layered.considerModelOrder.strategy": "NODES_AND_EDGES",
};

const GROUP: Record<string, LayoutOptions> = {
  host: { "elk.padding": "[top=48,left=20,bottom=20,right=20]", "elk.spacing.nodeNode": "20", "elk.layered.spacing.nodeNodeBetweenLayers": "170" },
  pod: { "elk.padding": "[top=40,left=12,bottom=12,right=12]", "elk.spacing.nodeNode": "10", "elk.direction": "DOWN" },
};

/** Lays out the model; pure apart from the ELK instance it is handed. */
export async function layoutGraph(model: GraphModel, elk: ElkLike): Promise<Map<string, Positioned>> {
  const elkNodes = new Map<string, ElkNode>();
  const root: ElkNode = { id: "__root", layoutOptions: ROOT, children: [], edges: [] };
  for (const n of model.nodes) {
    const node: ElkNode = n.isGroup
      ? { id: n.id, layoutOptions: GROUP[n.kind] ?? {}, children: [] }
      : { id: n.id, width: n.width, height: n.height };
    elkNodes.set(n.id, node);
    const parent = n.parent ? elkNodes.get(n.parent) : root;
    (parent ?? root).children?.push(node);
  }
  // A pod group needs some size even with no interfaces drawn.
  for (const n of model.nodes) {
    const node = elkNodes.get(n.id);
    if (node && n.isGroup && node.children?.length === 0) {
      node.width = 200;
      node.height = 44;
    }
  }
  root.edges = model.edges.map((e): ElkExtendedEdge => ({ id: e.id, sources: [e.source], targets: [e.target] }));
  const laid = await elk.layout(root);
  const out = new Map<string, Positioned>();
  const walk = (node: ElkNode): void => {
    for (const child of node.children ?? []) {
      out.set(child.id, { id: child.id, x: child.x ?? 0, y: child.y ?? 0, width: child.width ?? 0, height: child.height ?? 0 });
      walk(child);
    }
  };
  walk(laid);
  return out;
}
