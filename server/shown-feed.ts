import type { ClusterSource } from "./sources/types";
import { feedOf, type TopologyFeed } from "./topology-feed";

/**
 * The feed that shows `source`'s picture, caught up with it. A member of an access group reads its group's feed while
 * its picture is the group's (`ClusterSource.picture`); that can change while the store catches up (the member left
 * the group, a refusal now names the holder, links of its own were probed), so it asks again until it holds still:
 * what is read is never another picture than the caller's. It waits for the source's first round (as the feed does).
 */
export async function shownFeed(source: ClusterSource): Promise<TopologyFeed> {
  // (the first round's refusals decide whether a member's picture is its group's: known before a store is built)
  await source.ready();
  for (;;) {
    const feed = feedOf(source);
    await feed.current();
    if (feedOf(source) === feed) return feed;
  }
}
