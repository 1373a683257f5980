import type { Finding, TopologyElement, TopologyLink } from "../contract/schema";
import type { ShardResult } from "./shard";
import { work } from "./work";

/**
 * What a view asks of a shard before it reads its pods: the namespaces of its pods, the networks its pods'
 * interfaces are on, and its findings that can reach beyond it. Made once per shard result (a shard is rebuilt,
 * never changed), so a namespace or network view tells the shards it needs from the others without a pod scan.
 * The store's commit files every shard by these (shard-index.ts), so they are all it makes: what a view then reads
 * of the shards it needs is ShardParts, made when a view first asks.
 */
export interface ShardSummary {
  namespaces: ReadonlySet<string>;
  /** namespace/name of the network each interface is on */
  networks: ReadonlySet<string>;
  /**
   * The findings that name nothing (every view keeps them) or something outside this shard (a network, a workload):
   * the only ones of this shard a view that draws nothing of it can keep.
   */
  outward: readonly Finding[];
  /** `outward` as JSON: a rebuilt shard whose outward findings are the same touches no other view */
  outwardJson: string;
}

/**
 * What a namespace or network view reads of a shard it needs, instead of a scan of its pods and links. Made when a
 * view first asks, not by the commit: a cold start of 20k pods sends the cluster overview, and filing its ~100k links
 * under their ends for 500 shards was a tenth of the build after the last list (docs/performance.md "Cold start").
 */
export interface ShardParts {
  /** pod ids by namespace, and by the networks (namespace/name) their interfaces are on, in the shard's pod order */
  podsByNamespace: ReadonlyMap<string, readonly string[]>;
  podsByNetwork: ReadonlyMap<string, readonly string[]>;
  /** the host and its points: what is neither a pod nor an interface */
  points: readonly TopologyElement[];
  /** the links of each pod's element (the pod, its interfaces), under each end; and the links between points */
  podLinks: ReadonlyMap<string, readonly TopologyLink[]>;
  pointLinks: readonly TopologyLink[];
}

const summaries = new WeakMap<ShardResult, ShardSummary>();
const parts = new WeakMap<ShardResult, ShardParts>();

export function summaryOf(r: ShardResult): ShardSummary {
  const hit = summaries.get(r);
  if (hit) return hit;
  // the same pods and interfaces partsOf files, in the same order, without its maps
  const namespaces = new Set<string>();
  const networks = new Set<string>();
  for (const [podId, ids] of r.pods) {
    const pod = r.elements.get(podId);
    if (pod?.kind !== "pod") continue;
    namespaces.add(pod.namespace);
    for (const id of ids) {
      const el = r.elements.get(id);
      if (el?.kind === "interface") networks.add(el.network);
    }
  }
  const outward = r.findings.filter((f) => f.elements.length === 0 || f.elements.some((id) => !r.elements.has(id)));
  const summary: ShardSummary = { namespaces, networks, outward, outwardJson: JSON.stringify(outward) };
  summaries.set(r, summary);
  return summary;
}

/** Whether a shard's parts are made (the feed makes them ahead while idle: server/topology-feed.ts). */
export const hasParts = (r: ShardResult): boolean => parts.has(r);

export function partsOf(r: ShardResult): ShardParts {
  const hit = parts.get(r);
  if (hit) return hit;
  work.shardParts++;
  const podsByNamespace = new Map<string, string[]>();
  const podsByNetwork = new Map<string, string[]>();
  const podSide = new Map<string, string>();
  for (const [podId, ids] of r.pods) {
    const pod = r.elements.get(podId);
    if (pod?.kind !== "pod") continue;
    push(podsByNamespace, pod.namespace, podId);
    const nets = new Set<string>();
    for (const id of ids) {
      podSide.set(id, podId);
      const el = r.elements.get(id);
      if (el?.kind === "interface") nets.add(el.network);
    }
    for (const n of nets) push(podsByNetwork, n, podId);
  }
  const points: TopologyElement[] = [];
  for (const el of r.elements.values()) if (el.kind !== "pod" && el.kind !== "interface") points.push(el);
  const podLinks = new Map<string, TopologyLink[]>();
  const pointLinks: TopologyLink[] = [];
  const podEnd = (id: string) => podSide.has(id) || r.elements.get(id)?.kind === "interface";
  // each end once (a link from an element to itself is filed once); no arrays or sets per link: a cold start has 100k
  for (const l of r.links) {
    const source = podEnd(l.source);
    const target = l.target !== l.source && podEnd(l.target);
    if (!source && !target) pointLinks.push(l);
    if (source) push(podLinks, l.source, l);
    if (target) push(podLinks, l.target, l);
  }
  const made: ShardParts = { podsByNamespace, podsByNetwork, points, podLinks, pointLinks };
  parts.set(r, made);
  return made;
}

function push<T>(m: Map<string, T[]>, key: string, value: T): void {
  const list = m.get(key);
  if (list) list.push(value);
  else m.set(key, [value]);
}

/** Whether a shard holds a pod a namespace and/or network criterion can keep (a pod, or an interface on it). */
export function mayHold(r: ShardResult, c: { namespace?: string; network?: string }): boolean {
  const s = summaryOf(r);
  return (!c.namespace || s.namespaces.has(c.namespace)) && (!c.network || s.networks.has(c.network));
}
