import type { ViewQuery } from "@/lib/wire/view-protocol";
import { ChangeSignal } from "./change-signal";
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
  private readonly moved: ChangeSignal;
  private readonly unsubscribe: () => void;

  constructor(
    private readonly source: ClusterSource,
    private readonly query: ViewQuery,
    private readonly signal?: AbortSignal,
  ) {
    this.moved = new ChangeSignal(signal);
    // (only a source whose picture can move needs waking by its own events: every tab of a live source would
    // otherwise wake twice per change)
    this.unsubscribe = source.picture ? source.subscribe(() => this.moved.notify()) : () => {};
  }

  /** The channel of the picture as it is now (joined afresh when it moved): read `since` and `next` from it. */
  async channel(): Promise<ViewChannel> {
    while (!this.joined || feedOf(this.source) !== this.feed) {
      this.joined?.leave();
      this.joined = null;
      const feed = await shownFeed(this.source);
      this.feed = feed;
      this.joined = joinChannel(feed, this.query);
    }
    return this.joined.channel;
  }

  /** Resolves at the channel's next change, at the source's own, or when the subscription aborts. */
  next(channel: ViewChannel): Promise<void> {
    return this.source.picture
      ? Promise.race([channel.next(this.signal), this.moved.next()])
      : channel.next(this.signal);
  }

  leave(): void {
    this.joined?.leave();
    this.joined = null;
    this.unsubscribe();
  }
}
