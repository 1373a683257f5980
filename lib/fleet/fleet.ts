import { configDifferences } from "./config-diff";
import { fleetChecks } from "./fleet-findings";
import type { FleetCell, FleetCluster, FleetKindRow, FleetNetwork, FleetRow, FleetView } from "./schema";

/** Whether a cluster's networks in `namespace` were read: else what it holds there is unknown, never absent. */
export function unknownWhy(c: FleetCluster, namespace: string): string | null {
  if (c.state !== "live") return `${c.state}${c.reason ? `: ${c.reason}` : ""}`;
  if (c.known !== "all" && !c.known.includes(namespace))
    return `context ${c.context} may not list network-attachment-definitions in namespace ${namespace}`;
  return null;
}

/**
 * The fleet: one row per network namespace/name across the clusters (with drift between the configs of the
 * clusters that have it), one row per kind of network (type, link, VLAN, ranges), and the fleet's findings.
 * Clusters in the order given; rows sorted by key. Linear in the networks and wants of all clusters.
 */
export function buildFleet(clusters: readonly FleetCluster[]): FleetView {
  const byKey = new Map<string, (FleetNetwork | undefined)[]>();
  for (const [i, c] of clusters.entries()) {
    for (const n of c.networks) {
      const key = `${n.namespace}/${n.name}`;
      let cells = byKey.get(key);
      if (!cells) {
        cells = new Array(clusters.length).fill(undefined);
        byKey.set(key, cells);
      }
      cells[i] = n;
    }
  }
  // network → workload → the clusters where its template asks for it
  const wanted = new Map<string, Map<string, string[]>>();
  for (const c of clusters)
    for (const w of c.wants) {
      const byWorkload = wanted.get(w.network) ?? new Map<string, string[]>();
      const on = byWorkload.get(w.workload) ?? [];
      if (!on.includes(c.context)) on.push(c.context);
      byWorkload.set(w.workload, on);
      wanted.set(w.network, byWorkload);
      if (!byKey.has(w.network)) byKey.set(w.network, new Array(clusters.length).fill(undefined));
    }
  const wantedBy = (key: string) => [...(wanted.get(key) ?? [])].map(([w, on]) => `${w} on ${on.join(", ")}`);
  const rows = [...byKey.keys()].sort().map((key) => rowOf(key, byKey.get(key) ?? [], clusters, wantedBy(key)));
  return { clusters: [...clusters], rows, kinds: kindRows(clusters), findings: fleetChecks(clusters, rows) };
}

function rowOf(
  key: string,
  nets: readonly (FleetNetwork | undefined)[],
  clusters: readonly FleetCluster[],
  wantedBy: string[] = [],
): FleetRow {
  const slash = key.indexOf("/");
  const namespace = key.slice(0, slash);
  const name = key.slice(slash + 1);
  // Variants by how many clusters hold each config, most first (ties: the first cluster's first).
  const tally = new Map<string, number>();
  for (const n of nets) if (n) tally.set(n.config, (tally.get(n.config) ?? 0) + 1);
  const configs = [...tally.entries()].sort((a, b) => b[1] - a[1]).map(([c]) => c);
  const cells: FleetCell[] = clusters.map((c, i) => {
    const n = nets[i];
    if (n) return { kind: "present", network: n, variant: configs.indexOf(n.config) };
    const why = unknownWhy(c, namespace);
    return why ? { kind: "unknown", why } : { kind: "absent", wanted: wantedBy.length > 0 };
  });
  const holders = (config: string) =>
    clusters
      .filter((_, i) => nets[i]?.config === config)
      .map((c) => c.context)
      .join(", ");
  const differences = configDifferences(configs).map(
    (d) => `${d.path}: ${d.values.map((v, i) => `${v} on ${holders(configs[i] ?? "")}`).join("; ")}`,
  );
  return { key, namespace, name, cells, variants: configs.length, differences, wantedBy };
}

/** What a network is, whatever it is called: type, link, VLAN and ranges. */
export const kindKey = (n: FleetNetwork): string => [n.type, n.link ?? "", n.vlan ?? "", ...n.ranges].join("|");

function kindRows(clusters: readonly FleetCluster[]): FleetKindRow[] {
  const rows = new Map<string, FleetKindRow>();
  for (const [i, c] of clusters.entries()) {
    for (const n of c.networks) {
      const key = kindKey(n);
      let row = rows.get(key);
      if (!row) {
        row = {
          key,
          type: n.type,
          ...(n.link ? { link: n.link } : {}),
          ...(n.vlan !== undefined ? { vlan: n.vlan } : {}),
          ranges: n.ranges,
          cells: clusters.map((k) => (k.state === "live" && k.known === "all" ? [] : null)),
        };
        rows.set(key, row);
      }
      const cell = row.cells[i] ?? [];
      cell.push(`${n.namespace}/${n.name}`);
      row.cells[i] = cell;
    }
  }
  return [...rows.values()].sort((a, b) => (a.key < b.key ? -1 : a.key > b.key ? 1 : 0));
}
