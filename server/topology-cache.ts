import type { TopologyPayload } from "@/lib/wire/payload";
import type { ClusterSource } from "./sources/types";
import { feedOf } from "./topology-feed";

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
  const feed = feedOf(source);
  await feed.current();
  const revision = revisionLabel(source, feed.store.revision, feed.statusSeq);
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
