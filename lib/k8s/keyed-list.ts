import { type KubeObject, keyOf } from "./objects";

/**
 * How a list was made from the one before it: `base` with `gone` taken out and `put` added (an object replaced is in
 * both). Every key is held once in each. The store's intake takes such a list by its change alone — one pod's change
 * costs one pod, not an identity check of each of 150,000 (lib/store/kind-intake.ts).
 */
export interface ListChange {
  base: readonly KubeObject[];
  put: readonly KubeObject[];
  gone: readonly KubeObject[];
}

const changes = new WeakMap<readonly KubeObject[], ListChange>();

/** The change a list was made by from the one before it, when a KeyedList made it. */
export const listChangeOf = (list: readonly KubeObject[]): ListChange | undefined => changes.get(list);

/**
 * A list of one kind's objects, each key (keyOf) held once, changed by key: each change makes a new list (a list
 * handed out must never be changed: typed KubeObject[] only as ClusterSnapshot's slots are), copied natively, with its change remembered beside it. Order: an object replaced
 * keeps its place, a new one is appended, one taken out closes its gap (the order the build ignores: it sorts by key).
 */
export class KeyedList {
  private constructor(
    private current: KubeObject[],
    private readonly byKey: Map<string, KubeObject>,
  ) {}

  /** The list as a KeyedList; null when two of its objects share a key (it is then only ever made whole). */
  static of(list: KubeObject[]): KeyedList | null {
    const byKey = new Map<string, KubeObject>();
    for (const o of list) {
      const key = keyOf(o);
      if (byKey.has(key)) return null;
      byKey.set(key, o);
    }
    return new KeyedList(list, byKey);
  }

  get list(): KubeObject[] {
    return this.current;
  }

  get(key: string): KubeObject | undefined {
    return this.byKey.get(key);
  }

  /** The list with `put` in (each replacing the object of its key) and the objects of `goneKeys` out. */
  change(put: readonly KubeObject[], goneKeys: readonly string[]): KubeObject[] {
    if (put.length === 0 && goneKeys.length === 0) return this.current;
    const next = this.current.slice();
    /** each key touched, with what the list held under it before this change */
    const before = new Map<string, KubeObject | undefined>();
    const touch = (key: string, old: KubeObject | undefined) => {
      if (!before.has(key)) before.set(key, old);
    };
    for (const key of goneKeys) {
      const old = this.byKey.get(key);
      if (!old) continue;
      touch(key, old);
      next.splice(next.indexOf(old), 1);
      this.byKey.delete(key);
    }
    for (const o of put) {
      const key = keyOf(o);
      const old = this.byKey.get(key);
      touch(key, old);
      if (old === o) continue;
      if (old) next[next.indexOf(old)] = o;
      else next.push(o);
      this.byKey.set(key, o);
    }
    const [putNow, gone]: [KubeObject[], KubeObject[]] = [[], []];
    for (const [key, old] of before) {
      const now = this.byKey.get(key);
      if (now === old) continue;
      if (old) gone.push(old);
      if (now) putNow.push(now);
    }
    if (putNow.length === 0 && gone.length === 0) return this.current;
    changes.set(next, { base: this.current, put: putNow, gone });
    this.current = next;
    return next;
  }
}
