import { appendAll } from "../append";
import type { TopologyElement, TopologyLink } from "../contract/schema";
import { filterTopology } from "../match/filter";
import type { ShardResult } from "./shard";
import { partsOf } from "./shard-summary";
import { work } from "./work";

/** What one shard gives a namespace or network view: its kept pods, interfaces, points and host, and their links. */
export interface ViewShare {
  elements: readonly TopologyElement[];
  links: readonly TopologyLink[];
}

type ShareCriteria = { namespace?: string; network?: string };

/**
 * A shard result never changes (a change builds a new one), so its share of a view is computed once per criteria and
 * kept with it: a commit that rebuilds one shard costs a namespace or network view that shard's share, not a pass over
 * every shard the view draws from. The memo goes with the shard result (a WeakMap): one entry per view asked of it.
 */
const shares = new WeakMap<ShardResult, Map<string, ViewShare | null>>();

/** The shard's share of the view, or null when it holds no pod the criteria keep. */
export function shareOf(r: ShardResult, c: ShareCriteria): ViewShare | null {
  const key = JSON.stringify([c.namespace ?? "", c.network ?? ""]);
  let byCriteria = shares.get(r);
  if (!byCriteria) {
    byCriteria = new Map();
    shares.set(r, byCriteria);
  }
  const hit = byCriteria.get(key);
  if (hit !== undefined) return hit;
  const share = freshShare(r, c);
  byCriteria.set(key, share);
  return share;
}

/**
 * filterTopology of the shard's candidates alone: what it keeps of a shard (pods, their interfaces, the points and the
 * host they hang off, the links between kept ends) depends on nothing outside the shard, except links to a network:
 * those of kept interfaces stay here, and the view judges them when it filters the union of the shares again (view.ts).
 */
function freshShare(r: ShardResult, c: ShareCriteria): ViewShare | null {
  work.viewShares++;
  const elements: TopologyElement[] = [];
  const links: TopologyLink[] = [];
  if (!candidates(r, c, elements, links)) return null;
  const kept = filterTopology({ elements, links, findings: [] }, c);
  // A link to a network ("network" links) is judged with the network, which only the whole view holds.
  const ids = new Set(kept.elements.map((e) => e.id));
  const ok = (id: string) => ids.has(id) || !r.elements.has(id);
  return { elements: kept.elements, links: links.filter((l) => ok(l.source) && ok(l.target)) };
}

/**
 * The pods of one shard that a namespace or network criterion can keep, with what they hang off (found in the
 * shard's parts, not by a scan of its pods); false if none. Of the shard's links only those filterTopology can
 * keep: a link of a picked pod or interface, or one between points.
 */
function candidates(r: ShardResult, c: ShareCriteria, elements: TopologyElement[], links: TopologyLink[]): boolean {
  const s = partsOf(r);
  const ids = c.network ? s.podsByNetwork.get(c.network) : s.podsByNamespace.get(c.namespace ?? "");
  const picked = new Set<TopologyLink>();
  let any = false;
  for (const podId of ids ?? []) {
    const pod = r.elements.get(podId);
    if (pod?.kind !== "pod" || (c.namespace && pod.namespace !== c.namespace)) continue;
    any = true;
    for (const id of r.pods.get(podId) ?? []) {
      const el = r.elements.get(id);
      if (el) elements.push(el);
      for (const l of s.podLinks.get(id) ?? []) picked.add(l);
    }
  }
  if (!any) return false;
  // The host and its points come along; filterTopology keeps only those a kept interface hangs off.
  appendAll(elements, s.points);
  appendAll(links, s.pointLinks);
  for (const l of picked) links.push(l);
  return true;
}
