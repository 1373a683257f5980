import type { Topology, TopologyLink } from "@/lib/contract/schema";
import { type AssembledChange, AssembledView } from "@/lib/store/assembled-view";
import type { Commit } from "@/lib/store/commit";
import { type HostShares, hostShares, sameHosts, sentBy } from "@/lib/store/host-window";
import { KeptOverview } from "@/lib/store/kept-overview";
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
 * A namespace's or network's matrix after `step`: the view kept by parts and its overview kept by the same parts
 * (lib/store/kept-overview.ts), followed through the update, or both read whole.
 */
export function matrixAfter(
  store: TopologyStore,
  q: ViewQuery,
  was: { assembled: AssembledView; kept: KeptOverview } | null,
  step: Commit | null,
): { assembled: AssembledView; kept: KeptOverview } {
  const { assembled, change } = assembledAfter(store, q, was?.assembled ?? null, step);
  if (!change || !was) return { assembled, kept: new KeptOverview(assembled) };
  was.kept.update();
  return { assembled, kept: was.kept };
}

/**
 * A namespace or network view's next state and what changed in it, `sent` brought up to date. After the commit that
 * follows the state it was last read at (`step`), when that commit changed nothing shared and its window holds the
 * same hosts: from the shards the commit rebuilt, with only their ids compared with what was sent; else read whole
 * and compared whole, as any view. Only the shares of its window of hosts are sent (lib/store/host-window.ts).
 */
export function reassemble(
  store: TopologyStore,
  q: ViewQuery,
  sent: Sent,
  was: { assembled: AssembledView; held: HostShares } | null,
  step: Commit | null,
): {
  assembled: AssembledView;
  held: HostShares;
  elements: ViewDelta["elements"];
  links: ViewDelta["links"];
  findings: ViewDelta["findings"];
} {
  const json = (e: { id: string }) => store.jsonOf(e.id) ?? JSON.stringify(e);
  const linkJson = (l: { id: string }) => JSON.stringify(l);
  const { assembled: a, change } = assembledAfter(store, q, was?.assembled ?? null, step);
  const held = hostShares(a.shards, q.rows);
  const sends = sentBy(store, a.shards, held);
  const linkSent = (l: TopologyLink) => sends(l.source) && sends(l.target);
  let elements: ViewDelta["elements"];
  let links: ViewDelta["links"];
  if (change && sameHosts(was?.held ?? null, held)) {
    const element = (id: string) => (sends(id) ? a.elements.get(id) : undefined);
    const link = (id: string) => {
      const l = a.links.get(id);
      return l && linkSent(l) ? l : undefined;
    };
    elements = patchById(sent.elements, change.elements, element, json);
    links = patchById(sent.links, change.links, link, linkJson);
  } else {
    const t = windowed(a, held, sends);
    const e = diffById(sent.elements, t.elements, json);
    const l = diffById(sent.links, t.links, linkJson);
    sent.elements = e.sent;
    sent.links = l.sent;
    elements = e.delta;
    links = l.delta;
  }
  const findings = diffFindings(sent.findings, a.findings);
  sent.findings = findings.sent;
  return { assembled: a, held, elements, links, findings: findings.delta };
}

/** The view as sent: its topology, of its drawn shards only those in the window. */
export function windowed(a: AssembledView, held: HostShares, sends: (id: string) => boolean): Topology {
  const t = a.topology();
  if (held.window === null) return t;
  return {
    elements: t.elements.filter((e) => sends(e.id)),
    links: t.links.filter((l) => sends(l.source) && sends(l.target)),
    findings: t.findings,
  };
}
