import type { HostElement, NetworkElement } from "../contract/schema";
import type { ColumnWindow } from "../overview/columns";
import { compareHosts, type RowWindow } from "../overview/rows";
import type { ClusterOverview, OverviewCell, OverviewHost, ProblemCounts } from "../overview/schema";
import type { AssembledView } from "./assembled-view";
import { FindingCounts } from "./finding-counts";
import { CELL, cmp, netsOf, zero } from "./overview";
import { bump, countShare, type Part, type Place } from "./share-count";
import type { ViewShare } from "./view-share";
import { work } from "./work";

const GLOBAL = "\u0001global";

/**
 * The overview of a namespace or network view (the page's matrix: servedView's clusterOverview of what the filters
 * keep) kept by parts beside its AssembledView: each shard's share counted once (memoised on the share), summed, and
 * each finding's hosts, networks and cells counted once and kept. A change costs the shares it rebuilt, the findings
 * of those shards, and the findings naming an element whose host or networks moved — not a pass over the view's
 * elements, links and findings to index, count, and sort them (63 ms per change at 150,000 pods). Equal to
 * windowOf(clusterOverview(drawView)) (kept-overview.test.ts: random changes). `exact` false (a network or
 * attachment link across shards: never made by the shard stage today) says: make it whole instead.
 */
export class KeptOverview {
  private readonly memo = new WeakMap<ViewShare, Part>();
  private readonly parts = new Map<string, Part>();
  private readonly places = new Map<string, Place>();
  private readonly hostEls = new Map<string, HostElement>();
  private readonly hostPods = new Map<string, number>();
  private readonly hostInterfaces = new Map<string, number>();
  private readonly netPods = new Map<string, number>();
  private readonly cellPods = new Map<string, number>();
  private readonly inUse = new Map<string, number>();
  private pods = 0;
  private crossing = 0;
  private readonly problems = new FindingCounts((id) => this.placeOf(id), {
    host: (id) => this.dirty.add(id),
    cell: (key, by) => this.cellRef(key, by),
  });
  /** each host's cells with pods or problems: network ids (a cell's key is host CELL network) */
  private readonly hostCells = new Map<string, Map<string, number>>();
  private readonly rows = new Map<string, OverviewHost>();
  private readonly dirty = new Set<string>();
  private byName: OverviewHost[] | null = null;
  /** the view's networks (fixed: a change to any network reads the view whole, and makes a new KeptOverview) */
  readonly networks: NetworkElement[];

  constructor(private readonly a: AssembledView) {
    this.networks = [...a.elements.values()].filter((e): e is NetworkElement => e.kind === "network");
    for (const name of a.shards) {
      const share = a.shareOf(name);
      if (share) this.put(name, this.partOf(share));
    }
    this.problems.sync(a.findingParts(GLOBAL));
  }

  get exact(): boolean {
    return this.crossing === 0;
  }

  get hostCount(): number {
    return this.hostEls.size;
  }

  get podCount(): number {
    return this.pods;
  }

  /** The networks the view's non-default interfaces name, sorted. */
  networksInUse(): string[] {
    return [...this.inUse.keys()].sort();
  }

  /** After `a.update`: the shards whose share changed, then the findings. */
  update(): void {
    const ids = new Set<string>();
    const next = new Map<string, Part | null>();
    for (const name of this.a.lastChanged) {
      const share = this.a.shareOf(name);
      next.set(name, share ? this.partOf(share) : null);
    }
    const before = new Map<string, string | undefined>();
    const note = (p: Part | undefined | null) => {
      for (const id of p?.places.keys() ?? []) if (!before.has(id)) before.set(id, this.places.get(id)?.key);
    };
    for (const [name, part] of next) {
      note(this.parts.get(name));
      note(part);
    }
    // every old part out before any new one in: a pod that moved host leaves one shard and joins another
    for (const name of next.keys()) this.take(name);
    for (const [name, part] of next) if (part) this.put(name, part);
    for (const [id, was] of before) if (this.places.get(id)?.key !== was) ids.add(id);
    this.problems.sync(this.a.findingParts(GLOBAL));
    // a finding elsewhere naming an element whose host or networks moved is counted again
    this.problems.recount(ids);
  }

