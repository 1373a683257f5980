import { TRPCError } from "@trpc/server";
import { LIMITS } from "@/lib/http/limits";
import { topologyItems } from "@/lib/store/whole-topology";
import type { TopologyPayload } from "@/lib/wire/payload";
import { shownFeed } from "./shown-feed";
import { assertSignedIn } from "./sources/registry";
import type { ClusterSource } from "./sources/types";
import { payloadOf } from "./topology-cache";

/**
 * The whole topology as one answer (`topology.get`, a `topology.watch` push), within what the server can afford: such
 * an answer is written as one JSON text, and while it is written the server holds that text, V8's pieces of it and
 * its bytes, several times the JSON (+950 MiB at 150,000 pods, issue 26). So one answer may carry at most
 * LIMITS.wholeTopologyItems elements and links, and all the answers being written at once together no more: a larger
 * cluster is refused before anything is assembled, and callers at once beyond the budget are told to retry. The
 * streamed export and the views have no such bound (they never hold the document).
 */

const ALTERNATIVES =
  "read it streamed with GET /api/export/topology (the JSON export's file, written as the socket takes it) or view by view with the subscription topology.view";

/** elements and links of the whole-topology answers this process is writing now */
let sending = 0;

export interface WholeAnswer {
  payload: TopologyPayload;
  /** gives the answer's share of the budget back: call it once the answer has been written (more calls do nothing) */
  release: () => void;
}

/** The caller's whole topology, its share of the budget taken; refused (413, 429) where it would pass the bound. */
export async function wholeAnswer(source: ClusterSource, procedure: string): Promise<WholeAnswer> {
  const feed = await shownFeed(source);
  assertSignedIn(source);
  const items = topologyItems(feed.store);
  const cap = LIMITS.wholeTopologyItems;
  const n = (x: number) => x.toLocaleString("en-US");
  if (items > cap) {
    throw new TRPCError({
      code: "PAYLOAD_TOO_LARGE",
      message: `${procedure} refused: this cluster's topology has ${n(items)} elements and links, over the ${n(cap)} one answer may carry (it is sent as one JSON text); ${ALTERNATIVES}`,
    });
  }
  if (sending + items > cap) {
    throw new TRPCError({
      code: "TOO_MANY_REQUESTS",
      message: `${procedure} refused for now: whole-topology answers of ${n(sending)} elements and links are being sent, and this one's ${n(items)} would pass the ${n(cap)} sent at once; retry in a few seconds, or ${ALTERNATIVES}`,
    });
  }
  sending += items;
  let held = true;
  const release = () => {
    if (!held) return;
    held = false;
    sending -= items;
  };
  try {
    return { payload: await payloadOf(source), release };
  } catch (e) {
    release();
    throw e;
  }
}

/** Elements and links being sent now (tests: nothing may stay taken once every answer has ended). */
export function wholeItemsSending(): number {
  return sending;
}
