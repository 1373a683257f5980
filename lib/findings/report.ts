import type { Finding } from "../contract/schema";
import { boundMessage, MAX_FINDING_MESSAGE as MAX_LENGTH } from "./bound-message";
import { FINDINGS, isFindingCode } from "./catalogue";
import { SEVERITY_RANK, type Severity } from "./info";

export type ReportFormat = "table" | "json" | "sarif";

const HEADING: Record<Severity, string> = { error: "ERRORS", warning: "WARNINGS", info: "INFO" };
const SARIF_LEVEL: Record<Severity, "error" | "warning" | "note"> = {
  error: "error",
  warning: "warning",
  info: "note",
};

/**
 * Worst first, then by code, then by message: the same findings always print the same way. Messages are bounded here
 * too, whatever made them (boundMessage).
 */
export function sortFindings(findings: readonly Finding[]): Finding[] {
  const bounded = findings.map((f) => (f.message.length > MAX_LENGTH ? { ...f, message: boundMessage(f.message) } : f));
  return bounded.sort(
    (a, b) =>
      SEVERITY_RANK[a.severity] - SEVERITY_RANK[b.severity] ||
      a.code.localeCompare(b.code) ||
      a.message.localeCompare(b.message),
  );
}

export function counts(findings: readonly Finding[]): Record<Severity, number> {
  const c = { error: 0, warning: 0, info: 0 };
  for (const f of findings) c[f.severity]++;
  return c;
}

/** The check's exit code: 1 when any finding is an error, else 0. */
export const exitCodeFor = (findings: readonly Finding[]): number =>
  findings.some((f) => f.severity === "error") ? 1 : 0;

/** A plain-text table grouped by severity, then the fix for each code that appears. */
export function renderTable(findings: readonly Finding[], source: string): string {
  const sorted = sortFindings(findings);
  const c = counts(sorted);
  const out = [`plumbline check: ${source}`, `${c.error} error(s), ${c.warning} warning(s), ${c.info} info`, ""];
  if (sorted.length === 0) return `${out.join("\n")}Nothing wrong found.\n`;
  // a loop, not Math.max(...all): one argument per finding overflowed the stack at 580,000 findings (issue 25)
  let width = 0;
  for (const f of sorted) width = Math.max(width, Math.min(32, f.code.length));
  for (const severity of ["error", "warning", "info"] as const) {
    const group = sorted.filter((f) => f.severity === severity);
    if (group.length === 0) continue;
    out.push(`${HEADING[severity]} (${group.length})`);
    for (const f of group) out.push(`  ${f.code.padEnd(width)}  ${f.message.replace(/\s+/g, " ")}`);
    out.push("");
  }
  out.push("HOW TO FIX");
  for (const code of [...new Set(sorted.map((f) => f.code))])
    out.push(`  ${code.padEnd(width)}  ${FINDINGS[code].fix}`);
  return `${out.join("\n")}\n`;
}

export function renderJson(findings: readonly Finding[], source: string): string {
  const sorted = sortFindings(findings);
  const body = {
    source,
    counts: counts(sorted),
    findings: sorted.map((f) => ({ ...f, title: FINDINGS[f.code].title, fix: FINDINGS[f.code].fix })),
  };
  return `${JSON.stringify(body, null, 2)}\n`;
}

/** SARIF 2.1.0, for CI systems that annotate results: one rule per code, the element ids as logical locations. */
export function renderSarif(findings: readonly Finding[], source: string): string {
  const sorted = sortFindings(findings);
  const codes = [...new Set(sorted.map((f) => f.code))].filter(isFindingCode);
  const rules = codes.map((code) => ({
    id: code,
    name: FINDINGS[code].title,
    shortDescription: { text: FINDINGS[code].title },
    fullDescription: { text: FINDINGS[code].meaning },
    help: { text: FINDINGS[code].fix },
    defaultConfiguration: { level: SARIF_LEVEL[FINDINGS[code].severity[0]] },
  }));
  const results = sorted.map((f) => ({
    ruleId: f.code,
    ruleIndex: codes.indexOf(f.code),
    level: SARIF_LEVEL[f.severity],
    message: { text: f.message },
    locations: [
      {
        physicalLocation: { artifactLocation: { uri: source } },
        logicalLocations: f.elements.map((id) => ({ fullyQualifiedName: id, kind: "resource" })),
      },
    ],
  }));
  const sarif = {
    $schema: "https://json.schemastore.org/sarif-2.1.0.json",
    version: "2.1.0",
    runs: [{ tool: { driver: { name: "plumbline", informationUri: "docs/findings.md", rules } }, results }],
  };
  return `${JSON.stringify(sarif, null, 2)}\n`;
}

export function renderReport(format: ReportFormat, findings: readonly Finding[], source: string): string {
  if (format === "json") return renderJson(findings, source);
  if (format === "sarif") return renderSarif(findings, source);
  return renderTable(findings, source);
}
