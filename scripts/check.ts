/**
 * Checks a must-gather, a snapshot file or a live cluster and prints its findings; exits 1 on an error finding.
 *   npm run check -- --snapshot <must-gather dir|file> [--format table|json|sarif]
 *   npm run check -- [--kubeconfig F] [--context C] [--format table|json|sarif]
 */
import { parseArgs } from "node:util";
import { exitCodeFor, type ReportFormat, renderReport } from "@/lib/findings/report";
import { buildTopology } from "@/lib/topology/build";
import { readLiveOnce } from "@/server/sources/live/read-once";
import { readSnapshot } from "@/server/sources/read-snapshot";

const USAGE =
  "usage: npm run check -- --snapshot <must-gather dir|file> | [--kubeconfig F] [--context C]  [--format table|json|sarif]\n";
const FORMATS: readonly ReportFormat[] = ["table", "json", "sarif"];

async function main(): Promise<number> {
  const { values } = parseArgs({
    options: {
      snapshot: { type: "string" },
      kubeconfig: { type: "string" },
      context: { type: "string" },
      format: { type: "string", default: "table" },
      help: { type: "boolean", short: "h", default: false },
    },
    strict: true,
  });
  if (values.help) {
    process.stdout.write(USAGE);
    return 0;
  }
  const format = FORMATS.find((f) => f === values.format);
  if (!format) throw new Error(`--format must be table, json or sarif, not "${values.format}"`);
  if (values.snapshot && (values.kubeconfig || values.context))
    throw new Error("give --snapshot or --kubeconfig, not both");
  const snapshot = values.snapshot
    ? await readSnapshot(values.snapshot)
    : await readLiveOnce(values.kubeconfig, values.context);
  const source = values.snapshot ?? `cluster${values.context ? ` ${values.context}` : ""}`;
  const { findings } = buildTopology(snapshot);
  process.stdout.write(renderReport(format, findings, source));
  return exitCodeFor(findings);
}

main().then(
  (code) => {
    process.exitCode = code;
  },
  (err: unknown) => {
    process.stderr.write(`plumbline check: ${err instanceof Error ? err.message : String(err)}\n${USAGE}`);
    // 2, not 1: the check did not run, which a CI job must not read as "errors found"
    process.exitCode = 2;
  },
);
