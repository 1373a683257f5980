import type { Finding, NetworkElement } from "../contract/schema";
import type { ColumnWindow } from "../overview/columns";
import { cutWindow, type RowWindow } from "../overview/rows";
import type { ClusterOverview, OverviewCell, OverviewHost, OverviewNetwork, ProblemCounts } from "../overview/schema";
import { GlobalProblems } from "./global-problems";
import { HostOrders } from "./host-orders";
import { CELL, cmp, type Lookup, netsOf, plus, shardOverview, zero } from "./overview";
import type { ShardResult } from "./shard";
import { work } from "./work";

/** What changed in an overview since `from`: each host and cell touched, with its value now (undefined: gone). */
export interface OverviewChange {
  from: ClusterOverview;
  hosts: ReadonlyMap<string, OverviewHost | undefined>;
  cells: ReadonlyMap<string, OverviewCell | undefined>;
}

const changes = new WeakMap<ClusterOverview, OverviewChange>();

/** How an overview the store made differs from the one before it, when it was made from that one. */
export const overviewChange = (o: ClusterOverview): OverviewChange | undefined => changes.get(o);

/** Past this share of the cells touched, the sorted cells are sorted again whole rather than spliced. */
const RESORT = 1 / 16;

/** What one refresh of the memo is given: the store's shards, networks and cluster-wide findings at a revision. */
export interface OverviewInputs {
  shards: Iterable<[string, ShardResult]>;
  networks: readonly NetworkElement[];
  global: () => Finding[];
  lookup: Lookup;
}

/**
 * The store's overview, kept by parts: each shard's share (made once per shard result) is added to running sums and
 * taken out again when its shard is rebuilt, so a commit that rebuilds one shard costs that shard's hosts and cells,
 * not the 25,000–75,000 cells of the whole cluster. Equal to mergeOverview of every share (the store's property test
 * compares it with clusterOverview of the full build). The hosts are kept in each row order and the cells by host
 * (host-orders.ts), so a row window (`window`: what the cluster view sends) is cut from them; the whole overview's
 * sorted hosts and cells (`of`) are made only when asked, from what changed since they were last made.
 */
export class OverviewMemo {
  private readonly shares = new WeakMap<ShardResult, ClusterOverview>();
  private readonly parts = new Map<string, ClusterOverview>();
  private readonly baseHosts = new Map<string, OverviewHost>();
  private readonly baseCells = new Map<string, OverviewCell>();
  private readonly netSums = new Map<string, { pods: number; problems: ProblemCounts }>();
  private readonly hosts = new Map<string, OverviewHost>();
  private readonly cells = new Map<string, OverviewCell>();
  /** each host's cells, in network order */
  private readonly byHost = new Map<string, { nets: string[]; cells: OverviewCell[] }>();
  private readonly orders = new HostOrders();
  private pods = 0;
  /** the cluster-wide findings' counts per host, network and cell */
  private readonly extra = new GlobalProblems();
  /** the networks and totals at `revision` (the revision the parts above are at) */
  private now: { revision: number; networks: OverviewNetwork[]; totals: ClusterOverview["totals"] } | null = null;
  /** the hosts and cells touched since the whole overview was last made (none kept before it is first asked for) */
  private readonly pending = { hosts: new Set<string>(), cells: new Set<string>() };
  private sorted: { keys: string[]; cells: OverviewCell[]; hosts: OverviewHost[] } = { keys: [], cells: [], hosts: [] };
  private at: { revision: number; value: ClusterOverview } | null = null;

  /** `inputs`: what the store holds now, read when the memo advances to a new revision. */
  constructor(private readonly inputs: () => OverviewInputs) {}

  /** The whole overview at `revision`. */
  of(revision: number): ClusterOverview {
    if (this.at?.revision === revision) return this.at.value;
    const { networks, totals } = this.advance(revision);
    const change = this.settleWhole();
    const value: ClusterOverview = { hosts: this.sorted.hosts, networks, cells: this.sorted.cells, totals };
    if (this.at) changes.set(value, { from: this.at.value, ...change });
    this.at = { revision, value };
    return value;
  }

