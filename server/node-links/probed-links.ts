// What "Inspect node links" found, kept per source (per identity: a user sees what they probed) and stood in for a
// node's NodeNetworkState only where that is missing or stale: kubernetes-nmstate's report wins when present and
// fresh, and the two are never merged. A result is dropped when its node changes (another uid: a new Node object;
// another bootID: a reboot) and replaced when the user inspects again or forgotten when they start over. They outlive
// the source: an idle source is closed after a minute, and the next one of the same identity finds them again
// (KeptProbes, below), so "kept until the node changes or you refresh" holds across that.
import type { KubeObject } from "@/lib/k8s/objects";
import type { ClusterSnapshot } from "@/lib/k8s/snapshot";
import { type Probe, probedNodeNetworkState } from "@/lib/node-links/to-nns";
import { isObject, str } from "@/lib/result";

/** A NodeNetworkState older than this is stale (kubernetes-nmstate's handler reports every minute or on change). */
export const NNS_FRESH_MS = 5 * 60_000;

interface Kept {
  probe: Probe;
  /** the Node as probed: a different one later means the links may be others */
  nodeUid: string | undefined;
  bootId: string | undefined;
  /** the stand-in object, made once so the store sees the same object until the result changes */
  object: KubeObject;
}

const bootIdOf = (node: KubeObject): string | undefined => {
  const info = isObject(node.status) && isObject(node.status.nodeInfo) ? node.status.nodeInfo : undefined;
  return info ? str(info.bootID) : undefined;
};

export function nnsIsFresh(nns: KubeObject, now: number): boolean {
  const at = isObject(nns.status) ? str(nns.status.lastSuccessfulUpdateTime) : undefined;
  // No time at all (a hand-written excerpt): it cannot be called stale.
  if (at === undefined) return true;
  const t = Date.parse(at);
  return Number.isNaN(t) || now - t < NNS_FRESH_MS;
}

export class ProbedLinks {
  private readonly kept = new Map<string, Kept>();
  private readonly listeners = new Set<() => void>();
  private version = 0;
  private cached?: { input: ClusterSnapshot; version: number; output: ClusterSnapshot };

  /** Called on every change (the source that shows them redraws); returns how to stop. */
  subscribe(listener: () => void): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  private changed(): void {
    for (const l of this.listeners) l();
  }

  /** The nodes with a kept result. */
  nodes(): string[] {
    return [...this.kept.keys()];
  }

  /** Keeps a probe's result for its node (replacing an earlier one); `node` is the Node object as it was probed. */
  set(probe: Probe, node: KubeObject | undefined): void {
    this.kept.set(probe.node, {
      probe,
      nodeUid: node?.metadata.uid,
      bootId: node ? bootIdOf(node) : undefined,
      object: probedNodeNetworkState(probe),
    });
    this.version++;
    this.changed();
  }

  /** How many nodes' results are kept: none, and `apply` shows the snapshot as it is. */
  get size(): number {
    return this.kept.size;
  }

  /** The kept result for a node, if any (whether or not it is shown: a fresh NodeNetworkState wins). */
  get(node: string): Probe | undefined {
    return this.kept.get(node)?.probe;
  }

  /** Drops the kept results of `nodes` (all when none named); says which were dropped. */
  forget(nodes?: readonly string[]): string[] {
    const gone = (nodes ?? [...this.kept.keys()]).filter((n) => this.kept.delete(n));
    if (gone.length > 0) {
      this.version++;
      this.changed();
    }
    return gone;
  }

  /** The snapshot with each kept result standing in for its node's missing or stale NodeNetworkState. */
  apply(snap: ClusterSnapshot, now = Date.now()): ClusterSnapshot {
    if (this.kept.size === 0) return snap;
    const c = this.cached;
    if (c && c.input === snap && c.version === this.version) return c.output;
    const nodes = new Map(snap.nodes.map((n) => [n.metadata.name, n]));
    for (const [name, k] of [...this.kept]) {
      const node = nodes.get(name);
      // The node is gone or is another one now: what was probed says nothing about it any more.
      if (!node || node.metadata.uid !== k.nodeUid || bootIdOf(node) !== k.bootId) this.kept.delete(name);
    }
    const reported = new Map(snap.nodeNetworkStates.map((s) => [s.metadata.name, s]));
    const standIns = [...this.kept.values()].filter((k) => {
      const nns = reported.get(k.probe.node);
      return !nns || !nnsIsFresh(nns, now);
    });
    const replaced = new Set(standIns.map((k) => k.probe.node));
    const output =
      standIns.length === 0
        ? snap
        : {
            ...snap,
            nodeNetworkStates: [
              ...snap.nodeNetworkStates.filter((s) => !replaced.has(s.metadata.name)),
              ...standIns.map((k) => k.object),
            ],
          };
    this.cached = { input: snap, version: this.version, output };
    return output;
  }
}

/**
 * Probed links per identity, for the server's life: a source (one per identity) takes its identity's set when it
 * is made, so closing an idle source loses nothing. Keyed by the registry's identity key (a context name or a
 * token's hash, never a token); at most `max` identities, the one unused longest dropped first.
 */
export class KeptProbes {
  private readonly byIdentity = new Map<string, ProbedLinks>();

  constructor(private readonly max = 1000) {}

  of(identity: string): ProbedLinks {
    const links = this.byIdentity.get(identity) ?? new ProbedLinks();
    // Re-inserted: a Map keeps insertion order, so the first key is the one unused longest.
    this.byIdentity.delete(identity);
    this.byIdentity.set(identity, links);
    for (const oldest of this.byIdentity.keys()) {
      if (this.byIdentity.size <= this.max) break;
      this.byIdentity.delete(oldest);
    }
    return links;
  }
}
