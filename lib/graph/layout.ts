import type { ElkExtendedEdge, ElkNode, LayoutOptions } from "elkjs/lib/elk-api";
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

/** One host's content: pods (and folds) in one layer, the points they hang off in the next. */
const HOST: LayoutOptions = {
  "elk.algorithm": "layered",
  "elk.direction": "RIGHT",
  // 14 px a side: at 1024 px the cluster view fits far out (zoom ~0.5), where every pixel of width is text size
  "elk.padding": "[top=48,left=14,bottom=20,right=14]",
  "elk.spacing.nodeNode": "20",
  "elk.layered.spacing.nodeNodeBetweenLayers": "150",
  "elk.spacing.componentComponent": "20",
  "elk.layered.considerModelOrder.strategy": "NODES_AND_EDGES",
  "elk.layered.thoroughness": "1",
};

/** A pod stacks its interfaces under its title: no layout engine needed for a column. */
const POD = { top: 40, side: 12, bottom: 12, gap: 10, emptyWidth: 210, emptyHeight: 44 };
const HOST_EMPTY = { width: 260, height: 64 };
/**
 * Edge labels are 11 px monospace (about 6.7 px a character, 4 px padding a side), drawn on the level run that leaves
 * the interface (components/graph/attachment-edge.tsx): from 8 px past the pod's border to 4 px before the line turns,
 * 16 px before the target. React Flow starts and ends a line at its handles' outer edges, 4 px off the boxes.
 */
export const EDGE_LABEL = {
  perChar: 6.7,
  padding: 4,
  clearOfSource: POD.side + 4,
  clearOfTurn: 4,
  turnBeforeTarget: 16,
};
const HANDLE = 4;
const MIN_GAP = 150;

/** The gap between a host's layers, pod border to target box: the longest label fits its run (a dual-stack one is long). */
const layerGap = (labels: readonly string[]): string => {
  const longest = labels.reduce((n, l) => Math.max(n, l.length), 0);
  const label = longest * EDGE_LABEL.perChar + 2 * EDGE_LABEL.padding;
  const start = HANDLE - POD.side + EDGE_LABEL.clearOfSource; // from the pod's border
  const room = start + label + EDGE_LABEL.clearOfTurn + EDGE_LABEL.turnBeforeTarget + HANDLE;
  return String(Math.max(MIN_GAP, Math.ceil(room)));
};
const GAP = 48;

/**
 * A host's box is at least as wide as its title: its name (14 px semibold, about 8.4 px a character) with the icon,
 * the "links observed" badge and the padding. A host holding one pod was cut to "worker2.ocp46rt.…".
 */
