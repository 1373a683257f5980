import { type Bounds, overlaps, rangeBounds } from "../topology/range-bounds";
import type { FleetCluster, FleetFinding, FleetNetwork, FleetRow } from "./schema";

const LISTED = 4;
const list = (items: readonly string[]): string =>
  items.length > LISTED ? `${items.slice(0, LISTED).join(", ")} and ${items.length - LISTED} more` : items.join(", ");

/**
 * What only the fleet can see: drift of one NAD across clusters, a network workloads ask for that a known cluster
 * lacks, ranges that overlap on the same kind of segment across clusters, and the clusters that could not be read.
 * A cluster that is not known (unreachable, forbidden, a namespace it may not list) is named as unknown, never as lacking.
 */
export function fleetChecks(clusters: readonly FleetCluster[], rows: readonly FleetRow[]): FleetFinding[] {
  const out: FleetFinding[] = [];
  for (const c of clusters) {
    if (c.state === "live") continue;
    out.push({
      severity: "warning",
      code: "fleet-cluster-unknown",
      message: `context ${c.context} is ${c.state}${c.reason ? ` (${c.reason})` : ""}: what it holds is unknown`,
      elements: [],
      clusters: [c.context],
    });
  }
  for (const row of rows) {
    const holders = clusters.filter((_, i) => row.cells[i]?.kind === "present").map((c) => c.context);
    const unknown = clusters.flatMap((c, i) => (row.cells[i]?.kind === "unknown" ? [c.context] : []));
    const notKnown = unknown.length ? `; not known on ${list(unknown)}` : "";
    if (row.variants > 1)
      out.push({
        severity: "warning",
        code: "fleet-network-drift",
        message: `network ${row.key} has ${row.variants} different configs on ${list(holders)}: ${differences(row.differences)}${notKnown}`,
        elements: [],
        clusters: holders,
      });
    const lacking = clusters.flatMap((c, i) => (row.cells[i]?.kind === "absent" ? [c.context] : []));
    if (row.wantedBy.length > 0 && lacking.length > 0)
      out.push({
        severity: "warning",
        code: "fleet-network-missing",
        message: `${list(lacking)} ${lacking.length > 1 ? "have" : "has"} no network ${row.key}, which ${list(row.wantedBy)} asks for${notKnown}`,
        elements: [],
        clusters: lacking,
      });
  }
  out.push(...overlapFindings(clusters));
  return out;
}

/** The first differences, the way a line of findings can hold them; the network's row lists them all. */
const differences = (all: readonly string[]): string =>
  all.length > 3 ? `${all.slice(0, 3).join("; ")}; and ${all.length - 3} more` : all.join("; ");

interface Placed {
  cluster: string;
  network: FleetNetwork;
  bounds: Bounds[];
}

/** Ranges on the same kind of segment (type, link, VLAN) of different clusters that share an address. */
function overlapFindings(clusters: readonly FleetCluster[]): FleetFinding[] {
  const bySegment = new Map<string, Placed[]>();
  for (const c of clusters)
    for (const n of c.networks) {
      if (!n.link || n.ranges.length === 0) continue;
      const bounds = n.ranges.flatMap((r) => boundsOfText(r) ?? []);
      const key = `${n.type} on ${n.link}${n.vlan !== undefined ? ` VLAN ${n.vlan}` : ""}`;
      bySegment.set(key, [...(bySegment.get(key) ?? []), { cluster: c.context, network: n, bounds }]);
    }
  const out: FleetFinding[] = [];
  for (const [segment, placed] of [...bySegment.entries()].sort((a, b) => (a[0] < b[0] ? -1 : 1))) {
    const pairs: string[] = [];
    const involved = new Set<string>();
    for (let i = 0; i < placed.length; i++)
      for (let j = i + 1; j < placed.length; j++) {
        const a = placed[i];
        const b = placed[j];
        if (!a || !b || a.cluster === b.cluster) continue;
        if (!a.bounds.some((x) => b.bounds.some((y) => overlaps(x, y)))) continue;
        pairs.push(`${describe(a)} and ${describe(b)}`);
        involved.add(a.cluster).add(b.cluster);
      }
    if (pairs.length === 0) continue;
    out.push({
      severity: "warning",
      code: "fleet-overlapping-ranges",
      message: `${segment}: ranges overlap across clusters (${list(pairs)}); each cluster allocates alone, so on a shared segment one address can go to two pods`,
      elements: [],
      clusters: [...involved].sort(),
    });
  }
  return out;
}

const describe = (p: Placed): string =>
  `${p.network.namespace}/${p.network.name} ${p.network.ranges.map(rangeText).join(", ")} on ${p.cluster}`;

/** A fleet network's range ("10.0.0.0/24 10.0.0.10-10.0.0.20") as people write it: "10.0.0.10–10.0.0.20 of 10.0.0.0/24". */
export function rangeText(range: string): string {
  const [subnet, span] = range.split(" ");
  return span ? `${span.replace("-", "–")} of ${subnet}` : range;
}

function boundsOfText(text: string): Bounds | null {
  const [subnet = "", span] = text.split(" ");
  const [start, end] = span?.split("-") ?? [];
  return rangeBounds({ subnet, ...(start && end ? { start, end } : {}), exclude: [] });
}
