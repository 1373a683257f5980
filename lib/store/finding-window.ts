import { compareCodePoints } from "../compare";
import type { Finding } from "../contract/schema";
import { SEVERITY_RANK } from "../findings/info";
import type { ProblemCounts } from "../overview/schema";
import { findingKey } from "../wire/view-state";

/**
 * The findings a view sent as its overview carries: the worst first, this many at most, with the count of every one by
 * severity. A cluster in trouble at OpenShift's largest can hold thousands of findings (the bench's 150,000 pods: 62,
 * 129 KiB of the cluster view's first message), while the panel shows a screenful; the page says how many more there
 * are and asks for them (ViewQuery.findings; absent: FINDINGS_PAGE), never a silently shorter list.
 */

export interface FindingWindow {
  /** the first `limit` findings, each once, worst first (then by code, message and elements) */
  findings: Finding[];
  /** every distinct finding of the view, by severity */
  totals: ProblemCounts;
}

const keys = new WeakMap<Finding, string>();
/** A finding's JSON text (how the wire names it), made once per finding object: a shard's findings stay the same objects until it is rebuilt. */
export const keyOf = (f: Finding): string => {
  let k = keys.get(f);
  if (k === undefined) {
    k = findingKey(f);
    keys.set(f, k);
  }
  return k;
};

const worstFirst = (a: Finding, b: Finding): number =>
  SEVERITY_RANK[a.severity] - SEVERITY_RANK[b.severity] ||
  compareCodePoints(a.code, b.code) ||
  compareCodePoints(keyOf(a), keyOf(b));

export function findingWindow(findings: readonly Finding[], limit: number): FindingWindow {
  const byKey = new Map<string, Finding>();
  for (const f of findings) if (!byKey.has(keyOf(f))) byKey.set(keyOf(f), f);
  const totals: ProblemCounts = { error: 0, warning: 0, info: 0 };
  for (const f of byKey.values()) totals[f.severity]++;
  const all = [...byKey.values()];
  return { findings: all.length <= limit ? all : all.sort(worstFirst).slice(0, limit), totals };
}
