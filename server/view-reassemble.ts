import { type AssembledChange, AssembledView } from "@/lib/store/assembled-view";
import type { Commit } from "@/lib/store/commit";
import type { TopologyStore } from "@/lib/store/store";
import type { ViewDelta, ViewQuery } from "@/lib/wire/view-protocol";
import { diffById, diffFindings, patchById, type Sent } from "./view-diff";

/** A namespace or network view sent as its elements: kept by parts (lib/store/assembled-view.ts). */
export const assembles = (q: ViewQuery): boolean => !q.aggregate && !q.host && !q.pod && !!(q.namespace || q.network);

/** A namespace- or network-filtered view the page may draw as the matrix: what its filters keep is kept by parts. */
export const aggregates = (q: ViewQuery): boolean => !!q.aggregate && !q.host && !q.pod && !!(q.namespace || q.network);

/** The view's parts after `step` (the commit after the state `was` was read at) and what changed, or read whole. */
export function assembledAfter(
  store: TopologyStore,
  q: ViewQuery,
  was: AssembledView | null,
  step: Commit | null,
): { assembled: AssembledView; change: AssembledChange | null } {
  if (!was || !step || step.shared) {
    return { assembled: AssembledView.whole(store, { namespace: q.namespace, network: q.network }), change: null };
  }
  return { assembled: was, change: was.update(store, step) };
}

/**
 * A namespace or network view's next state and what changed in it, `sent` brought up to date. After the commit that
 * follows the state it was last read at (`step`), when that commit changed nothing shared: from the shards the commit
 * rebuilt, with only their ids compared with what was sent; else read whole and compared whole, as any view.
 */
export function reassemble(
  store: TopologyStore,
  q: ViewQuery,
  sent: Sent,
  was: AssembledView | null,
  step: Commit | null,
): {
  assembled: AssembledView;
  elements: ViewDelta["elements"];
  links: ViewDelta["links"];
  findings: ViewDelta["findings"];
} {
  const json = (e: { id: string }) => store.jsonOf(e.id) ?? JSON.stringify(e);
  const linkJson = (l: { id: string }) => JSON.stringify(l);
  const { assembled: a, change } = assembledAfter(store, q, was, step);
  let elements: ViewDelta["elements"];
  let links: ViewDelta["links"];
  if (change) {
    elements = patchById(sent.elements, change.elements, (id) => a.elements.get(id), json);
    links = patchById(sent.links, change.links, (id) => a.links.get(id), linkJson);
  } else {
    const e = diffById(sent.elements, [...a.elements.values()], json);
    const l = diffById(sent.links, [...a.links.values()], linkJson);
    sent.elements = e.sent;
    sent.links = l.sent;
    elements = e.delta;
    links = l.delta;
  }
  const findings = diffFindings(sent.findings, a.findings);
  sent.findings = findings.sent;
  return { assembled: a, elements, links, findings: findings.delta };
}
