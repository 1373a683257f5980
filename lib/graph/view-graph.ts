import type { Topology } from "../contract/schema";
import type { View } from "./explorer-state";
import { type GraphModel, graphModel } from "./model";

/**
 * The graph of what a view shows. One function for the page (components/explorer/use-view-model.ts), a view it
 * fetches ahead (use-host-prefetch.ts) and the server laying out a host's view before the page asks
 * (server/host-layout.ts): the same input gives the same boxes, so a layout made by any of them fits the others.
 */
export function graphOf(
  shown: Topology,
  kind: View["kind"],
  showDefault: boolean,
  expanded: ReadonlySet<string>,
  colours: Map<string, string>,
): GraphModel {
  // Shared-L2 lines tell the story of one network; across a whole cluster they would be a tangle.
  return graphModel(shown, { showDefault, expanded, segments: kind === "network", colours });
}