  /**
   * windowOf(of(revision), w, c), cut from the hosts kept in order and the cells kept by host: what a change
   * costs is its own hosts and cells and the window's, not a sort of every host and a pass over every cell.
   */
  window(revision: number, w: RowWindow, c?: ColumnWindow): ClusterOverview {
    const { networks, totals } = this.advance(revision);
    const hosts = this.orders.slice(w.order, w.offset, w.limit);
    // in key order (host, then network: CELL sorts before any character of an id) without making a key per cell
    const cellsOf = (held: ReadonlySet<string> | null) => {
      const out: OverviewCell[] = [];
      for (const h of [...hosts].sort((a, b) => cmp(a.id, b.id))) {
        const row = this.byHost.get(h.id)?.cells ?? [];
        work.windowCells += row.length;
        for (const cell of row) if (held === null || held.has(cell.network)) out.push(cell);
      }
      return out;
    };
    const o = { hosts, networks, totals, rows: this.hosts.size, withErrors: this.orders.withErrors };
    return cutWindow(o, cellsOf, w, c);
  }

  /** The parts brought to `revision`: the shards rebuilt, new or gone taken out and put in. */
  private advance(revision: number) {
    if (this.now?.revision === revision) return this.now;
    const inputs = this.inputs();
    const touched = { hosts: new Set<string>(), cells: new Set<string>() };
    const byId = new Map(inputs.networks.map((n) => [n.id, n]));
    const seen = new Set<string>();
    /** the shards rebuilt, new or gone: the cluster-wide findings naming what they hold are read again */
    const changed = new Set<string>();
    let findings = 0;
    for (const [name, result] of inputs.shards) {
      seen.add(name);
      findings += result.findings.length;
      let part = this.shares.get(result);
      if (!part) {
        part = shardOverview(result, byId);
        this.shares.set(result, part);
      }
      const was = this.parts.get(name);
      if (was === part) continue;
      changed.add(name);
      if (was) this.take(was, -1, touched);
      this.take(part, 1, touched);
      this.parts.set(name, part);
    }
    for (const [name, was] of this.parts) {
      if (seen.has(name)) continue;
      changed.add(name);
      this.take(was, -1, touched);
      this.parts.delete(name);
    }
    const all = inputs.global();
    this.extra.update(all, changed, inputs.lookup, touched);
    this.settle(touched);
    this.now = {
      revision,
      networks: netsOf(inputs.networks, this.netSums, this.extra.networks),
      totals: {
        hosts: this.hosts.size,
        pods: this.pods,
        networks: inputs.networks.length,
        findings: findings + all.length,
      },
    };
    return this.now;
  }

  /** Adds (sign 1) or takes out (sign -1) one shard's share; what it touches is noted. */
  private take(part: ClusterOverview, sign: 1 | -1, touched: { hosts: Set<string>; cells: Set<string> }): void {
    this.pods += sign * part.totals.pods;
    for (const h of part.hosts) {
      touched.hosts.add(h.id);
      if (sign > 0) this.baseHosts.set(h.id, h);
      else if (this.baseHosts.get(h.id) === h) this.baseHosts.delete(h.id);
    }
    for (const c of part.cells) {
      const key = `${c.host}${CELL}${c.network}`;
      touched.cells.add(key);
      if (sign > 0) this.baseCells.set(key, c);
      else if (this.baseCells.get(key) === c) this.baseCells.delete(key);
    }
    for (const n of part.networks) {
      const sum = this.netSums.get(n.id) ?? { pods: 0, problems: zero() };
      const p = n.problems;
      const problems = plus(sum.problems, { error: sign * p.error, warning: sign * p.warning, info: sign * p.info });
      this.netSums.set(n.id, { pods: sum.pods + sign * n.pods, problems });
    }
  }

