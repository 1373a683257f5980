/**
 * Writes a generated cluster (testing/fixtures/synthetic-cluster.ts) as a `kubectl get -o json` List, for
 * `npm run serve -- --snapshot <file>`:
 *   npm run generate -- --nodes 500 --pods 20000 --nads 40 [--seed 1] [--faults] --out /tmp/cluster-500.json
 * --faults adds the problems real clusters have (testing/fixtures/faults.ts): unattached pods, a missing NAD, nodes
 * without NodeNetworkState.
 */
import { writeFileSync } from "node:fs";
import { parseArgs } from "node:util";
import { withFaults } from "@/testing/fixtures/faults";
import { syntheticCluster } from "@/testing/fixtures/synthetic-cluster";

const { values } = parseArgs({
  options: {
    nodes: { type: "string", default: "50" },
    pods: { type: "string", default: "2000" },
    nads: { type: "string", default: "20" },
    seed: { type: "string", default: "1" },
    out: { type: "string" },
    faults: { type: "boolean", default: false },
  },
});
const number = (name: string, text: string | undefined): number => {
  const n = Number(text);
  if (!Number.isInteger(n) || n < 0) throw new Error(`--${name} needs a whole number, got ${text}`);
  return n;
};
const generated = syntheticCluster({
  nodes: number("nodes", values.nodes),
  pods: number("pods", values.pods),
  nads: number("nads", values.nads),
  seed: number("seed", values.seed),
});
const items = values.faults ? withFaults(generated) : generated;
const text = JSON.stringify({ apiVersion: "v1", kind: "List", items });
if (values.out) writeFileSync(values.out, text);
else process.stdout.write(text);
