import type { ShardResult } from "./shard";

/** One committed change: which elements are new or different, which are gone. */
export interface Commit {
  revision: number;
  upserted: Set<string>;
  removed: Set<string>;
  /** findings or links changed (they have no revisions of their own) */
  relations: boolean;
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
