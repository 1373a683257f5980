/**
 * The `topology` command (scripts/topology.ts runs it): the topology of a snapshot, the demo, or a live cluster.
 *   npm run topology -- --snapshot <file|dir> [--format json|dot|mermaid]
 *   npm run topology -- --demo
 *   npm run topology -- [--kubeconfig F] [--context C]
 */
import { parseArgs } from "node:util";
import type { Topology } from "@/lib/contract/schema";
import { buildTopology } from "@/lib/topology/build";
import { toDot } from "@/lib/topology/format-dot";
import { jsonChunks } from "@/lib/topology/format-json";
import { toMermaid } from "@/lib/topology/format-mermaid";
import { DEMO_DIR } from "@/server/sources/demo";
import { readLiveOnce } from "@/server/sources/live/read-once";
import { readSnapshot } from "@/server/sources/read-snapshot";

const FORMATS = new Map<string, (t: Topology) => Iterable<string>>([
  ["json", jsonChunks],
  ["dot", (t) => [toDot(t)]],
  ["mermaid", (t) => [toMermaid(t)]],
]);

const USAGE =
  "usage: npm run topology -- [--snapshot <file|dir> | --demo | --kubeconfig F --context C] [--format json|dot|mermaid]\n";

/** What the command prints for these arguments; throws with the message to print instead. */
export async function topologyCommand(args: string[]): Promise<string> {
  return [...(await topologyOutput(args))].join("");
}

/** What the command prints, in pieces written one after another (a big topology is no one string). */
export async function topologyOutput(args: string[]): Promise<Iterable<string>> {
  const { values } = parseArgs({
    args,
    options: {
      snapshot: { type: "string" },
      demo: { type: "boolean", default: false },
      kubeconfig: { type: "string" },
      context: { type: "string" },
      format: { type: "string", default: "json" },
      help: { type: "boolean", short: "h", default: false },
    },
    strict: true,
  });
  if (values.help) return [USAGE];
  const format = FORMATS.get(values.format ?? "json");
  if (!format) {
    throw new Error(`--format must be one of ${[...FORMATS.keys()].join(", ")}, not ${JSON.stringify(values.format)}`);
  }
  if (values.snapshot && values.demo) throw new Error("give --snapshot or --demo, not both");
  const snapshot = values.demo
    ? await readSnapshot(DEMO_DIR)
    : values.snapshot
      ? await readSnapshot(values.snapshot)
      : await readLiveOnce(values.kubeconfig, values.context);
  return format(buildTopology(snapshot));
}
