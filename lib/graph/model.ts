import type { Topology, TopologyElement } from "../topology/schema";
import { MUTED, topologyColours } from "./palette";

/** A drawable box: leaves have a fixed size, groups (hosts, pods) are sized by the layout around their children. */
export interface GraphNode {
  id: string;
  kind: TopologyElement["kind"];
  parent: string | null;
  width: number;
  height: number;
  isGroup: boolean;
}

export interface GraphEdge {
  id: string;
  source: string;
  target: string;
  label: string;
  colour: string;
}

export interface GraphModel {
  nodes: GraphNode[];
  edges: GraphEdge[];
  colours: Map<string, string>;
}

export interface ModelOptions {
  /** draw the cluster's default network interface (eth0) too */
  showDefault: boolean;
}

const LEAF_SIZE: Partial<Record<TopologyElement["kind"], [number, number]>> = {
  interface: [210, 58],
  bridge: [170, 62],
  "macvlan-parent": [170, 62],
  "ipvlan-parent": [170, 62],
  "vlan-parent": [170, 62],
  "host-device": [170, 62],
  "sriov-pf": [170, 62],
};

/**
 * Topology → boxes and arrows. Hosts and pods become groups; networks are not boxes here (they are colours),
 * so a graph of many hosts stays a row of tidy islands instead of a web of cross-host edges.
 */
export function graphModel(t: Topology, opts: ModelOptions): GraphModel {
  const colours = topologyColours(t);
  const nodes: GraphNode[] = [];
  const kept = new Set<string>();
  for (const el of t.elements) {
    if (el.kind === "network") continue;
    if (el.kind === "interface" && el.isDefault && !opts.showDefault) continue;
    if (el.parent !== null && !kept.has(el.parent)) continue;
    const size = LEAF_SIZE[el.kind];
    nodes.push({ id: el.id, kind: el.kind, parent: el.parent, width: size?.[0] ?? 0, height: size?.[1] ?? 0, isGroup: !size });
    kept.add(el.id);
  }
  const byId = new Map(t.elements.map((e) => [e.id, e]));
  const edges: GraphEdge[] = t.links.flatMap((l) => {
    if (l.kind !== "attachment" || !kept.has(l.source) || !kept.has(l.target)) return [];
    const src = byId.get(l.source);
    const network = src?.kind === "interface" ? src.network : "";
    return [{ id: l.id, source: l.source, target: l.target, label: l.label ?? "", colour: colours.get(network) ?? MUTED }];
  });
  return { nodes, edges, colours };
}
