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
  /** each element as JSON: what tells a change from a no-op, and what goes on the wire */
  json: Map<string, string>;
}

/** What a shard contributes besides its elements, as one string to compare. */
export const relationsOf = (s: Shard | undefined): string =>
  s ? JSON.stringify([s.result.links, s.result.findings]) : "";
