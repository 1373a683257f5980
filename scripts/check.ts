/**
 * Checks a must-gather, a snapshot file or a live cluster and prints its findings; exits 1 on an error finding.
 *   npm run check -- --snapshot <must-gather dir|file> [--format table|json|sarif]
 *   npm run check -- [--kubeconfig F] [--context C] [--format table|json|sarif]
 *   npm run check -- [--kubeconfig F] --all-contexts | --context A --context B… [--format table|json|sarif]
 *   npm run check -- --probe <namespace/network> [--nodes a,b] [--kubeconfig F] [--context C] [--format table|json]
 */
import { parseArgs } from "node:util";
import { exitCodeFor, type ReportFormat, renderReport } from "@/lib/findings/report";
import { buildTopology } from "@/lib/topology/build";
import { readLiveOnce } from "@/server/sources/live/read-once";
import { readSnapshot } from "@/server/sources/read-snapshot";
import { checkFleet } from "./check-fleet";
import { checkProbe } from "./check-probe";

const USAGE =
  "usage: npm run check -- --snapshot <must-gather dir|file> | [--kubeconfig F] [--context C]  [--format table|json|sarif]\n" +
  "       npm run check -- [--kubeconfig F] --all-contexts | --context A --context B…  [--format table|json|sarif]\n" +
  "       npm run check -- --probe <namespace/network> [--nodes a,b] [--kubeconfig F] [--context C] [--format table|json]\n";
const FORMATS: readonly ReportFormat[] = ["table", "json", "sarif"];

async function main(): Promise<number> {
  const { values } = parseArgs({
    options: {
      snapshot: { type: "string" },
      kubeconfig: { type: "string" },
      context: { type: "string", multiple: true },
      "all-contexts": { type: "boolean", default: false },
      format: { type: "string", default: "table" },
      probe: { type: "string" },
      nodes: { type: "string" },
      help: { type: "boolean", short: "h", default: false },
    },
    strict: true,
  });
  if (values.help) {
    process.stdout.write(USAGE);
    return 0;
  }
  const contexts = values.context ?? [];
  const context = contexts[0];
  const fleet = values["all-contexts"] || contexts.length > 1;
  if (fleet && (values.snapshot || values.probe))
    throw new Error("--all-contexts and several --context read live clusters: not with --snapshot or --probe");
  if (values.probe) {
    if (values.snapshot) throw new Error("--probe runs pods on a live cluster: it cannot check a --snapshot");
    if (values.format !== "table" && values.format !== "json") throw new Error("--probe prints a table or json");
    const nodes = values.nodes
      ?.split(",")
      .map((s) => s.trim())
      .filter(Boolean);
    return checkProbe({
      network: values.probe,
      ...(nodes?.length ? { nodes } : {}),
      ...(values.kubeconfig ? { kubeconfig: values.kubeconfig } : {}),
      ...(context ? { context } : {}),
      json: values.format === "json",
    });
  }
  const format = FORMATS.find((f) => f === values.format);
  if (!format) throw new Error(`--format must be table, json or sarif, not "${values.format}"`);
  if (values.snapshot && (values.kubeconfig || context)) throw new Error("give --snapshot or --kubeconfig, not both");
  if (fleet) {
    const all = values["all-contexts"] ? "all" : contexts;
    const { output, code } = await checkFleet({ kubeconfig: values.kubeconfig, contexts: all, format });
    process.stdout.write(output);
    return code;
  }
  const snapshot = values.snapshot
    ? await readSnapshot(values.snapshot)
    : await readLiveOnce(values.kubeconfig, context);
  const source = values.snapshot ?? `cluster${context ? ` ${context}` : ""}`;
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
