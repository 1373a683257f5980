/**
 * What the server's search index holds (issue 26: building it at the first search was the run's peak, +340 MiB at the
 * maximum on the test bed; it is now filled while the server is idle, so every source holds it): a generated cluster's
 * store, then the index filled from it as server/topology-feed.ts fills it (SearchFill), and the heap it keeps (after
 * full collections), in all and per element.
 *   npx tsx --tsconfig tsconfig.json scripts/bench/search-index-heap.ts --nodes 800 --pods 60000 --nads 200
 */

import { parseArgs } from "node:util";
import { setFlagsFromString } from "node:v8";
import { runInNewContext } from "node:vm";
import { snapshotFromObjects } from "@/lib/k8s/snapshot";
import { SearchFill } from "@/lib/store/search-fill";
import { TopologyStore } from "@/lib/store/store";
import { syntheticCluster } from "@/testing/fixtures/synthetic-cluster";

const { values: opt } = parseArgs({
  options: {
    nodes: { type: "string", default: "500" },
    pods: { type: "string", default: "20000" },
    nads: { type: "string", default: "150" },
  },
});
setFlagsFromString("--expose-gc");
const gc = runInNewContext("gc") as () => void; // the V8 global the flag above exposes
const heap = (): number => {
  for (let i = 0; i < 3; i++) gc();
  return process.memoryUsage().heapUsed;
};

const store = new TopologyStore();
store.sync(snapshotFromObjects(syntheticCluster({ nodes: +opt.nodes, pods: +opt.pods, nads: +opt.nads, seed: 1 })));
while (store.step(64)) {}
store.commit();
const kinds = new Map<string, number>();
let elements = store.networks().length;
kinds.set("network", elements);
for (const name of store.shardNames()) {
  for (const id of store.shard(name)?.elements.keys() ?? []) {
    elements++;
    const kind = store.element(id)?.kind ?? "?";
    kinds.set(kind, (kinds.get(kind) ?? 0) + 1);
  }
}
const before = heap();
const fill = new SearchFill(store);
while (fill.step(64)) {}
const index = fill.index;
const held = heap() - before;
// (the index is read after the measure, so the collections above could not take it)
const hits = index.search("pod").length;
console.log(
  `${opt.nodes} nodes, ${opt.pods} pods, ${opt.nads} NADs: ${elements} elements indexed (${[...kinds].map(([k, n]) => `${k} ${n}`).join(", ")}); the index holds ${(held / 2 ** 20).toFixed(1)} MiB of heap, ${Math.round(held / elements)} B per element (${hits} hits for "pod")`,
);
