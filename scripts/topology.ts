/**
 * Prints the topology of a snapshot, the demo, or a live cluster.
 *   npm run topology -- --snapshot <file|dir> [--format json|dot|mermaid]
 *   npm run topology -- --demo
 *   npm run topology -- [--kubeconfig F] [--context C]
 */
import { parseArgs } from "node:util";
import { buildTopology } from "@/lib/topology/build";
import { toDot } from "@/lib/topology/format-dot";
import { toMermaid } from "@/lib/topology/format-mermaid";
import type { Topology } from "@/lib/topology/schema";
import { DEMO_DIR } from "@/server/sources/demo";
import { readLiveOnce } from "@/server/sources/live/read-once";
import { readSnapshot } from "@/server/sources/read-snapshot";

const FORMATS = { json: (t: Topology) => `${JSON.stringify(t, null, 2)}\n`, dot: toDot, mermaid: toMermaid } as const;
const isFormat = (f: string): f is keyof typeof FORMATS => Object.hasOwn(FORMATS, f);

async function main(): Promise<void> {
  const { values } = parseArgs({
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
  if (values.help) {
    process.stdout.write(
      "usage: npm run topology -- [--snapshot <file|dir> | --demo | --kubeconfig F --context C] [--format json|dot|mermaid]\n",
    );
    return;
  }
  const format = values.format ?? "json";
  if (!isFormat(format)) throw new Error(`--format must be json, dot or mermaid, not "${format}"`);
  if (values.snapshot && values.demo) throw new Error("give --snapshot or --demo, not both");
  const snapshot = values.demo
    ? await readSnapshot(DEMO_DIR)
    : values.snapshot
      ? await readSnapshot(values.snapshot)
      : await readLiveOnce(values.kubeconfig, values.context);
  process.stdout.write(FORMATS[format](buildTopology(snapshot)));
}

main().catch((err: unknown) => {
  process.stderr.write(`topology: ${err instanceof Error ? err.message : String(err)}\n`);
  process.exit(1);
});
