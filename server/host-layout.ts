import ELK from "elkjs/lib/elk.bundled.js";
import { layoutGraph, type Positioned } from "@/lib/graph/layout";
import { inputKey } from "@/lib/graph/layout-key";
import { topologyColours } from "@/lib/graph/palette";
import { graphOf } from "@/lib/graph/view-graph";
import { warmModel } from "@/lib/graph/warm-model";
import { filterTopology } from "@/lib/match/filter";
import { readViewMessage } from "@/lib/wire/read-message";
import type { ViewQuery } from "@/lib/wire/view-protocol";
import { fromSnapshot, topologyOf } from "@/lib/wire/view-state";

/** A host's layout as the page would make it: its input key (lib/graph/layout-key.ts) and each box's place. */
export interface HostLayout {
  key: string;
  positions: [string, Positioned][];
}

/**
 * Past this many boxes a host is left to the page's worker: ELK runs on the server's thread here, and a host of 50
 * boxes (a 20,000-pod cluster's, its pods folded) takes ~20–40 ms of it once ELK's code is warm.
 */
const MAX_BOXES = 400;
/** Layouts kept by input key: a host opened again, or by another tab, costs nothing. */
const KEEP = 64;
const kept = new Map<string, Promise<HostLayout | null>>();
let elk: InstanceType<typeof ELK> | null = null;

/**
 * The layout of a host's view, made from the snapshot text its subscription starts with, the way the page makes it
 * (components/explorer/use-view-model.ts: the message read, the topology filtered by the view's criteria, the graph
 * of it, laid out by lib/graph/layout.ts). The page takes it when its own model has the same input key
 * (components/graph/layout-client.ts offerLayout), so it draws the same picture without waiting for its worker's
 * ELK. Null for anything but a host's view of elements, or a host too big to lay out here.
 */
export function hostLayout(text: string, query: ViewQuery, showDefault: boolean): Promise<HostLayout | null> {
  const message = readViewMessage(text);
  if (message?.type !== "snapshot" || message.overview || !query.host) return Promise.resolve(null);
  const { namespace, network, host, pod } = query;
  const shown = filterTopology(topologyOf(fromSnapshot(message)), { namespace, network, host, pod });
  const model = graphOf(shown, "host", showDefault, new Set(), topologyColours(shown));
  if (model.nodes.length > MAX_BOXES) return Promise.resolve(null);
  const key = inputKey(model);
  const known = kept.get(key);
  if (known) return known;
  elk ??= new ELK();
  const engine = elk;
  const made = layoutGraph(model, engine).then(
    (positions): HostLayout => {
      warmUp(engine);
      return { key, positions: [...positions] };
    },
    () => null, // the page's worker lays it out (and says what went wrong)
  );
  kept.set(key, made);
  for (const old of kept.keys()) if (kept.size > KEEP) kept.delete(old);
  return made;
}

/**
 * ELK's first layouts in a process run its code cold (in Node at load ~20 a 44-box host took 1.9–3.2 s cold, 0.4–0.7 s
 * after 30 small ones: components/graph/layout-client.ts warmLayout). Once a page has asked for a host, the server
 * lays out small hosts, one per timer tick, so the next hosts asked are laid out warm; a server never asked spends
 * nothing.
 */
const WARM_ROUNDS = 30;
let warming = false;
function warmUp(engine: InstanceType<typeof ELK>): void {
  if (warming) return;
  warming = true;
  let round = 0;
  const next = (): void => {
    if (round >= WARM_ROUNDS) return;
    const tick = setTimeout(() => {
      void layoutGraph(warmModel(round++), engine).then(next, () => undefined);
    }, 20);
    tick.unref?.(); // never holds a process (a test, a CLI) open
  };
  next();
}
