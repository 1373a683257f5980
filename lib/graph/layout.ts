import type { ElkNode, ElkExtendedEdge, LayoutOptions } from "elkjs/lib/elk-api";
import type { GraphModel, GraphNode } from "./model";

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

const COMPONENT: LayoutOptions = {
  "elk.algorithm": "layered",
  "elk.direction": "RIGHT",
  "elk.hierarchyHandling": "INCLUDE_CHILDREN",
  "elk.layered.spacing.nodeNodeBetweenLayers": "90",
  "elk.spacing.nodeNode": "24",
  "elk.spacing.componentComponent": "32",
  "elk.layered.considerModelOrder.strategy": "NODES_AND_EDGES",
};

const GROUP: Record<string, LayoutOptions> = {
  host: { "elk.padding": "[top=48,left=20,bottom=20,right=20]", "elk.spacing.nodeNode": "20", "elk.layered.spacing.nodeNodeBetweenLayers": "150" },
  pod: { "elk.padding": "[top=40,left=12,bottom=12,right=12]", "elk.spacing.nodeNode": "10", "elk.direction": "DOWN" },
};

const GAP = 48;

/**
 * Lays out each host (and the pods that have none) on its own with ELK, then packs the results in rows.
 * Hosts never share edges that need routing, so many small layouts are far faster than one big one, and a
 * change on one host leaves every other host where it was.
 */
export async function layoutGraph(model: GraphModel, elk: ElkLike): Promise<Map<string, Positioned>> {
  const children = new Map<string | null, GraphNode[]>();
  for (const n of model.nodes) children.set(n.parent, [...(children.get(n.parent) ?? []), n]);
  const componentOf = new Map<string, string>();
  const tops = children.get(null) ?? [];
  const loose = tops.filter((n) => !n.isGroup || n.kind !== "host");
  const components: { id: string; roots: GraphNode[] }[] = [
    ...tops.filter((n) => n.isGroup && n.kind === "host").map((h) => ({ id: h.id, roots: [h] })),
    ...(loose.length ? [{ id: "__loose", roots: loose }] : []),
  ];

  const toElk = (n: GraphNode, component: string): ElkNode => {
    componentOf.set(n.id, component);
    if (!n.isGroup) return { id: n.id, width: n.width, height: n.height };
    const kids = (children.get(n.id) ?? []).map((c) => toElk(c, component));
    // A pod or host with nothing drawn inside still needs a size.
    return kids.length ? { id: n.id, layoutOptions: GROUP[n.kind] ?? {}, children: kids } : { id: n.id, width: n.kind === "host" ? 260 : 210, height: 48 };
  };
  const graphs = components.map((c) => ({ id: `__c:${c.id}`, layoutOptions: COMPONENT, children: c.roots.map((r) => toElk(r, c.id)), edges: [] as ElkExtendedEdge[] }));
  const graphById = new Map(components.map((c, i) => [c.id, graphs[i] as ElkNode & { edges: ElkExtendedEdge[] }]));
  for (const e of model.edges) {
    const a = componentOf.get(e.source);
    if (!a || a !== componentOf.get(e.target)) continue; // cross-host edges are drawn, not laid out
    graphById.get(a)?.edges.push({ id: e.id, sources: [e.source], targets: [e.target] });
  }

  const laid: ElkNode[] = [];
  for (const g of graphs) laid.push(await elk.layout(g));

  // Shelf packing: rows about as wide as the whole drawing is tall, in model order.
  const area = laid.reduce((s, g) => s + (g.width ?? 0) * (g.height ?? 0), 0);
  const widest = Math.max(0, ...laid.map((g) => g.width ?? 0));
  const rowWidth = Math.max(widest, Math.sqrt(area) * 1.6);
  const out = new Map<string, Positioned>();
  let x = 0;
  let y = 0;
  let rowHeight = 0;
  for (const g of laid) {
    const w = g.width ?? 0;
    if (x > 0 && x + w > rowWidth) {
      x = 0;
      y += rowHeight + GAP;
      rowHeight = 0;
    }
    for (const child of g.children ?? []) {
      out.set(child.id, { id: child.id, x: x + (child.x ?? 0), y: y + (child.y ?? 0), width: child.width ?? 0, height: child.height ?? 0 });
      walk(child, out);
    }
    x += w + GAP;
    rowHeight = Math.max(rowHeight, g.height ?? 0);
  }
  return out;
}

function walk(node: ElkNode, out: Map<string, Positioned>): void {
  for (const child of node.children ?? []) {
    out.set(child.id, { id: child.id, x: child.x ?? 0, y: child.y ?? 0, width: child.width ?? 0, height: child.height ?? 0 });
    walk(child, out);
  }
}
