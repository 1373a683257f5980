import { type ElkLike, layoutGraph, type Positioned } from "@/lib/graph/layout";
import { inputKey } from "@/lib/graph/layout-key";
import { topologyColours } from "@/lib/graph/palette";
import { graphOf } from "@/lib/graph/view-graph";
import { warmModel } from "@/lib/graph/warm-model";
import { filterTopology } from "@/lib/match/filter";
import { readViewMessage } from "@/lib/wire/read-message";
import type { ViewQuery } from "@/lib/wire/view-protocol";
import { fromSnapshot, topologyOf } from "@/lib/wire/view-state";
import { elkThread, elkWaiting } from "./elk-thread";

/** A host's layout as the page would make it: its input key (lib/graph/layout-key.ts) and each box's place. */
export interface HostLayout {
  key: string;
  positions: [string, Positioned][];
}

/**
 * Past this many boxes a host is left to the page's worker: a host of 50 boxes (a 20,000-pod cluster's, its pods
 * folded) takes ~20–40 ms of ELK once its code is warm; a bigger one would keep the server's one ELK worker
 * (server/elk-thread.ts) from the hosts other pages ask for.
 */
const MAX_BOXES = 400;
/** Layouts kept by input key: a host opened again, or by another tab, costs nothing. */
const KEEP = 64;
const kept = new Map<string, Promise<HostLayout | null>>();

/**
 * The layout of a host's view, made from the snapshot text its subscription starts with, the way the page makes it
 * (components/explorer/use-view-model.ts: the message read, the topology filtered by the view's criteria, the graph
 * of it, laid out by lib/graph/layout.ts). The page takes it when its own model has the same input key
 * (components/graph/layout-client.ts offerLayout), so it draws the same picture without waiting for its worker's
 * ELK. ELK runs on a thread of its own (server/elk-thread.ts), never on the server's. Null for anything but a host's
 * view of elements, a host too big to lay out here, or when that thread is busy or failed: the page lays it out.
 * `engine` is for scripts/bench/host-layout-block.ts, which measures ELK inline on this thread against it.
 */
export function hostLayout(
  text: string,
  query: ViewQuery,
  showDefault: boolean,
  engine: ElkLike = elkThread,
): Promise<HostLayout | null> {
  const message = readViewMessage(text);
  if (message?.type !== "snapshot" || message.overview || !query.host) return Promise.resolve(null);
  const { namespace, network, host, pod } = query;
  const shown = filterTopology(topologyOf(fromSnapshot(message)), { namespace, network, host, pod });
  const model = graphOf(shown, "host", showDefault, new Set(), topologyColours(shown));
  if (model.nodes.length > MAX_BOXES) return Promise.resolve(null);
  const key = inputKey(model);
  const known = kept.get(key);
  if (known) return known;
  const made = layoutGraph(model, engine).then(
    (positions): HostLayout => {
      warmUp();
      return { key, positions: [...positions] };
    },
    () => {
      if (kept.get(key) === made) kept.delete(key); // busy or failed now: asked again, it may be laid out here
      return null; // the page's worker lays it out (and says what went wrong)
    },
  );
  kept.set(key, made);
  for (const old of kept.keys()) if (kept.size > KEEP) kept.delete(old);
  return made;
}

/**
 * ELK's first layouts in a process run its code cold (in Node at load ~20 a 44-box host took 1.9–3.2 s cold, 0.4–0.7 s
 * after 30 small ones: components/graph/layout-client.ts warmLayout). Once a page has asked for a host, ELK's worker
 * lays out small hosts, one per timer tick while no host waits for it, so the next hosts asked are laid out warm; a
 * server never asked spends nothing.
 */
const WARM_ROUNDS = 30;
let warming = false;
function warmUp(): void {
  if (warming) return;
  warming = true;
  let round = 0;
  const next = (): void => {
    if (round >= WARM_ROUNDS) return;
    const tick = setTimeout(() => {
      if (elkWaiting() > 0) return next(); // a host waits: it goes first
      void layoutGraph(warmModel(round++), elkThread).then(next, () => undefined);
    }, 20);
    tick.unref?.(); // never holds a process (a test, a CLI) open
  };
  next();
}