  /** The touched hosts and cells as they are now (their share plus the cluster-wide findings'), kept in order. */
  private settle(touched: { hosts: Set<string>; cells: Set<string> }): void {
    for (const id of touched.hosts) {
      const base = this.baseHosts.get(id);
      const more = this.extra.hosts.get(id);
      const now = base && more ? { ...base, problems: plus(base.problems, more) } : base;
      this.orders.replace(this.hosts.get(id), now);
      if (now) this.hosts.set(id, now);
      else this.hosts.delete(id);
      if (this.at) this.pending.hosts.add(id);
    }
    for (const key of touched.cells) {
      work.clusterCells++;
      const base = this.baseCells.get(key);
      const more = this.extra.cells.get(key);
      // a cell with a share names its host and network: only one without is split from its key (25k splits cold)
      const c = base ?? emptyCell(key);
      const now = more ? { ...c, problems: plus(c.problems, more) } : base;
      if (now) this.cells.set(key, now);
      else this.cells.delete(key);
      this.place(c.host, c.network, now);
      if (this.at) this.pending.cells.add(key);
    }
  }

  /** A host's cell on `network` put in, replaced or (undefined) taken out of its row, kept in network order. */
  private place(host: string, network: string, now: OverviewCell | undefined): void {
    let row = this.byHost.get(host);
    if (!row) {
      if (!now) return;
      row = { nets: [], cells: [] };
      this.byHost.set(host, row);
    }
    const at = lowerBound(row.nets, network);
    const here = row.nets[at] === network;
    if (now && here) row.cells[at] = now;
    else if (now) {
      row.nets.splice(at, 0, network);
      row.cells.splice(at, 0, now);
    } else if (here) {
      row.nets.splice(at, 1);
      row.cells.splice(at, 1);
      if (row.nets.length === 0) this.byHost.delete(host);
    }
  }

  /** The whole overview's sorted hosts and cells made again where they changed since last made; what changed. */
  private settleWhole(): Omit<OverviewChange, "from"> {
    const hosts = new Map<string, OverviewHost | undefined>();
    for (const id of this.pending.hosts) hosts.set(id, this.hosts.get(id));
    const cells = new Map<string, OverviewCell | undefined>();
    for (const key of this.pending.cells) cells.set(key, this.cells.get(key));
    this.pending.hosts.clear();
    this.pending.cells.clear();
    if (!this.at) {
      // asked for the first time: made whole (no change recorded: there is no overview before it)
      const keys = [...this.cells.keys()].sort(cmp);
      this.sorted = { hosts: this.orders.all(), keys, cells: keys.flatMap((k) => this.cells.get(k) ?? []) };
      return { hosts, cells };
    }
    if (hosts.size > 0) this.sorted.hosts = this.orders.all();
    if (cells.size > 0) this.sortCells(cells);
    return { hosts, cells };
  }

  private sortCells(changed: Map<string, OverviewCell | undefined>): void {
    if (changed.size > this.cells.size * RESORT + 16) {
      const keys = [...this.cells.keys()].sort(cmp);
      this.sorted = { ...this.sorted, keys, cells: keys.flatMap((k) => this.cells.get(k) ?? []) };
      return;
    }
    const keys = [...this.sorted.keys];
    const cells = [...this.sorted.cells];
    for (const [key, now] of changed) {
      const at = lowerBound(keys, key);
      const here = keys[at] === key;
      if (now && here) cells[at] = now;
      else if (now) {
        keys.splice(at, 0, key);
        cells.splice(at, 0, now);
      } else if (here) {
        keys.splice(at, 1);
        cells.splice(at, 1);
      }
    }
    this.sorted = { ...this.sorted, keys, cells };
  }
}

/** A cell no shard has a share of (only cluster-wide findings count there), from its key. */
function emptyCell(key: string): OverviewCell {
  const [host = "", network = ""] = key.split(CELL);
  return { host, network, pods: 0, problems: zero() };
}

/** The first place in sorted `keys` whose key is not below `key`. */
function lowerBound(keys: readonly string[], key: string): number {
  let lo = 0;
  let hi = keys.length;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if (cmp(keys[mid] ?? "", key) < 0) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}
