import { compareCodePoints } from "../compare";
import { type KubeObject, keyOf } from "../k8s/objects";
import type { NetworkStage } from "./global-stage";
import { byKey, finishShard, type ShardInput, type ShardResult, type StartedShard, shardOf, startShard } from "./shard";

interface Streamed {
  started: StartedShard;
  node: KubeObject | undefined;
  state: KubeObject | undefined;
  /** the pods added, in the order they came */
  pods: KubeObject[];
  last: string;
}

/** a pod came out of key order, or adding one threw: the shard is built whole as before */
const BROKEN = "broken";

/** A node's object and its NodeNetworkState, as the store holds them when the stream starts. */
export interface NodeLookup {
  node(name: string): KubeObject | undefined;
  state(name: string): KubeObject | undefined;
}

/**
 * Shards built while the first round's pods stream in. The API server sends pods in namespace/name order, each
 * node's spread over the whole List, and a shard adds its pods in that same order: so once the networks and the
 * nodes are in, each pod is added to its node's shard as it arrives, and after the last pod only what reads a
 * shard's pods together is left (finishShard). A shard whose inputs at its build are not exactly what it streamed
 * from (a pod out of order, left out or another object; another node object or NodeNetworkState; a network stage
 * that builds shards otherwise) is built whole, so the store equals the full build either way.
 */
export class StreamBuild {
  private readonly shards = new Map<string, Streamed | typeof BROKEN>();

  constructor(
    private readonly stage: NetworkStage,
    private readonly nodes: NodeLookup,
  ) {}

  /** One pod as it streams in. */
  add(pod: KubeObject): void {
    const name = shardOf(pod);
    let s = this.shards.get(name);
    if (s === BROKEN) return;
    if (!s) {
      const node = this.nodes.node(name);
      const state = this.nodes.state(name);
      const started = startShard(node, state, this.stage.networks, this.stage.extras);
      s = { started, node, state, pods: [], last: "" };
      this.shards.set(name, s);
    }
    const key = keyOf(pod);
    try {
      if (s.pods.length > 0 && compareCodePoints(key, s.last) <= 0) throw new Error("out of order");
      s.started.adder.add(pod);
      s.last = key;
      s.pods.push(pod);
    } catch {
      // built whole instead (whatever threw here throws there again, where it is handled as before)
      this.shards.set(name, BROKEN);
    }
  }

  /** The shard built from what streamed in, finished with `input`; null when it must be built whole. */
  take(name: string, input: ShardInput, stage: NetworkStage, bridges: ReadonlySet<string>): ShardResult | null {
    const s = this.shards.get(name);
    this.shards.delete(name);
    if (!s || s === BROKEN || stage.reads !== this.stage.reads || input.node !== s.node || input.state !== s.state)
      return null;
    const pods = byKey(input.pods);
    if (pods.length !== s.pods.length || pods.some((p, i) => p !== s.pods[i])) return null;
    this.taken++;
    return finishShard(name, s.started, input, pods, bridges);
  }

  /** shards built from what streamed in (what tests count) */
  taken = 0;
}
