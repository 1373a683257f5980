import type { ViewQuery } from "@/lib/wire/view-protocol";
import { shownFeed } from "./shown-feed";
import type { ClusterSource } from "./sources/types";
import { feedOf, type TopologyFeed } from "./topology-feed";
import { joinChannel, type ViewChannel } from "./view-channel";

/**
 * A subscriber's view channel on the feed that shows its source's picture, following the picture to another feed when
 * it moves (then the subscriber is sent that channel's snapshot: a revision of the old feed is unknown to it). The
 * source's own events wake the subscriber too, since a member's picture may move without its old feed changing.
 */
export class FollowedChannel {
  private joined: { channel: ViewChannel; leave: () => void } | null = null;
  private feed: TopologyFeed | null = null;
  /** the source's own events heard, and how many had been heard when its picture was last checked */
  private events = 0;
  private checkedAt = 0;
  private wake: (() => void) | null = null;
  private readonly unsubscribe: () => void;

  constructor(
    private readonly source: ClusterSource,
    private readonly query: ViewQuery,
    private readonly signal?: AbortSignal,
  ) {
    // (only a source whose picture can move needs waking by its own events: every tab of a live source would
    // otherwise wake twice per change)
    this.unsubscribe = source.picture
      ? source.subscribe(() => {
          this.events++;
          this.wake?.();
        })
      : () => {};
  }

  /** The channel of the picture as it is now (joined afresh when it moved): read `since` and `next` from it. */
  async channel(): Promise<ViewChannel> {
    for (;;) {
      // (an event from here on may move the picture after this check: `next` then wakes at once)
      this.checkedAt = this.events;
      if (this.joined && feedOf(this.source) === this.feed) return this.joined.channel;
      this.joined?.leave();
      this.joined = null;
      const feed = await shownFeed(this.source);
      this.feed = feed;
      this.joined = joinChannel(feed, this.query);
    }
  }

  /** Resolves at the channel's next change, at the source's own event, or when the subscription aborts. */
  next(channel: ViewChannel): Promise<void> {
    if (!this.source.picture) return channel.next(this.signal);
    const own =
      this.events !== this.checkedAt
        ? Promise.resolve()
        : new Promise<void>((resolve) => {
            this.wake = resolve;
          });
    // (the channel's wait ends at an abort: no listener of our own on the long-lived signal)
    return Promise.race([channel.next(this.signal), own]).finally(() => {
      this.wake = null;
    });
  }

  leave(): void {
    this.joined?.leave();
    this.joined = null;
    this.unsubscribe();
  }
}