const hostTitleWidth = (id: string): number => Math.ceil(id.replace(/^host\//, "").length * 8.4 + 160);

/**
 * Lays out each host (and the pods that have none) on its own with ELK, then packs the hosts in rows.
 * Inside a host ELK places pods and points as flat boxes (edges of a pod's interfaces count as the pod's);
 * each pod stacks its interfaces itself. React Flow routes the edges, so ELK never needs to see the nesting,
 * and many small flat layouts are far faster than one compound one. A change on one host moves no other host.
 */
export async function layoutGraph(model: GraphModel, elk: ElkLike): Promise<Map<string, Positioned>> {
  const children = new Map<string | null, GraphNode[]>();
  for (const n of model.nodes) children.set(n.parent, [...(children.get(n.parent) ?? []), n]);
  const out = new Map<string, Positioned>();

  // Pods first: their size is what the host layouts need.
  const boxOf = new Map<string, string>(); // element → the box ELK places for it (a pod for its interfaces)
  const size = new Map<string, { width: number; height: number }>();
  for (const n of model.nodes) {
    if (!boxOf.has(n.id)) boxOf.set(n.id, n.id); // an interface already points at its pod
    if (n.kind !== "pod") {
      if (!n.isGroup) size.set(n.id, { width: n.width, height: n.height });
      continue;
    }
    const kids = children.get(n.id) ?? [];
    let y = POD.top;
    let width = POD.emptyWidth;
    for (const k of kids) {
      out.set(k.id, { id: k.id, x: POD.side, y, width: k.width, height: k.height });
      boxOf.set(k.id, n.id);
      y += k.height + POD.gap;
      width = Math.max(width, k.width + 2 * POD.side);
    }
    const footer = n.footer ?? 0;
    size.set(n.id, { width, height: (kids.length ? y - POD.gap + POD.bottom : POD.emptyHeight) + footer });
  }

  const tops = children.get(null) ?? [];
  const hosts = tops.filter((n) => n.kind === "host");
  const loose = tops.filter((n) => n.kind !== "host");
  const groups: { host: GraphNode | null; members: GraphNode[] }[] = [
    ...hosts.map((h) => ({ host: h, members: children.get(h.id) ?? [] })),
    ...(loose.length ? [{ host: null, members: loose }] : []),
  ];

  // One ELK call for all hosts: each host is a child graph laid out on its own (ELK's default for nesting),
  // and the root is left alone ("fixed") since we pack the hosts ourselves. Far cheaper than a call per host.
  const roots: ElkNode[] = groups.map((g) => {
    const ids = new Set(g.members.map((m) => m.id));
    const seen = new Set<string>();
    const edges: ElkExtendedEdge[] = [];
    const labels: string[] = [];
    for (const e of model.edges) {
      const s = boxOf.get(e.source);
      const t = boxOf.get(e.target);
      if (!s || !t || s === t || !ids.has(s) || !ids.has(t)) continue; // cross-host edges are drawn, not laid out
      if (e.label) labels.push(e.label);
      const id = `${s}->${t}`;
      if (seen.has(id)) continue;
      seen.add(id);
      edges.push({ id, sources: [s], targets: [t] });
    }
    const box = g.host && !g.host.isGroup ? { width: g.host.width, height: g.host.height } : HOST_EMPTY;
    return g.members.length === 0
      ? { id: `__${g.host?.id ?? "loose"}`, ...box }
      : {
          id: `__${g.host?.id ?? "loose"}`,
          layoutOptions: { ...HOST, "elk.layered.spacing.nodeNodeBetweenLayers": layerGap(labels) },
          children: g.members.map((m) => ({ id: m.id, ...(size.get(m.id) ?? { width: m.width, height: m.height }) })),
          edges,
        };
  });
  const result = await elk.layout({
    id: "__root",
    layoutOptions: { "elk.algorithm": "fixed" },
    children: roots,
    edges: [],
  });
  const laid = groups.map((g, i): LaidHost => {
    const r = result.children?.[i];
    return {
      host: g.host,
      width: Math.max(r?.width ?? HOST_EMPTY.width, g.host ? hostTitleWidth(g.host.id) : 0),
      height: r?.height ?? HOST_EMPTY.height,
      members: r?.children ?? [],
    };
  });

  packHosts(laid, out);
  return out;
}

interface LaidHost {
  host: GraphNode | null;
  width: number;
  height: number;
  members: ElkNode[];
}

/** Shelf packing: rows about as wide as the whole drawing is tall, in model order. */
function packHosts(laid: LaidHost[], out: Map<string, Positioned>): void {
  const area = laid.reduce((s, g) => s + g.width * g.height, 0);
  const rowWidth = Math.max(0, ...laid.map((g) => g.width), Math.sqrt(area) * 1.6);
  let x = 0;
  let y = 0;
  let rowHeight = 0;
  for (const g of laid) {
    if (x > 0 && x + g.width > rowWidth) {
      x = 0;
      y += rowHeight + GAP;
      rowHeight = 0;
    }
    if (g.host) out.set(g.host.id, { id: g.host.id, x, y, width: g.width, height: g.height });
    // Members are relative to their host; loose ones are absolute.
    const dx = g.host ? 0 : x;
    const dy = g.host ? 0 : y;
    for (const m of g.members) {
      out.set(m.id, { id: m.id, x: dx + (m.x ?? 0), y: dy + (m.y ?? 0), width: m.width ?? 0, height: m.height ?? 0 });
    }
    x += g.width + GAP;
    rowHeight = Math.max(rowHeight, g.height);
  }
}
