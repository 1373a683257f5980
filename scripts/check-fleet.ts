import type { Finding } from "@/lib/contract/schema";
import { exitCodeFor, type ReportFormat, renderReport, renderTable } from "@/lib/findings/report";
import { buildFleet } from "@/lib/fleet/fleet";
import { allContexts, readContextsOnce } from "@/server/fleet-once";

/**
 * `check --all-contexts` / `check --context A --context B`: each context's findings, then the fleet's (drift, a
 * network a workload asks for that a cluster lacks, overlapping ranges, clusters that could not be read). Exits 2
 * when a context could not be read (the check did not run there), else 1 on an error finding anywhere, else 0.
 */
export async function checkFleet(opts: {
  kubeconfig?: string;
  contexts: string[] | "all";
  format: ReportFormat;
  timeoutMs?: number;
}): Promise<{ output: string; code: number }> {
  const names = opts.contexts === "all" ? allContexts(opts.kubeconfig) : opts.contexts;
  const read = await readContextsOnce(opts.kubeconfig, names, opts.timeoutMs);
  const fleet = buildFleet(read.map((r) => r.cluster));
  const perCluster = read.map((r) => ({ context: r.cluster.context, findings: r.topology?.findings ?? [] }));
  const all: Finding[] = [
    ...perCluster.flatMap((c) => c.findings.map((f) => ({ ...f, message: `context ${c.context}: ${f.message}` }))),
    ...fleet.findings.map(({ clusters: _, ...f }) => f),
  ];
  const title = `fleet of ${names.length} context${names.length === 1 ? "" : "s"} (${names.join(", ")})`;
  let output: string;
  if (opts.format === "table") {
    const sections = read.map((r) =>
      r.topology
        ? renderTable(r.topology.findings, `context ${r.cluster.context} (${r.cluster.label})`)
        : `plumbline check: context ${r.cluster.context} (${r.cluster.label})\nnot read: ${r.cluster.state}${r.cluster.reason ? ` (${r.cluster.reason})` : ""}\n`,
    );
    sections.push(renderTable(fleet.findings, `${title}: across clusters`));
    output = sections.join("\n");
  } else output = renderReport(opts.format, all, title);
  const unread = read.some((r) => !r.topology);
  return { output, code: unread ? 2 : exitCodeFor(all) };
}
