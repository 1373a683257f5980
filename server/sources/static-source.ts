import { KeyedList } from "@/lib/k8s/keyed-list";
import { type KubeObject, keyOf } from "@/lib/k8s/objects";
import { type ClusterSnapshot, type SnapshotSlot, slotOf } from "@/lib/k8s/snapshot";
import type { SourceInfo, SourceStatus } from "@/lib/wire/payload";
import { MemoryWriter } from "../writers/memory-writer";
import type { ClusterWriter } from "../writers/types";
import { type ClusterSource, Listeners } from "./types";

/**
 * A snapshot held in memory: a file the user opened (read-only) or the embedded demo, whose writes
 * land here and are labelled as in-memory.
 */
export class StaticSource implements ClusterSource {
  private rev = 1;
  private readonly listeners = new Listeners();

  constructor(
    readonly info: SourceInfo,
    private snap: ClusterSnapshot,
  ) {}

  revision(): number {
    return this.rev;
  }
  snapshot(): ClusterSnapshot {
    return this.snap;
  }
  status(): SourceStatus {
    return { state: "static" };
  }
  ready(): Promise<void> {
    return Promise.resolve();
  }
  subscribe(listener: () => void): () => void {
    return this.listeners.add(listener);
  }
  async close(): Promise<void> {}

  private memoryWriter: MemoryWriter | null = null;
  writer(): ClusterWriter | null {
    if (this.info.writes !== "memory") return null;
    this.memoryWriter ??= new MemoryWriter(this);
    return this.memoryWriter;
  }

  /** Demo writes: create or replace an object. Refused for read-only snapshots. */
  put(obj: KubeObject): void {
    this.mutate(obj, (list) => [...list.filter((o) => keyOf(o) !== keyOf(obj)), obj], [obj], []);
  }

  remove(obj: Pick<KubeObject, "apiVersion" | "kind" | "metadata">): void {
    this.mutate(obj, (list) => list.filter((o) => keyOf(o) !== keyOf(obj)), [], [keyOf(obj)]);
  }

  /** each slot's list as a KeyedList (null: it names two objects alike), with the list it was made for */
  private readonly keyed = new Map<SnapshotSlot, { list: KubeObject[]; keyed: KeyedList | null }>();

  /**
   * The slot's list changed by key, its change handed to the store beside it (one pod's change costs the store one
   * pod, keyed-list.ts); a list that names two objects alike is filtered whole, as before.
   */
  private changed(slot: Exclude<SnapshotSlot, "operatorNetwork">, put: KubeObject[], gone: string[]) {
    const list = this.snap[slot];
    let at = this.keyed.get(slot);
    if (at?.list !== list) at = { list, keyed: KeyedList.of(list) };
    const next = at.keyed?.change(put, gone);
    if (next && at.keyed) this.keyed.set(slot, { list: next, keyed: at.keyed });
    else this.keyed.set(slot, at);
    return next;
  }

  private mutate(
    obj: Pick<KubeObject, "apiVersion" | "kind" | "metadata">,
    change: (list: KubeObject[]) => KubeObject[],
    put: KubeObject[],
    gone: string[],
  ): void {
    if (this.info.writes !== "memory") throw new Error(`${this.info.label} is read-only`);
    const slot = slotOf(obj.apiVersion, obj.kind);
    if (!slot) throw new Error(`${obj.kind} is not something the demo stores`);
    const next: ClusterSnapshot = { ...this.snap };
    if (slot === "operatorNetwork") {
      next.operatorNetwork = change(this.snap.operatorNetwork ? [this.snap.operatorNetwork] : [])[0] ?? null;
    } else {
      next[slot] = this.changed(slot, put, gone) ?? change(this.snap[slot]);
    }
    this.snap = next;
    this.rev++;
    this.listeners.emit();
  }
}
