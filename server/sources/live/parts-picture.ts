import type { KubernetesObject } from "@kubernetes/client-node";
import { KeyedList } from "@/lib/k8s/keyed-list";
import { type KubeObject, keyOf } from "@/lib/k8s/objects";
import type { ClusterSnapshot } from "@/lib/k8s/snapshot";
import { type Part, type PartInformer, partsSnapshot, partsState, stamp } from "./parts";

type Stamps = WeakMap<KubernetesObject, KubeObject | null>;
type ListSlot = Exclude<keyof ClusterSnapshot, "operatorNetwork" | "notes" | "incomplete" | "absent">;

/** One informer's objects as a keyed list, and the keys its events touched since (the last event of each wins). */
interface Kept {
  keyed: KeyedList;
  touched: Map<string, KubernetesObject | null>;
}

/**
 * The live source's snapshot kept by its informers' events: each part's objects are read whole once (when it is first
 * shown), then each add, update and delete changes that part's list by key (keyed-list.ts), so one pod's change makes
 * a snapshot whose pods are the last list with that pod in — handed to the store by that change alone — and whose
 * other kinds are the lists it had. Before, every change stamped, keyed and copied every object of every kind
 * (partsSnapshot, which stays the reference: parts-picture.test.ts compares the two through random events).
 */
export class PartsPicture {
  /** each informer object stamped once, so snapshots hand the incremental store the same object until it changes */
  readonly stamps: Stamps = new WeakMap();
  private readonly kept = new WeakMap<PartInformer, Kept>();
  /** a kind read by several parts (fallback namespaces, event reasons): their lists, and what they made */
  private readonly joined = new Map<string, { lists: KubeObject[][]; list: KubeObject[] }>();

  /** An informer's event (client-node calls them after its cache changed): its object's key (as keyOf) is noted. */
  note(informer: PartInformer, raw: KubernetesObject, gone: boolean): void {
    const kept = this.kept.get(informer);
    if (!kept || !raw.metadata?.name) {
      if (kept) this.kept.delete(informer); // no key to change by: read whole next time
      return;
    }
    const { name, namespace } = raw.metadata;
    kept.touched.set(namespace ? `${namespace}/${name}` : name, gone ? null : raw);
  }

  /** An informer's event handler: the event noted, then `then` (the source's change). */
  noting(then: () => void): (informer: PartInformer, raw: KubernetesObject, gone: boolean) => void {
    return (informer, raw, gone) => {
      this.note(informer, raw, gone);
      then();
    };
  }

  /** The parts' snapshot: partsSnapshot's, each kind's list made again only when its objects changed. */
  snapshot(parts: readonly Part[], stamps: Stamps = this.stamps): ClusterSnapshot {
    // the notes, the operator's network, what is absent or incomplete: a pass over the parts, not their objects
    const operator = parts.filter((p) => p.resource.slot === "operatorNetwork");
    const snap = { ...partsSnapshot(operator, stamps), ...partsState(parts) };
    const bySlot = new Map<ListSlot, Part[]>();
    for (const part of parts) {
      const slot = part.resource.slot;
      if (slot === "operatorNetwork" || (part.state.kind !== "synced" && part.state.kind !== "error")) continue;
      bySlot.set(slot, [...(bySlot.get(slot) ?? []), part]);
    }
    for (const [slot, shown] of bySlot) {
      const lists = shown.map((p) => this.listOf(p, stamps));
      snap[slot] = lists.length === 1 && lists[0] ? lists[0] : this.join(slot, lists);
    }
    return snap;
  }

  /** A part's objects now: read whole the first time, then its list changed by what its events touched. */
  private listOf(part: Part, stamps: Stamps): KubeObject[] {
    const { informer, resource } = part;
    let kept = this.kept.get(informer);
    if (!kept) {
      const list: KubeObject[] = [];
      for (const raw of informer.list()) {
        const stamped = stamp(raw, resource, stamps);
        if (stamped) list.push(stamped);
      }
      const keyed = KeyedList.of(list);
      if (!keyed) return list; // (an informer's cache holds each key once)
      kept = { keyed, touched: new Map() };
      this.kept.set(informer, kept);
      return list;
    }
    if (kept.touched.size === 0) return kept.keyed.list;
    const put: KubeObject[] = [];
    const gone: string[] = [];
    for (const [key, raw] of kept.touched) {
      const stamped = raw && stamp(raw, resource, stamps);
      if (stamped && keyOf(stamped) === key) put.push(stamped);
      else gone.push(key);
    }
    kept.touched.clear();
    return kept.keyed.change(put, gone);
  }

  /** Several parts' lists as one, each key once (the part listed first wins, as in partsSnapshot). */
  private join(slot: ListSlot, lists: KubeObject[][]): KubeObject[] {
    const was = this.joined.get(slot);
    if (was && was.lists.length === lists.length && was.lists.every((l, i) => l === lists[i])) return was.list;
    const seen = new Set<string>();
    const list: KubeObject[] = [];
    for (const l of lists)
      for (const o of l) {
        const key = keyOf(o);
        if (seen.has(key)) continue;
        seen.add(key);
        list.push(o);
      }
    this.joined.set(slot, { lists, list });
    return list;
  }
}
