import type { Node } from "@xyflow/react";
import type { HostElement, HostSideElement, InterfaceElement, PodElement } from "@/lib/contract/schema";

/** An element with an error or warning finding is ringed in that colour. */
export type Problem = "error" | "warning";

// Thin data, one shape per node type: the element as built, already of its kind, so a node component never narrows
// the whole element union again. Colours and problems are looked up when the node is made.
export type HostData = { element: HostElement };
/** rollout: its workload's template asks for other networks; the rollout has not replaced it yet */
export type PodData = { element: PodElement; problem?: Problem; rollout?: boolean };
export type InterfaceData = { element: InterfaceElement; colour?: string; problem?: Problem };
/** a host-side attachment point: bridge, macvlan/ipvlan/VLAN parent, host device or SR-IOV PF */
export type PointData = { element: HostSideElement; problem?: Problem };
export type FoldData = { members: string[]; networks: string[]; colours: Record<string, string> };

export type HostFlowNode = Node<HostData, "host">;
export type PodFlowNode = Node<PodData, "pod">;
export type InterfaceFlowNode = Node<InterfaceData, "interface">;
export type PointFlowNode = Node<PointData, "point">;
export type FoldFlowNode = Node<FoldData, "fold">;
export type GraphFlowNode = HostFlowNode | PodFlowNode | InterfaceFlowNode | PointFlowNode | FoldFlowNode;
