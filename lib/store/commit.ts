import type { Finding } from "../contract/schema";
import type { ShardResult } from "./shard";
import { summaryOf } from "./shard-summary";

/** One committed change: which elements are new or different, which are gone. */
export interface Commit {
  revision: number;
  upserted: Set<string>;
  removed: Set<string>;
  /** findings or links changed (they have no revisions of their own) */
  relations: boolean;
  /** the nodes whose shards were built again or removed (a view that draws none of them may be untouched) */
  shards: ReadonlySet<string>;
  /** what every view reads changed: a network, a workload, a finding that belongs to no shard or names nothing */
  shared: boolean;
  /**
   * the ids named by the shards' findings that changed and name what their shard does not hold (ShardSummary.outward):
   * a view that draws none of these shards is touched by them only if it holds one of these ids
   */
  named: ReadonlySet<string>;
}

/** A network or a workload: elements every view reads, held by no shard. */
const isShared = (id: string): boolean => id.startsWith("network/") || id.startsWith("workload/");

/** Whether one of the ids is shared: asked in place (a spread of a cold start's 71k upserted ids was an array to scan). */
export function someShared(ids: Iterable<string>): boolean {
  for (const id of ids) if (isShared(id)) return true;
  return false;
}

/** The networks' ids among `ids`, read in place: a cold start's upserted set is every element (527k at the maximum). */
export function networkIds(ids: Iterable<string>): string[] {
  const out: string[] = [];
  for (const id of ids) if (id.startsWith("network/")) out.push(id);
  return out;
}

/**
 * Adds to `named` what the outward findings that differ between two builds of a shard name; true when one of them
 * names nothing (every view keeps it).
 */
export function outwardChange(before: Shard | undefined, next: Shard | undefined, named: Set<string>): boolean {
  const a = before ? summaryOf(before.result) : undefined;
  const b = next ? summaryOf(next.result) : undefined;
  if ((a?.outwardJson ?? "[]") === (b?.outwardJson ?? "[]")) return false;
  const keys = (list: readonly Finding[] = []) => new Map(list.map((f) => [JSON.stringify(f), f]));
  const was = keys(a?.outward);
  const now = keys(b?.outward);
  return gone(was, now, named) || gone(now, was, named);
}

/** Names what the findings of `one` that `other` lacks name; true when one of them names nothing. */
function gone(one: Map<string, Finding>, other: Map<string, Finding>, named: Set<string>): boolean {
  let bare = false;
  for (const [key, f] of one) {
    if (other.has(key)) continue;
    bare ||= f.elements.length === 0;
    for (const id of f.elements) named.add(id);
  }
  return bare;
}

export interface Shard {
  result: ShardResult;
  /**
   * each element as JSON (what tells a change from a no-op, and what goes on the wire), made when first asked
   * for: a cold start sends the cluster overview, not 71k elements, and has nothing to compare them with
   */
  json: Map<string, string>;
}

/** An element's JSON, made once per shard (the elements of a built shard never change). */
export function elementJson(shard: Shard, id: string): string | undefined {
  let json = shard.json.get(id);
  if (json === undefined) {
    const el = shard.result.elements.get(id);
    if (el === undefined) return undefined;
    json = JSON.stringify(el);
    shard.json.set(id, json);
  }
  return json;
}

/** What a shard contributes besides its elements, as one string to compare. */
export const relationsOf = (s: Shard | undefined): string =>
  s ? JSON.stringify([s.result.links, s.result.findings]) : "";
