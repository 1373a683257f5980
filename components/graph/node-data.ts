import type { Node } from "@xyflow/react";
import type { HostSummary } from "@/lib/graph/model";
import type { TopologyElement } from "@/lib/topology/schema";

/** Thin data: the element as built; colours and counts are looked up when the node is made. */
export interface ElementNodeData extends Record<string, unknown> {
  element: TopologyElement;
  colour?: string;
  /** set on elements that have an error or warning finding */
  problem?: "error" | "warning";
}

export interface FoldNodeData extends Record<string, unknown> {
  members: string[];
  networks: string[];
  colours: Record<string, string>;
}

export type HostNode = Node<ElementNodeData, "host">;
export type PodNode = Node<ElementNodeData, "pod">;
export type InterfaceNode = Node<ElementNodeData, "interface">;
export type PointNode = Node<ElementNodeData, "point">;
export type FoldNode = Node<FoldNodeData, "fold">;

export interface HostSummaryNodeData extends Record<string, unknown> {
  element: TopologyElement;
  summary: HostSummary;
  colours: Record<string, string>;
}
export type HostSummaryNode = Node<HostSummaryNodeData, "hostSummary">;
export type GraphFlowNode = HostNode | PodNode | InterfaceNode | PointNode | FoldNode | HostSummaryNode;
