import { type FirstRead, mergeLists } from "@/lib/wire/first-read";
import type { ClusterSource } from "./sources/types";
import { feedOf } from "./topology-feed";

/**
 * Where `source`'s first picture is: its Lists' items read so far, then the store's first build host by host, then
 * done. Read without waiting for anything (the page polls it while its view has not come). A source with nothing to
 * list (the demo, a file) is done at once.
 */
export function firstReadOf(source: ClusterSource): FirstRead {
  const read = source.lists?.();
  if (!read) return { phase: "done", lists: [] };
  const lists = mergeLists(read.lists);
  if (!read.done) return { phase: "listing", lists };
  const hosts = feedOf(source).firstBuild();
  if (hosts === "done") return { phase: "done", lists };
  return hosts === "waiting" ? { phase: "building", lists } : { phase: "building", lists, hosts };
}
