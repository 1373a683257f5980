import { compareCodePoints } from "../compare";
import { refOf } from "../contract/ids";
import { KIND_ORDER } from "../contract/kind-order";
import type { Finding, Topology, TopologyElement, TopologyLink } from "../contract/schema";
import { workloadOk } from "../match/filter";
import type { Commit } from "./commit";
import { summaryOf } from "./shard-summary";
import type { TopologyStore } from "./store";
import { shareOf, type ViewShare } from "./view-share";
import { work } from "./work";

type Criteria = { namespace?: string; network?: string };

/** The ids whose element or link may differ since the view's last state (each now present or gone). */
export interface AssembledChange {
  elements: Set<string>;
  links: Set<string>;
}

/**
 * A namespace or network view (drawView's answer for those criteria) kept by parts: each shard's share of it
 * (view-share.ts, memoised on the shard's result), the networks and workloads the criteria keep, the links between
 * kept ends, the findings. A commit that changes no shared element (a network, a workload, a finding outside shards)
 * costs the view the shares of the shards it rebuilt — old taken out, new put in — and says which ids to compare,
 * instead of assembling, filtering, sorting and comparing every element of the view. Equal to drawView(store, c)
 * (server/view-channel.test.ts follows every view kind through random changes and compares with a fresh read).
 */
export class AssembledView {
  private readonly shares = new Map<string, ViewShare>();
  /** the shards it draws from: those with a share (drawView's DrawnView.shards) */
  readonly shards = new Set<string>();
  /** every element kept, by id */
  readonly elements = new Map<string, TopologyElement>();
  /** every link of the shares (kept or not), and those with an end neither in its share nor a network */
  private readonly candidates = new Map<string, TopologyLink>();
  private readonly crossing = new Set<string>();
  readonly links = new Map<string, TopologyLink>();
  findings: Finding[] = [];
  /**
   * the findings kept, by the shard they come from (a drawn shard its own, another its outward ones) beside the
   * cluster-wide ones kept: drawView's findingsFor narrowed to what names a kept element or nothing. (A shard's name
   * may be "": the pods on no node.)
   */
  private readonly parts = new Map<string, Finding[]>();
  /** ids taken out by an update and not (yet) put back: an element that left the view */
  private gone: Set<string> | null = null;
  /** the cluster-wide findings as last read (their part holds those kept) */
  private global: Finding[] = [];
  private globalKept: Finding[] = [];
  private ordered: Topology | null = null;
  /** the shards whose share the last update changed (kept-overview.ts follows them) */
  lastChanged: string[] = [];
  /** the workloads kept (those of `elements`) */
  readonly workloads = new Set<string>();

  private constructor(private readonly c: Criteria) {}

  /** The view read whole: every shard the index says holds its pods. */
  static whole(store: TopologyStore, c: Criteria): AssembledView {
    const v = new AssembledView(c);
    for (const n of store.networks()) if (v.networkKept(n)) v.elements.set(n.id, n);
    for (const name of store.index.shardsFor(c)) {
      const r = store.shard(name);
      const share = r && shareOf(r, c);
      if (share) v.put(name, share, null);
    }
    v.keepWorkloads(store, null);
    for (const id of v.candidates.keys()) v.judgeLink(id);
    v.allFindings(store);
    return v;
  }

  /** After a commit that changed nothing shared (!commit.shared): only the shards it rebuilt are read. */
  update(store: TopologyStore, commit: Commit): AssembledChange {
    const change: AssembledChange = { elements: new Set(), links: new Set() };
    const held = store.index.shardsFor(this.c);
    const next = new Map<string, ViewShare | null>();
    for (const name of commit.shards) {
      const r = held.has(name) ? store.shard(name) : undefined;
      const share = (r && shareOf(r, this.c)) ?? null;
      if (share !== (this.shares.get(name) ?? null)) next.set(name, share);
    }
    // Every old share out before any new one in: a pod that moved host leaves one shard and joins another.
    this.gone = new Set();
    let came = false;
    for (const name of next.keys()) this.take(name, change);
    for (const [name, share] of next) if (share) came = this.put(name, share, change) || came;
    this.lastChanged = [...next.keys()];
    // An element that came or went: a workload may follow its pod, and a finding naming it may now be kept or not.
    const flipped = came || this.gone.size > 0;
    this.gone = null;
    if (flipped) this.keepWorkloads(store, change);
    for (const id of change.links) this.judgeLink(id);
    for (const id of this.crossing) if (this.judgeLink(id)) change.links.add(id);
    if (flipped) this.allFindings(store);
    else this.someFindings(store, commit.shards);
    this.ordered = null;
    return change;
  }

  /** A shard's share of the view, if it draws from it. */
  shareOf(name: string): ViewShare | undefined {
    return this.shares.get(name);
  }

  /** The findings by part: the cluster-wide ones kept (under `global`), then each shard's; each list kept until re-read. */
  *findingParts(global: string): Iterable<[string, readonly Finding[]]> {
    yield [global, this.globalKept];
    yield* this.parts;
  }

