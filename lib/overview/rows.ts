import { z } from "zod";
import type { ColumnWindow } from "./columns";
import { type ClusterOverview, type HostOrder, hostOrderSchema, type OverviewHost, type ProblemCounts } from "./schema";

/**
 * The matrix's row window: at OpenShift's largest (2,000 hosts × hundreds of networks) the whole overview is megabytes,
 * while a screen shows some twenty rows. The page asks for the rows in sight in the order it draws them; the server
 * sorts every host, sends that window and a summary (how many rows, how many with errors), so the scrollbar, totals and
 * headers are right before any other row arrives.
 */

/** At most this many rows in one window: a tall screen shows ~50. */
export const MAX_ROWS = 500;
/** The page asks for windows aligned to this many rows, so a scroll asks again only past a page. */
export const ROW_PAGE = 50;

export const rowWindowSchema = z.object({
  order: hostOrderSchema,
  offset: z.number().int().nonnegative().max(1_000_000),
  limit: z.number().int().positive().max(MAX_ROWS),
});
export type RowWindow = z.infer<typeof rowWindowSchema>;

/** What a view asked without a window gets: the first screenful and a page below it, worst hosts first. */
export const DEFAULT_ROWS: RowWindow = { order: "problems", offset: 0, limit: 2 * ROW_PAGE };

const weight = (p: ProblemCounts) => p.error * 1_000_000 + p.warning * 1_000 + p.info;
const cmp = (a: string, b: string): number => (a < b ? -1 : a > b ? 1 : 0);
const byName = (a: OverviewHost, b: OverviewHost) => cmp(a.name, b.name) || cmp(a.id, b.id);

/** The order the matrix draws hosts in; ties keep name order. */
export function compareHosts(order: HostOrder): (a: OverviewHost, b: OverviewHost) => number {
  if (order === "name") return byName;
  const key = order === "pods" ? (h: OverviewHost) => h.pods : (h: OverviewHost) => weight(h.problems);
  return (a, b) => key(b) - key(a) || byName(a, b);
}

/** Hosts in the order asked for. */
export const orderHosts = (hosts: readonly OverviewHost[], order: HostOrder): OverviewHost[] =>
  [...hosts].sort(compareHosts(order));

/** The window a page whose rows `first`..`last` (exclusive) are in sight asks for: whole pages, one more below. */
export function windowFor(order: HostOrder, first: number, last: number): RowWindow {
  const offset = Math.floor(Math.max(0, first) / ROW_PAGE) * ROW_PAGE;
  const pages = Math.ceil(Math.max(1, last - offset) / ROW_PAGE) + 1;
  return { order, offset, limit: Math.min(MAX_ROWS, pages * ROW_PAGE) };
}

/**
 * The rows of an overview in `w`, with their cells, the networks in the column window `c` (when it leaves any out:
 * else every network), the totals and the summary of every row and column.
 */
export function windowOf(o: ClusterOverview, w: RowWindow, c?: ColumnWindow): ClusterOverview {
  const hosts = orderHosts(o.hosts, w.order).slice(w.offset, w.offset + w.limit);
  const ids = new Set(hosts.map((h) => h.id));
  let withErrors = 0;
  for (const h of o.hosts) if (h.problems.error > 0) withErrors++;
  const cellsOf = (held: ReadonlySet<string> | null) =>
    o.cells.filter((cell) => ids.has(cell.host) && (held === null || held.has(cell.network)));
  return cutWindow({ ...o, hosts, rows: o.hosts.length, withErrors }, cellsOf, w, c);
}

/**
 * windowOf of an overview whose rows in `w` are cut already (`o.hosts`, in order), given how many rows there are and
 * how many with errors, and those rows' cells in key order (`cellsOf`: of the networks held, null: of every one): the
 * column window cut and the summary added. The store keeps its overview's rows in order and its cells by host as it
 * changes (overview-memo.ts), so it cuts them without sorting every host or reading every cell.
 */
export function cutWindow(
  o: Omit<ClusterOverview, "cells" | "window"> & { rows: number; withErrors: number },
  cellsOf: (held: ReadonlySet<string> | null) => ClusterOverview["cells"],
  w: RowWindow,
  c?: ColumnWindow,
): ClusterOverview {
  const narrowed = c !== undefined && (c.offset > 0 || o.networks.length > c.limit);
  const networks = narrowed ? o.networks.slice(c.offset, c.offset + c.limit) : o.networks;
  const held = narrowed ? new Set(networks.map((n) => n.id)) : null;
  const columns = narrowed ? { columns: { offset: c.offset, count: o.networks.length } } : {};
  return {
    hosts: o.hosts,
    networks,
    cells: cellsOf(held),
    totals: o.totals,
    window: { order: w.order, offset: w.offset, rows: o.rows, withErrors: o.withErrors, ...columns },
  };
}
