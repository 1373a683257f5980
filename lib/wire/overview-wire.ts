import { compareHosts } from "../overview/rows";
import type { ClusterOverview, OverviewCell, OverviewHost, OverviewNetwork, OverviewWindow } from "../overview/schema";
import { CELL_KEY_SEPARATOR, type OverviewDelta, type OverviewWire } from "./view-protocol";

const cellKey = (c: Pick<OverviewCell, "host" | "network">): string => `${c.host}${CELL_KEY_SEPARATOR}${c.network}`;
const cmp = (a: string, b: string): number => (a < b ? -1 : a > b ? 1 : 0);

/** 25,000 cells as objects with two ids each are megabytes; as index rows they are a few hundred kilobytes. */
export function encodeOverview(o: ClusterOverview): OverviewWire {
  const hostIndex = new Map(o.hosts.map((h, i) => [h.id, i]));
  const networkIndex = new Map(o.networks.map((n, i) => [n.id, i]));
  const cells = o.cells.flatMap((c) => {
    const h = hostIndex.get(c.host);
    const n = networkIndex.get(c.network);
    return h === undefined || n === undefined
      ? []
      : [[h, n, c.pods, c.problems.error, c.problems.warning, c.problems.info]];
  });
  return { hosts: o.hosts, networks: o.networks, cells, totals: o.totals, ...windowOf(o) };
}

/** The window's summary, when there is one (absent, not undefined: the wire's JSON and the tests' equality agree). */
const windowOf = (o: { window?: OverviewWindow | undefined }) => (o.window ? { window: o.window } : {});

export function decodeOverview(w: OverviewWire): ClusterOverview {
  const cells = w.cells.flatMap(([h = -1, n = -1, pods = 0, error = 0, warning = 0, info = 0]) => {
    const host = w.hosts[h]?.id;
    const network = w.networks[n]?.id;
    return host && network ? [{ host, network, pods, problems: { error, warning, info } }] : [];
  });
  return { hosts: w.hosts, networks: w.networks, cells, totals: w.totals, ...windowOf(w) };
}

/** What was last sent of an overview, by key; objects are compared by identity first, then by content. */
export interface SentOverview {
  hosts: Map<string, OverviewHost>;
  networks: Map<string, OverviewNetwork>;
  cells: Map<string, OverviewCell>;
  window?: OverviewWindow;
}

export function sentOverview(o: ClusterOverview): SentOverview {
  return {
    hosts: new Map(o.hosts.map((h) => [h.id, h])),
    networks: new Map(o.networks.map((n) => [n.id, n])),
    cells: new Map(o.cells.map((c) => [cellKey(c), c])),
    ...windowOf(o),
  };
}

function diffKeyed<T>(before: Map<string, T>, next: Map<string, T>) {
  const upsert: T[] = [];
  const remove: string[] = [];
  for (const [k, v] of next) {
    const old = before.get(k);
    if (old !== v && (old === undefined || JSON.stringify(old) !== JSON.stringify(v))) upsert.push(v);
  }
  for (const k of before.keys()) if (!next.has(k)) remove.push(k);
  return { upsert, remove };
}

/** The overview's changes since `before`; null when nothing changed. */
export function diffOverview(before: SentOverview, next: ClusterOverview): [OverviewDelta | null, SentOverview] {
  const now = sentOverview(next);
  const hosts = diffKeyed(before.hosts, now.hosts);
  const networks = diffKeyed(before.networks, now.networks);
  const cells = diffKeyed(before.cells, now.cells);
  const none =
    [hosts, networks, cells].every((d) => d.upsert.length === 0 && d.remove.length === 0) &&
    JSON.stringify(before.window) === JSON.stringify(now.window);
  return [none ? null : { hosts, networks, cells, totals: next.totals, ...windowOf(next) }, now];
}

/** Upserts or removes one keyed value in what was sent; returns what the delta says of it. */
function settleKey<T>(sent: Map<string, T>, key: string, now: T | undefined, d: { upsert: T[]; remove: string[] }) {
  const old = sent.get(key);
  if (now === undefined) {
    if (old !== undefined) d.remove.push(key);
    sent.delete(key);
    return;
  }
  if (old !== now && (old === undefined || JSON.stringify(old) !== JSON.stringify(now))) d.upsert.push(now);
  sent.set(key, now);
}

/**
 * diffOverview when only the given hosts and cells can differ from what was sent (the store says which: its
 * OverviewChange): the cost of what changed, not of every cell. `before` is updated in place and returned.
 */
export function diffOverviewChange(
  before: SentOverview,
  next: ClusterOverview,
  change: {
    hosts: ReadonlyMap<string, OverviewHost | undefined>;
    cells: ReadonlyMap<string, OverviewCell | undefined>;
  },
): [OverviewDelta | null, SentOverview] {
  const hosts: { upsert: OverviewHost[]; remove: string[] } = { upsert: [], remove: [] };
  const cells: { upsert: OverviewCell[]; remove: string[] } = { upsert: [], remove: [] };
  for (const [id, h] of change.hosts) settleKey(before.hosts, id, h, hosts);
  for (const [key, c] of change.cells) settleKey(before.cells, key, c, cells);
  const nets = new Map(next.networks.map((n) => [n.id, n]));
  const networks = diffKeyed(before.networks, nets);
  before.networks = nets;
  const none = [hosts, networks, cells].every((d) => d.upsert.length === 0 && d.remove.length === 0);
  return [none ? null : { hosts, networks, cells, totals: next.totals }, before];
}

/**
 * Applies a delta, keeping the order clusterOverview gives (hosts by name, networks by namespace/name, cells by key);
 * a window's hosts in its order.
 */
export function applyOverviewDelta(o: ClusterOverview, d: OverviewDelta): ClusterOverview {
  const s = sentOverview(o);
  for (const k of d.hosts.remove) s.hosts.delete(k);
  for (const h of d.hosts.upsert) s.hosts.set(h.id, h);
  for (const k of d.networks.remove) s.networks.delete(k);
  for (const n of d.networks.upsert) s.networks.set(n.id, n);
  for (const k of d.cells.remove) s.cells.delete(k);
  for (const c of d.cells.upsert) s.cells.set(cellKey(c), c);
  const window = d.window ?? o.window;
  return {
    hosts: [...s.hosts.values()].sort(compareHosts(window?.order ?? "name")),
    networks: [...s.networks.values()].sort(
      (a, b) => cmp(a.namespace, b.namespace) || cmp(a.name, b.name) || cmp(a.id, b.id),
    ),
    cells: [...s.cells.entries()].sort(([a], [b]) => cmp(a, b)).map(([, c]) => c),
    totals: d.totals,
    ...windowOf({ window }),
  };
}
