import { refOf } from "../contract/ids";
import type { Topology } from "../contract/schema";

/**
 * Twenty hand-picked colours that read on light and dark backgrounds and stay apart from each other. A network's
 * colour is derived from its identity (a hash of namespace/name), not from its position in a list, so creating or
 * deleting another network does not repaint it.
 */
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

/** FNV-1a: a small, well-spread string hash, so similar names land on different colours. */
function hash(text: string): number {
  let h = 0x811c9dc5;
  for (let i = 0; i < text.length; i += 1) {
    h ^= text.charCodeAt(i);
    h = Math.imul(h, 0x01000193) >>> 0;
  }
  return h;
}

const hex = (v: number) =>
  Math.round(v * 255)
    .toString(16)
    .padStart(2, "0");

/** Past the twenty, further colours walk the hue circle by the golden angle, alternating two lightnesses. */
function generated(slot: number): string {
  const hue = (slot * 137.508) % 360;
  const l = slot % 2 === 0 ? 0.38 : 0.5;
  const a = 0.65 * Math.min(l, 1 - l);
  const f = (n: number) => {
    const k = (n + hue / 30) % 12;
    return l - a * Math.max(-1, Math.min(k - 3, 9 - k, 1));
  };
  return `#${hex(f(0))}${hex(f(8))}${hex(f(4))}`;
}

const colourAt = (slot: number): string => COLOURS[slot] ?? generated(slot);

/**
 * One colour per network, distinct among the networks given (pass those on screen). Each network asks for the slot
 * its hash picks; when two ask for the same one, the lower hash keeps it and the other takes the next free slot, so a
 * network only changes colour when a newcomer collides with it and wins, never because the list grew or shrank.
 */
export function networkColours(networks: readonly string[]): Map<string, string> {
  const names = [...new Set(networks)].sort();
  const byHash = names.map((name) => ({ name, h: hash(name) })).sort((a, b) => a.h - b.h);
  const taken = new Set<number>();
  const picked = new Map<string, string>();
  for (const { name, h } of byHash) {
    const n = COLOURS.length;
    // Once the twenty are used, the generated ones follow in order.
    let slot = taken.size < n ? h % n : taken.size;
    while (taken.has(slot)) slot = (slot + 1) % n;
    taken.add(slot);
    picked.set(name, colourAt(slot));
  }
  return new Map(names.map((name) => [name, picked.get(name) ?? colourAt(0)]));
}

export const MUTED = "#94a3b8";

/** Colours for every network in a topology: the NADs, and networks pods ask for that have no NAD. */
export function topologyColours(t: Topology, inUse: readonly string[] = []): Map<string, string> {
  return networkColours([
    ...t.elements.flatMap((e) =>
      e.kind === "network" ? [refOf(e)] : e.kind === "interface" && !e.isDefault ? [e.network] : [],
    ),
    // a view sent without its interfaces names the networks they use (ViewSnapshot.networksInUse)
    ...inUse,
  ]);
}
