import { type KubeObject, keyOf } from "../../k8s/objects";
import type { ClusterSnapshot } from "../../k8s/snapshot";
import type { Finding } from "../schema";
import { shardOf } from "./shard";

/** What changed between two snapshots, found by object identity: sources hand out a new object per change. */
export interface InputChanges {
  /** node names whose shard must be built again */
  shards: Set<string>;
  networks: boolean;
  pools: boolean;
  /** pods came or went (pool allocations are judged against the set of pods) */
  podSet: boolean;
  notes: boolean;
}

type Keyed = Map<string, KubeObject>;

/** The objects the store was last given, by key, with the pods also grouped by node. */
export class Inputs {
  readonly nodes: Keyed = new Map();
  readonly states: Keyed = new Map();
  readonly pods: Keyed = new Map();
  readonly nads: Keyed = new Map();
  readonly pools: Keyed = new Map();
  readonly podsByShard = new Map<string, Keyed>();
  operatorNetwork: KubeObject | null = null;
  notes: Finding[] = [];
  incomplete: string[] = [];

  /** Takes in a snapshot; the changes say which parts of the topology it touches. */
  sync(snap: ClusterSnapshot): InputChanges {
    const c: InputChanges = { shards: new Set(), networks: false, pools: false, podSet: false, notes: false };
    syncMap(this.nodes, snap.nodes, (o) => c.shards.add(o.metadata.name));
    syncMap(this.states, snap.nodeNetworkStates, (o) => c.shards.add(o.metadata.name));
    c.networks = syncMap(this.nads, snap.nads, () => {});
    c.pools = syncMap(this.pools, snap.ipPools, () => {});
    c.podSet = this.syncPods(snap.pods, c.shards);
    if (snap.operatorNetwork !== this.operatorNetwork) {
      this.operatorNetwork = snap.operatorNetwork;
      c.networks = true;
    }
    if (JSON.stringify([snap.notes, snap.incomplete]) !== JSON.stringify([this.notes, this.incomplete])) {
      this.notes = snap.notes;
      this.incomplete = snap.incomplete;
      c.notes = true;
    }
    return c;
  }

  private syncPods(pods: readonly KubeObject[], shards: Set<string>): boolean {
    let podSet = false;
    const seen = new Set<string>();
    for (const pod of pods) {
      const key = keyOf(pod);
      seen.add(key);
      const before = this.pods.get(key);
      if (before === pod) continue;
      if (before) this.unplace(key, before, shards);
      else podSet = true;
      this.pods.set(key, pod);
      const shard = shardOf(pod);
      const group = this.podsByShard.get(shard) ?? new Map<string, KubeObject>();
      this.podsByShard.set(shard, group);
      group.set(key, pod);
      shards.add(shard);
    }
    if (seen.size !== this.pods.size) {
      for (const [key, pod] of this.pods) {
        if (seen.has(key)) continue;
        this.pods.delete(key);
        this.unplace(key, pod, shards);
        podSet = true;
      }
    }
    return podSet;
  }

  private unplace(key: string, pod: KubeObject, shards: Set<string>): void {
    const shard = shardOf(pod);
    const group = this.podsByShard.get(shard);
    group?.delete(key);
    if (group?.size === 0) this.podsByShard.delete(shard);
    shards.add(shard);
  }

  /** Every shard that has anything in it. */
  allShards(): Set<string> {
    return new Set([...this.nodes.keys(), ...this.states.keys(), ...this.podsByShard.keys()]);
  }
}

/** Brings `map` in line with `list`, calling `touched` for every object added, replaced or removed. */
function syncMap(map: Keyed, list: readonly KubeObject[], touched: (o: KubeObject) => void): boolean {
  let changed = false;
  const seen = new Set<string>();
  for (const obj of list) {
    const key = keyOf(obj);
    seen.add(key);
    const before = map.get(key);
    if (before === obj) continue;
    if (before) touched(before);
    touched(obj);
    map.set(key, obj);
    changed = true;
  }
  if (seen.size !== map.size) {
    for (const [key, obj] of map) {
      if (seen.has(key)) continue;
      map.delete(key);
      touched(obj);
      changed = true;
    }
  }
  return changed;
}
