import type { Topology } from "../topology/schema";

/** One colour per network, stable across renders: picked by the network's position in name order. */
const COLOURS = [
  "#2563eb",
  "#db2777",
  "#059669",
  "#d97706",
  "#7c3aed",
  "#0891b2",
  "#dc2626",
  "#4d7c0f",
  "#c026d3",
  "#0f766e",
  "#1e3a8a",
  "#9d174d",
  "#65a30d",
  "#b45309",
  "#4338ca",
  "#0e7490",
  "#991b1b",
  "#a16207",
  "#6d28d9",
  "#334155",
];

export function networkColours(networks: readonly string[]): Map<string, string> {
  const sorted = [...new Set(networks)].sort();
  return new Map(sorted.map((n, i) => [n, COLOURS[i % COLOURS.length] ?? "#64748b"]));
}

export const MUTED = "#94a3b8";

/** Colours for every network in a topology: the NADs, and networks pods ask for that have no NAD. */
export function topologyColours(t: Topology): Map<string, string> {
  return networkColours(
    t.elements.flatMap((e) =>
      e.kind === "network" ? [`${e.namespace}/${e.name}`] : e.kind === "interface" && !e.isDefault ? [e.network] : [],
    ),
  );
}
