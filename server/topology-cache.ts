import type { TopologyPayload } from "@/lib/wire/payload";
import { shownFeed } from "./shown-feed";
import type { ClusterSource } from "./sources/types";

const cache = new WeakMap<ClusterSource, TopologyPayload>();
let epochs = 0;
// Per process, so a lastEventId from before a server restart never matches by chance.
const boot = Math.random().toString(36).slice(2, 8);
const epochOf = new WeakMap<ClusterSource, number>();

/** A revision label for a source: unique per process, per source and per change of topology or status. */
export function revisionLabel(source: ClusterSource, storeRevision: number, statusSeq: number): string {
  if (!epochOf.has(source)) epochOf.set(source, ++epochs);
  // The epoch keeps revisions of a recreated source from matching a stale lastEventId.
  return `${boot}.${epochOf.get(source)}.${storeRevision}.${statusSeq}`;
}

/**
 * The whole topology of a source (the contract the command line prints and the JSON export saves), from its
 * incremental store; assembled once per revision however many ask.
 */
export async function payloadOf(source: ClusterSource): Promise<TopologyPayload> {
  const feed = await shownFeed(source);
  // (labelled by the feed's source: a member whose picture moved to another feed gets another label)
  const revision = revisionLabel(feed.source, feed.store.revision, feed.statusSeq);
  const hit = cache.get(source);
  if (hit?.revision === revision) return hit;
  const payload: TopologyPayload = {
    revision,
    source: source.info,
    status: source.status(),
    topology: feed.store.topology(),
  };
  cache.set(source, payload);
  return payload;
}
