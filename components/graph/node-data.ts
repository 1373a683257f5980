import type { Node } from "@xyflow/react";
import type { TopologyElement } from "@/lib/topology/schema";

/** Thin data: the element itself is looked up by id from the topology the graph was built from. */
export interface ElementNodeData extends Record<string, unknown> {
  element: TopologyElement;
  colour?: string;
}

export type HostNode = Node<ElementNodeData, "host">;
export type PodNode = Node<ElementNodeData, "pod">;
export type InterfaceNode = Node<ElementNodeData, "interface">;
export type PointNode = Node<ElementNodeData, "point">;
