import { buildTopology } from "@/lib/topology/build";
import type { TopologyPayload } from "@/lib/topology/payload";
import type { ClusterSource } from "./sources/types";

const cache = new WeakMap<ClusterSource, TopologyPayload>();
let epochs = 0;
// Per process, so a lastEventId from before a server restart never matches by chance.
const boot = Math.random().toString(36).slice(2, 8);
const epochOf = new WeakMap<ClusterSource, number>();

/** The view of a source at its current revision; built once per revision however many tabs ask. */
export function payloadOf(source: ClusterSource): TopologyPayload {
  if (!epochOf.has(source)) epochOf.set(source, ++epochs);
  // The epoch keeps revisions of a recreated source from matching a stale lastEventId.
  const revision = `${boot}.${epochOf.get(source)}.${source.revision()}`;
  const hit = cache.get(source);
  if (hit?.revision === revision) return hit;
  const view: TopologyPayload = {
    revision,
    source: source.info,
    status: source.status(),
    topology: buildTopology(source.snapshot()),
  };
  cache.set(source, view);
  return view;
}
