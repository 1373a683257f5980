import type { GraphModel } from "./model";

/** What decides where boxes go: ids, nesting, sizes (a group's footer too) and edges. Addresses and states do not move anything. */
export function structureKey(m: GraphModel): string {
  return `${m.nodes.map((n) => `${n.id}<${n.parent ?? ""}:${n.width}x${n.height}${n.footer ? `+${n.footer}` : ""}`).join("|")}#${m.edges.map((e) => e.id).join("|")}`;
}

/**
 * The layout's whole input: the structure and the edge labels (the longest one sets a host's gap between layers).
 * Two models with the same input key are laid out to the same positions (lib/graph/layout.ts is a pure function
 * of it), wherever ELK runs: the page's worker or the server (server/host-layout.ts).
 */
export const inputKey = (m: GraphModel, structure = structureKey(m)): string =>
  `${structure}#${m.edges.map((e) => e.label).join("|")}`;
