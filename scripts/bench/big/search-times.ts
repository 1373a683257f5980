import { setImmediate as nextTurn } from "node:timers/promises";
import type { KubeObject } from "@/lib/k8s/objects";
import { searchTopology } from "@/lib/match/search";
import { NETWORK_STATUS_ANNOTATION } from "@/lib/pod/annotations";
import { SearchFill } from "@/lib/store/search-fill";
import type { TopologyFeed } from "@/server/topology-feed";
import { searchFeed } from "@/server/topology-search";
import { secs, spread } from "./measure";
import type { Table } from "./table";

/** A pod's address on its first secondary network (as the generator writes it), for searches by IP. */
export function secondaryIp(pod: KubeObject | undefined): string | undefined {
  const status = JSON.parse(pod?.metadata.annotations?.[NETWORK_STATUS_ANNOTATION] ?? "[]") as { ips?: string[] }[];
  return status[1]?.ips?.[0];
}

/** The server's search, in-process: its index against a linear scan of the whole topology (the reference). */
export async function searchTimes(feed: TopologyFeed, objects: KubeObject[], table: Table): Promise<void> {
  const pod = objects.filter((o) => o.kind === "Pod").at(-1);
  const ip = secondaryIp(pod);
  // Called right after the first topology: the feed fills its index once it has been idle a second (after the
  // shards' view parts). A fill of its own, driven as a search that comes before would drive it, is what that search
  // waits; then the feed's own fill is waited for, and the first search timed.
  const since = performance.now();
  let t = since;
  const fill = new SearchFill(feed.store);
  while (fill.step(8)) await nextTurn();
  table.add(
    "server search index, filled from the store a few shards per turn (what a search right after the first topology waits)",
    secs(performance.now() - t),
  );
  while (!feed.search.ready) await new Promise((r) => setTimeout(r, 20));
  const ready = performance.now() - since;
  t = performance.now();
  await searchFeed(feed, pod?.metadata.name ?? "x");
  table.add(
    "the same filled while the server is idle: ready after the first topology / the first search then (a pod name)",
    `${secs(ready)} / ${secs(performance.now() - t)}`,
  );
  const whole = feed.store.topology();
  for (const [label, q] of [
    ["a pod name", pod?.metadata.name ?? "x"],
    ["an IP", ip ?? "10.0.0.1"],
    ["a /24 range", `${(ip ?? "10.0.0.1").split(".").slice(0, 3).join(".")}.0/24`],
    ["a MAC", "02:00:00:00:00:01"],
  ] as const) {
    const indexed: number[] = [];
    const linear: number[] = [];
    for (let i = 0; i < 7; i++) {
      t = performance.now();
      await searchFeed(feed, q, 500);
      indexed.push(performance.now() - t);
      t = performance.now();
      searchTopology(whole, q, 500);
      linear.push(performance.now() - t);
    }
    table.add(
      `server search for ${label}: index / linear scan of the whole topology (the reference)`,
      `${spread(indexed)} / ${spread(linear)}`,
    );
  }
}
