import { compareCodePoints } from "../compare";
import { KIND_ORDER } from "../contract/kind-order";
import type { Finding, Topology, TopologyElement, TopologyLink } from "../contract/schema";
import type { ClusterOverview, ProblemCounts } from "../overview/schema";
import { applyOverviewDelta, decodeOverview } from "./overview-wire";
import type { SourceInfo, SourceStatus } from "./payload";
import type { Catalog, HostWindow, ViewDelta, ViewSnapshot } from "./view-protocol";

/** What the browser holds of its view: normalised by id, so a delta touches only what it names. */
export interface ViewState {
  revision: string;
  source: SourceInfo;
  status: SourceStatus;
  elements: ReadonlyMap<string, TopologyElement>;
  links: ReadonlyMap<string, TopologyLink>;
  /** by their JSON text, which is how the server names a finding it removes */
  findings: ReadonlyMap<string, Finding>;
  overview: ClusterOverview | null;
  catalog: Catalog;
  /** see ViewSnapshot.networksInUse */
  networksInUse: string[] | null;
  /** see ViewSnapshot.findingTotals: null, every finding of the view is held */
  findingTotals: ProblemCounts | null;
  /** see ViewSnapshot.hostWindow: null, every host of the view is held */
  hostWindow: HostWindow | null;
}

export const findingKey = (f: Finding): string => JSON.stringify(f);

export function fromSnapshot(m: ViewSnapshot): ViewState {
  return {
    revision: m.revision,
    source: m.source,
    status: m.status,
    elements: new Map(m.elements.map((e) => [e.id, e])),
    links: new Map(m.links.map((l) => [l.id, l])),
    findings: new Map(m.findings.map((f) => [findingKey(f), f])),
    overview: m.overview ? decodeOverview(m.overview) : null,
    catalog: m.catalog,
    networksInUse: m.networksInUse ?? null,
    findingTotals: m.findingTotals ?? null,
    hostWindow: m.hostWindow ?? null,
  };
}

function patch<T>(
  before: ReadonlyMap<string, T>,
  d: { upsert: T[]; remove: string[] },
  key: (v: T) => string,
): ReadonlyMap<string, T> {
  if (d.upsert.length === 0 && d.remove.length === 0) return before;
  const next = new Map(before);
  for (const k of d.remove) next.delete(k);
  for (const v of d.upsert) next.set(key(v), v);
  return next;
}

/** The state after a delta; null when the delta is not for this revision (the caller asks for a snapshot). */
export function applyDelta(s: ViewState, d: ViewDelta): ViewState | null {
  if (d.from !== s.revision) return null;
  if (d.overview && !s.overview) return null;
  return {
    ...s,
    revision: d.revision,
    status: d.status,
    elements: patch(s.elements, d.elements, (e) => e.id),
    links: patch(s.links, d.links, (l) => l.id),
    findings: patch(s.findings, d.findings, findingKey),
    overview: d.overview && s.overview ? applyOverviewDelta(s.overview, d.overview) : s.overview,
    catalog: d.catalog ?? s.catalog,
    networksInUse: d.networksInUse ?? s.networksInUse,
    findingTotals: d.findingTotals ?? s.findingTotals,
    hostWindow: d.hostWindow ?? s.hostWindow,
  };
}

/** The view as a topology, in the contract's order (parents before children), for the graph pipeline. */
export function topologyOf(s: ViewState): Topology {
  return {
    elements: [...s.elements.values()].sort(
      (a, b) => KIND_ORDER[a.kind] - KIND_ORDER[b.kind] || compareCodePoints(a.id, b.id),
    ),
    links: [...s.links.values()].sort((a, b) => compareCodePoints(a.id, b.id)),
    findings: [...s.findings.values()],
  };
}
