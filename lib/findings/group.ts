import type { Finding } from "../contract/schema";
import { FINDINGS, type FindingCode } from "./catalogue";
import { SEVERITY_RANK, type Severity } from "./info";

export interface FindingGroup {
  code: FindingCode;
  title: string;
  fix: string;
  /** the worst severity in the group */
  severity: Severity;
  findings: Finding[];
}

/** Findings grouped by code, worst group first (then the bigger one), worst finding first inside a group. */
export function groupFindings(findings: readonly Finding[], only?: Severity): FindingGroup[] {
  const groups = new Map<FindingCode, FindingGroup>();
  for (const f of findings) {
    if (only && f.severity !== only) continue;
    const g = groups.get(f.code) ?? {
      code: f.code,
      title: FINDINGS[f.code].title,
      fix: FINDINGS[f.code].fix,
      severity: f.severity,
      findings: [],
    };
    g.findings.push(f);
    if (SEVERITY_RANK[f.severity] < SEVERITY_RANK[g.severity]) g.severity = f.severity;
    groups.set(f.code, g);
  }
  for (const g of groups.values()) g.findings.sort((a, b) => SEVERITY_RANK[a.severity] - SEVERITY_RANK[b.severity]);
  return [...groups.values()].sort(
    (a, b) =>
      SEVERITY_RANK[a.severity] - SEVERITY_RANK[b.severity] ||
      b.findings.length - a.findings.length ||
      a.code.localeCompare(b.code),
  );
}