  /** windowOf(clusterOverview(the view's topology), w, c), from the kept parts. */
  overview(findings: number, w: RowWindow, c?: ColumnWindow): ClusterOverview {
    for (const id of this.dirty) {
      work.overviewRows++;
      const h = this.hostEls.get(id);
      if (!h) this.rows.delete(id);
      else
        this.rows.set(id, {
          id,
          name: h.name,
          pods: this.hostPods.get(id) ?? 0,
          interfaces: this.hostInterfaces.get(id) ?? 0,
          problems: this.problems.hosts.get(id) ?? zero(),
          linksObserved: h.linksObserved,
        });
    }
    if (this.dirty.size > 0) this.byName = null;
    this.dirty.clear();
    this.byName ??= [...this.rows.values()].sort(compareHosts("name"));
    const all = this.byName;
    const hosts = w.order === "name" ? all.slice(w.offset, w.offset + w.limit) : [...all].sort(compareHosts(w.order));
    const rows = w.order === "name" ? hosts : hosts.slice(w.offset, w.offset + w.limit);
    let withErrors = 0;
    for (const h of all) if (h.problems.error > 0) withErrors++;
    const nets = netsOf(this.networks, this.netSums(), this.problems.nets);
    const narrowed = c !== undefined && (c.offset > 0 || nets.length > c.limit);
    const networks = narrowed ? nets.slice(c.offset, c.offset + c.limit) : nets;
    const held = narrowed ? new Set(networks.map((n) => n.id)) : null;
    const columns = narrowed ? { columns: { offset: c.offset, count: nets.length } } : {};
    const cells: { key: string; cell: OverviewCell }[] = [];
    for (const h of rows) {
      for (const net of this.hostCells.get(h.id)?.keys() ?? []) {
        if (held && !held.has(net)) continue;
        const key = `${h.id}${CELL}${net}`;
        const problems = this.problems.cells.get(key) ?? zero();
        cells.push({ key, cell: { host: h.id, network: net, pods: this.cellPods.get(key) ?? 0, problems } });
      }
    }
    cells.sort((x, y) => cmp(x.key, y.key));
    return {
      hosts: rows,
      networks,
      cells: cells.map((x) => x.cell),
      totals: { hosts: this.hostEls.size, pods: this.pods, networks: nets.length, findings },
      window: { order: w.order, offset: w.offset, rows: all.length, withErrors, ...columns },
    };
  }

  private netSums(): Map<string, { pods: number; problems: ProblemCounts }> {
    const sums = new Map<string, { pods: number; problems: ProblemCounts }>();
    for (const [id, pods] of this.netPods) sums.set(id, { pods, problems: zero() });
    return sums;
  }

  private partOf(share: ViewShare): Part {
    const hit = this.memo.get(share);
    if (hit) return hit;
    const part = countShare(share, this.a.elements);
    this.memo.set(share, part);
    return part;
  }

  private put(name: string, part: Part): void {
    this.parts.set(name, part);
    this.apply(part, 1);
  }

  private take(name: string): void {
    const part = this.parts.get(name);
    if (!part) return;
    this.parts.delete(name);
    this.apply(part, -1);
  }

  private apply(p: Part, by: 1 | -1): void {
    this.pods += by * p.pods;
    if (p.crosses) this.crossing += by;
    for (const h of p.hosts) {
      if (by > 0) this.hostEls.set(h.id, h);
      else if (this.hostEls.get(h.id) === h) this.hostEls.delete(h.id);
      this.dirty.add(h.id);
    }
    for (const [k, n] of p.hostPods) {
      bump(this.hostPods, k, by * n);
      this.dirty.add(k);
    }
    for (const [k, n] of p.hostInterfaces) {
      bump(this.hostInterfaces, k, by * n);
      this.dirty.add(k);
    }
    for (const [k, n] of p.netPods) bump(this.netPods, k, by * n);
    for (const [k, n] of p.inUse) bump(this.inUse, k, by * n);
    for (const [k, n] of p.cellPods) {
      bump(this.cellPods, k, by * n);
      this.cellRef(k, by);
    }
    for (const [id, place] of p.places) {
      if (by > 0) this.places.set(id, place);
      else if (this.places.get(id) === place) this.places.delete(id);
    }
  }

  /** A cell held by pods or problems: counted per holder, so it leaves the host's cells with the last. */
  private cellRef(key: string, by: number): void {
    const [host = "", net = ""] = key.split(CELL);
    let cells = this.hostCells.get(host);
    if (!cells) {
      cells = new Map();
      this.hostCells.set(host, cells);
    }
    bump(cells, net, by);
    if (cells.size === 0) this.hostCells.delete(host);
  }

  private placeOf(id: string): Place | undefined {
    const p = this.places.get(id);
    if (p) return p;
    const e = this.a.elements.get(id);
    return e?.kind === "network" ? { host: undefined, nets: [id], key: "" } : undefined;
  }
}