  /** The view as drawView sends it: elements by kind then id, links by id. */
  topology(): Topology {
    this.ordered ??= {
      elements: [...this.elements.values()].sort(
        (a, b) => KIND_ORDER[a.kind] - KIND_ORDER[b.kind] || compareCodePoints(a.id, b.id),
      ),
      links: [...this.links.values()].sort((a, b) => compareCodePoints(a.id, b.id)),
      findings: this.findings,
    };
    return this.ordered;
  }

  private networkKept(n: TopologyElement): boolean {
    if (n.kind !== "network") return false;
    return this.c.network ? refOf(n) === this.c.network : !!this.c.namespace && n.namespace === this.c.namespace;
  }

  /** Puts a shard's share in; true when an element came into the view that was not in it before the update. */
  private put(name: string, share: ViewShare, change: AssembledChange | null): boolean {
    this.shares.set(name, share);
    this.shards.add(name);
    let came = false;
    for (const e of share.elements) {
      work.viewElements++;
      this.elements.set(e.id, e);
      change?.elements.add(e.id);
      if (this.gone && !this.gone.delete(e.id)) came = true;
    }
    const own = new Set(share.elements.map((e) => e.id));
    for (const l of share.links) {
      work.viewElements++;
      this.candidates.set(l.id, l);
      change?.links.add(l.id);
      const away = (id: string) => !own.has(id) && !id.startsWith("network/");
      if (away(l.source) || away(l.target)) this.crossing.add(l.id);
    }
    return came;
  }

  /** Takes a shard's share out. */
  private take(name: string, change: AssembledChange): void {
    const share = this.shares.get(name);
    if (!share) return;
    this.shares.delete(name);
    this.shards.delete(name);
    for (const e of share.elements) {
      work.viewElements++;
      this.elements.delete(e.id);
      this.gone?.add(e.id);
      change.elements.add(e.id);
    }
    for (const l of share.links) {
      work.viewElements++;
      this.candidates.delete(l.id);
      this.crossing.delete(l.id);
      change.links.add(l.id);
    }
  }

  /** Whether a link is kept now (both ends kept); true when that changed. */
  private judgeLink(id: string): boolean {
    const l = this.candidates.get(id);
    const keep = l !== undefined && this.elements.has(l.source) && this.elements.has(l.target);
    const was = this.links.has(id);
    if (keep && l) this.links.set(id, l);
    else this.links.delete(id);
    return keep !== was;
  }

  /** Workloads kept by the criteria and the pods kept (filter.ts workloadOk); with a change, those that flipped. */
  private keepWorkloads(store: TopologyStore, change: AssembledChange | null): void {
    for (const w of store.workloads()) {
      if (w.kind !== "workload") continue;
      const keep = workloadOk(w, this.c, this.elements);
      if (keep === this.elements.has(w.id)) continue;
      if (keep) this.elements.set(w.id, w);
      else this.elements.delete(w.id);
      if (keep) this.workloads.add(w.id);
      else this.workloads.delete(w.id);
      change?.elements.add(w.id);
    }
  }

  private readonly kept = (f: Finding): boolean =>
    f.elements.length === 0 || f.elements.some((id) => this.elements.has(id));

  /** Every part read again: the view's first read, or an element came or went. */
  private allFindings(store: TopologyStore): void {
    this.parts.clear();
    this.globalPart(store.globalFindings());
    for (const name of this.shards) this.shardFindings(store, name);
    for (const name of store.index.outward) if (!this.shards.has(name)) this.shardFindings(store, name);
    this.findings = [...this.globalKept, ...[...this.parts.values()].flat()];
  }

  /**
   * The rebuilt shards' parts, and the cluster-wide one if any of its findings changed: no element came or went, so
   * what the other parts keep is the same.
   */
  private someFindings(store: TopologyStore, names: Iterable<string>): void {
    // A commit need not be `shared` to change these (an object refused, e.g.): compared by identity, re-read if any
    const global = store.globalFindings();
    if (global.length !== this.global.length || global.some((f, i) => f !== this.global[i])) this.globalPart(global);
    for (const name of names) this.shardFindings(store, name);
    this.findings = [...this.globalKept, ...[...this.parts.values()].flat()];
  }

  private globalPart(global: Finding[]): void {
    this.global = global;
    this.globalKept = global.filter(this.kept);
  }

  /** A shard's part: all its findings kept when it is drawn, else its outward ones (those naming elsewhere). */
  private shardFindings(store: TopologyStore, name: string): void {
    const r = store.shard(name);
    this.parts.delete(name);
    if (!r) return;
    if (this.shards.has(name)) this.parts.set(name, r.findings.filter(this.kept));
    else if (store.index.outward.has(name)) {
      work.outwardShards++;
      this.parts.set(name, summaryOf(r).outward.filter(this.kept));
    }
  }
}
