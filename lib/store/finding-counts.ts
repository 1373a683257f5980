import type { Finding } from "../contract/schema";
import type { ProblemCounts } from "../overview/schema";
import { CELL, zero } from "./overview";
import type { Place } from "./share-count";

/** A finding as counted: each host, network and cell it touches, once. */
interface Slot {
  f: Finding;
  hosts: string[];
  nets: string[];
  cells: string[];
}

const bumpCounts = (m: Map<string, ProblemCounts>, k: string, f: Finding, by: 1 | -1): void => {
  const c = m.get(k) ?? zero();
  const now = { ...c, [f.severity]: c[f.severity] + by };
  if (now.error + now.warning + now.info === 0) m.delete(k);
  else m.set(k, now);
};

/**
 * The problem counts of a view's findings by host, network and cell, kept by finding: each finding counted once per
 * host, network and cell it touches (as clusterOverview counts them), by the parts they come in (the cluster-wide
 * findings, each shard's). A part that is a new list is matched by identity (only new findings are placed), and a
 * finding naming an element whose host or networks moved is placed again: a change costs what it touched.
 */
export class FindingCounts {
  readonly hosts = new Map<string, ProblemCounts>();
  readonly nets = new Map<string, ProblemCounts>();
  readonly cells = new Map<string, ProblemCounts>();
  private readonly slots = new Map<string, { list: readonly Finding[]; slots: Slot[] }>();
  private readonly naming = new Map<string, Set<Slot>>();

  constructor(
    private readonly placeOf: (id: string) => Place | undefined,
    /** a host whose counts changed; a cell counted (by 1) or no more (by -1) */
    private readonly touched: { host(id: string): void; cell(key: string, by: number): void },
  ) {}

  /** The findings naming these elements (whose place moved) placed again. */
  recount(ids: Iterable<string>): void {
    const again = new Set<Slot>();
    for (const id of ids) for (const s of this.naming.get(id) ?? []) again.add(s);
    for (const s of again) {
      this.count(s, -1);
      this.unname(s);
      Object.assign(s, this.slotOf(s.f));
      this.name(s);
      this.count(s, 1);
    }
  }

  private slotOf(f: Finding): Slot {
    const hosts = new Set<string>();
    const nets = new Set<string>();
    const cells = new Set<string>();
    for (const id of f.elements) {
      const p = this.placeOf(id);
      if (!p) continue;
      if (p.host) hosts.add(p.host);
      for (const n of p.nets) {
        nets.add(n);
        if (p.host) cells.add(`${p.host}${CELL}${n}`);
      }
    }
    return { f, hosts: [...hosts], nets: [...nets], cells: [...cells] };
  }

  private count(s: Slot, by: 1 | -1): void {
    for (const h of s.hosts) {
      bumpCounts(this.hosts, h, s.f, by);
      this.touched.host(h);
    }
    for (const n of s.nets) bumpCounts(this.nets, n, s.f, by);
    for (const c of s.cells) {
      bumpCounts(this.cells, c, s.f, by);
      this.touched.cell(c, by);
    }
  }

  private name(s: Slot): void {
    for (const id of s.f.elements) {
      let set = this.naming.get(id);
      if (!set) {
        set = new Set();
        this.naming.set(id, set);
      }
      set.add(s);
    }
  }

  private unname(s: Slot): void {
    for (const id of s.f.elements) {
      const set = this.naming.get(id);
      set?.delete(s);
      if (set?.size === 0) this.naming.delete(id);
    }
  }

  /** Each part of the view's findings that is not the list it was: its findings matched by identity, the rest counted. */
  sync(parts: Iterable<[string, readonly Finding[]]>): void {
    const seen = new Set<string>();
    for (const [key, list] of parts) {
      seen.add(key);
      const was = this.slots.get(key);
      if (was?.list === list) continue;
      const old = new Map<Finding, Slot[]>();
      for (const s of was?.slots ?? []) old.set(s.f, [...(old.get(s.f) ?? []), s]);
      const slots = list.map((f) => {
        const kept = old.get(f)?.pop();
        if (kept) return kept;
        const s = this.slotOf(f);
        this.name(s);
        this.count(s, 1);
        return s;
      });
      for (const rest of old.values()) for (const s of rest) this.drop(s);
      this.slots.set(key, { list, slots });
    }
    for (const [key, was] of this.slots) {
      if (seen.has(key)) continue;
      for (const s of was.slots) this.drop(s);
      this.slots.delete(key);
    }
  }

  private drop(s: Slot): void {
    this.count(s, -1);
    this.unname(s);
  }
}
