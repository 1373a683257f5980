import { expect, it } from "vitest";
import { emptySnapshot } from "@/lib/k8s/snapshot";
import { follow } from "@/testing/view-follow";
import { FollowedChannel } from "./followed-channel";
import { createDemoSource } from "./sources/demo";
import { StaticSource } from "./sources/static-source";
import { type ClusterSource, Listeners } from "./sources/types";

/** A member whose picture is one source or another, as an access group's member's is (its group's, or its own). */
function member(first: ClusterSource) {
  let shown = first;
  const listeners = new Listeners();
  const source: ClusterSource = {
    info: first.info,
    revision: () => shown.revision(),
    snapshot: () => shown.snapshot(),
    status: () => shown.status(),
    ready: () => Promise.resolve(),
    subscribe: (fn) => listeners.add(fn),
    close: async () => {},
    writer: () => null,
    picture: () => shown,
  };
  return {
    source,
    /** the picture moves, and the member says so (the old picture's channel does not change) */
    move(to: ClusterSource) {
      shown = to;
      listeners.emit();
    },
  };
}

const raced = <T>(p: Promise<T>, ms = 5_000) =>
  Promise.race([p.then(() => "woke"), new Promise((r) => setTimeout(() => r("slept"), ms).unref())]);

it("follows a picture that moves: woken by the member's own event, then the new picture's snapshot", async () => {
  const group = await createDemoSource();
  const own = new StaticSource({ kind: "snapshot", label: "own", writes: "none" }, emptySnapshot());
  const m = member(group);
  const ac = new AbortController();
  const followed = new FollowedChannel(m.source, {}, ac.signal);
  const first = await followed.channel();
  const tab = follow(null, first.since(null));
  expect(tab?.elements.size).toBeGreaterThan(0);
  // The move is heard while the tab is busy (before it waits): the wait that follows ends at once, not never.
  m.move(own);
  expect(await raced(followed.next(first))).toBe("woke");
  const second = await followed.channel();
  expect(second).not.toBe(first);
  // a revision of the old picture is unknown to the new one's channel: its snapshot, with nothing of the group's
  const now = follow(tab, second.since(null));
  expect(now?.elements.size).toBe(0);
  // A move heard while waiting wakes the wait too.
  const waiting = followed.next(second);
  m.move(group);
  expect(await raced(waiting)).toBe("woke");
  expect(await followed.channel()).not.toBe(second);
  // Nothing moved: the wait does not end by itself.
  const third = await followed.channel();
  expect(await raced(followed.next(third), 300)).toBe("slept");
  followed.leave();
  ac.abort();
});
