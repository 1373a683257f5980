import { z } from "zod";

export const severitySchema = z.enum(["error", "warning", "info"]);
export type Severity = z.infer<typeof severitySchema>;

/** Worst first: the order findings are listed and grouped in. */
export const SEVERITY_RANK: Record<Severity, number> = { error: 0, warning: 1, info: 2 };

/** What the catalogue knows about one finding code. */
export interface FindingInfo {
  /** the severities the code is raised at, worst first (one code can be an error on a stuck pod, a warning on a running one) */
  severity: readonly [Severity, ...Severity[]];
  /** a short label, e.g. for a group heading */
  title: string;
  /** one sentence: what it means */
  meaning: string;
  /** one sentence: how to fix it */
  fix: string;
}
