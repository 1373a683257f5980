import { compareCodePoints } from "../compare";
import type { Finding } from "../contract/schema";
import { type ListChange, listChangeOf } from "../k8s/keyed-list";
import { type KubeObject, keyOf } from "../k8s/objects";
import { type IntakeKind, intake } from "../topology/intake";
import { work } from "./work";

type Put = (rawKey: string, obj: KubeObject | undefined, old: KubeObject | undefined) => void;

interface Group {
  raws: Map<string, KubeObject>;
  chosen: KubeObject | undefined;
  refused: Finding[];
}

/**
 * The build's intake stage (refuse names Kubernetes would refuse, "default" namespace, one copy per object), run
 * per object key as objects change instead of over every object of the kind: intake() itself judges each group
 * of copies, so the rules live in one place.
 */
export class KindIntake {
  private readonly raws = new Map<string, KubeObject>();
  /**
   * each object held in `raws` with its key and the last sync whose list held it: an object the source hands again is
   * known by identity, not keyed again, and marked (no set of 150,000 keys made and dropped per pod change)
   */
  private readonly held = new Map<KubeObject, { key: string; seen: number }>();
  private syncs = 0;
  /** the list last taken in: a source hands the same array for a kind that did not change */
  private last: readonly KubeObject[] | null = null;
  private readonly groups = new Map<string, Group>();
  private refusedNow: Finding[] | null = [];
  /** the refused objects changed since the last call */
  takeRefusedChange(): boolean {
    const changed = this.refusedChanged;
    this.refusedChanged = false;
    return changed;
  }
  private refusedChanged = false;

  constructor(private readonly kind: IntakeKind) {}

  private groupKey(o: KubeObject): string {
    return this.kind.namespaced ? `${o.metadata.namespace ?? "default"}/${o.metadata.name}` : o.metadata.name;
  }

  /**
   * Takes in the kind's objects; calls `touched` with what an object key held before and holds now. The same list
   * costs nothing; a list made from the last one by a known change (keyed-list.ts) costs that change; another costs
   * an identity check per object, and only the objects new or changed are keyed and judged (work.judged).
   */
  sync(list: readonly KubeObject[], touched: (before: KubeObject | undefined, after: KubeObject | undefined) => void) {
    if (list === this.last) return false;
    const change = listChangeOf(list);
    const dirty = new Set<string>();
    const put = (rawKey: string, obj: KubeObject | undefined, old: KubeObject | undefined) => {
      const which = obj ?? old;
      if (!which) return;
      const key = this.groupKey(which);
      const g = this.groups.get(key) ?? { raws: new Map(), chosen: undefined, refused: [] };
      this.groups.set(key, g);
      if (obj) g.raws.set(rawKey, obj);
      else g.raws.delete(rawKey);
      dirty.add(key);
    };
    if (change && this.last !== null && change.base === this.last) this.changed(change, put);
    else this.whole(list, put);
    this.last = list;
    for (const key of dirty) {
      const g = this.groups.get(key);
      if (!g) continue;
      const before = g.chosen;
      const refused: Finding[] = [];
      g.chosen = intake([...g.raws.values()], this.kind, refused)[0];
      if (refused.length || g.refused.length) {
        this.refusedNow = null;
        this.refusedChanged = true;
      }
      g.refused = refused;
      if (g.raws.size === 0) this.groups.delete(key);
      if (before !== g.chosen) touched(before, g.chosen);
    }
    return dirty.size > 0;
  }

  /** The list the last one was turned into by `change`: only what it took out and put in is looked at. */
  private changed(change: ListChange, put: Put): void {
    for (const old of change.gone) {
      const held = this.held.get(old);
      if (held === undefined) continue;
      this.raws.delete(held.key);
      this.held.delete(old);
      put(held.key, undefined, old);
    }
    for (const obj of change.put) this.take(obj, this.syncs, put);
  }

  /** Another list: each object checked by identity, the new or changed ones keyed, those no longer listed let go. */
  private whole(list: readonly KubeObject[], put: Put): void {
    const now = ++this.syncs;
    work.checked += list.length;
    /** the keys of `raws` this list holds, each counted once */
    let seen = 0;
    for (const obj of list) {
      const known = this.held.get(obj);
      if (known !== undefined) {
        if (known.seen !== now) seen++;
        known.seen = now;
        continue;
      }
      const old = this.raws.get(keyOf(obj));
      if (old === undefined || this.held.get(old)?.seen !== now) seen++;
      this.take(obj, now, put);
    }
    if (seen === this.raws.size) return;
    for (const [rawKey, old] of this.raws) {
      if (this.held.get(old)?.seen === now) continue;
      this.raws.delete(rawKey);
      this.held.delete(old);
      put(rawKey, undefined, old);
    }
  }

  /** An object not held: keyed and held in place of the one of its key (maybe earlier in the same list). */
  private take(obj: KubeObject, now: number, put: Put): void {
    work.judged++;
    const rawKey = keyOf(obj);
    const old = this.raws.get(rawKey);
    if (old && this.groupKey(old) !== this.groupKey(obj)) put(rawKey, undefined, old);
    if (old) this.held.delete(old);
    this.raws.set(rawKey, obj);
    this.held.set(obj, { key: rawKey, seen: now });
    put(rawKey, obj, old);
  }

  /** Some object of this key came in, taken in or refused. */
  has(key: string): boolean {
    return this.groups.has(key);
  }

  get(key: string): KubeObject | undefined {
    return this.groups.get(key)?.chosen;
  }

  /** The objects taken in, in the build's order (code points of their keys). */
  sorted(): KubeObject[] {
    work.listed += this.groups.size;
    return [...this.groups.entries()]
      .filter(([, g]) => g.chosen)
      .sort(([a], [b]) => compareCodePoints(a, b))
      .flatMap(([, g]) => (g.chosen ? [g.chosen] : []));
  }

  get size(): number {
    return this.groups.size;
  }

  /** The objects left out, as the build reports them. */
  refused(): Finding[] {
    this.refusedNow ??= [...this.groups.values()]
      .flatMap((g) => g.refused)
      .sort((a, b) => compareCodePoints(a.message, b.message));
    return this.refusedNow;
  }
}
