import { compareCodePoints } from "../compare";
import { hostId, podIdOfRef } from "../contract/ids";
import { KIND_ORDER } from "../contract/kind-order";
import type { Topology, TopologyElement } from "../contract/schema";
import type { Criteria } from "../match/filter";
import { clusterOverview } from "../overview/cluster-overview";
import { DEFAULT_COLUMNS } from "../overview/columns";
import { DEFAULT_ROWS, windowOf } from "../overview/rows";
import type { ClusterOverview, ProblemCounts } from "../overview/schema";
import { hostsAndPods, pastMatrixThresholds, pastNetworkGraph } from "../overview/thresholds";
import { FINDINGS_PAGE, type HostWindow, type ViewQuery } from "../wire/view-protocol";
import type { AssembledView } from "./assembled-view";
import type { Commit } from "./commit";
import { findingWindow } from "./finding-window";
import { heldFindings } from "./held-findings";
import type { KeptOverview } from "./kept-overview";
import { mayHold } from "./shard-summary";
import type { TopologyStore } from "./store";
import { type DrawnView, drawView, isEmpty, isOverviewScale } from "./view";
import { work } from "./work";

/** What one view sends: its topology, and for the matrix its overview (then the topology holds no pods). */
export interface ServedView {
  topology: Topology;
  overview: ClusterOverview | null;
  /** with a filtered overview: the networks its interfaces use, for colours (see ViewSnapshot.networksInUse) */
  networksInUse: string[] | null;
  /** an overview's findings by severity, of which its topology holds the worst (finding-window.ts); else null */
  findingTotals: ProblemCounts | null;
  /** a namespace or network view sent as its elements, past its window of hosts (host-window.ts); else absent */
  hostWindow?: HostWindow | null;
  /** the shards it drew from (DrawnView.shards) */
  shards: ReadonlySet<string>;
  /** its elements' ids, when it keeps them (assembled-view.ts): else made from the topology when first asked */
  ids?: { has(id: string): boolean };
}

const criteria = (q: ViewQuery): Criteria => ({
  ...(q.namespace ? { namespace: q.namespace } : {}),
  ...(q.network ? { network: q.network } : {}),
  ...(q.host ? { host: q.host } : {}),
  ...(q.pod ? { pod: q.pod } : {}),
});

/**
 * What the matrix and the panels beside it read: the networks of the columns sent (their details; colours come from
 * the catalog's names), workloads (the bar), and the hosts of the rows sent (the details of a host picked there); the
 * other hosts and networks come with their rows and columns.
 */
const besideMatrix = (e: TopologyElement, rows: ReadonlySet<string>, columns: ReadonlySet<string> | null): boolean =>
  e.kind === "workload" ||
  (e.kind === "network" && (columns === null || columns.has(e.id))) ||
  (e.kind === "host" && rows.has(e.id));

/** The networks an overview window holds, when it leaves some out (else null: every one). */
const columnsOf = (o: ClusterOverview): ReadonlySet<string> | null =>
  o.window?.columns ? new Set(o.networks.map((n) => n.id)) : null;

/**
 * The view a query asks for. The whole cluster past the thresholds is the store's overview, with hosts and networks;
 * a filtered cluster view the page draws as the matrix (`aggregate`) is, past the same thresholds, the overview of
 * what the filters keep — exactly what the page would aggregate from the pods — with its hosts, networks, workloads
 * and findings, so a namespace of thousands of pods is a few kilobytes (a network's view as the page asks for it,
 * aggregate "network": past the network graph's bounds). Anything else is its elements. `drawn`: what
 * the criteria keep, when the caller keeps it (a channel's AssembledView), else drawn here.
 */
export function servedView(store: TopologyStore, q: ViewQuery, drawn?: () => DrawnView): ServedView {
  const c = criteria(q);
  if (isEmpty(c) && isOverviewScale(store)) {
    const overview = store.overview(q.rows ?? DEFAULT_ROWS, q.columns ?? DEFAULT_COLUMNS);
    const columns = columnsOf(overview);
    const elements = store.networks().filter((e) => e.kind !== "network" || columns === null || columns.has(e.id));
    for (const h of overview.hosts) {
      const host = store.shard(h.name)?.elements.get(hostId(h.name));
      if (host) elements.push(host);
    }
    const { findings, totals } = findingWindow(heldFindings(store.findings(), elements), q.findings ?? FINDINGS_PAGE);
    return {
      topology: { elements, links: [], findings },
      overview,
      networksInUse: null,
      findingTotals: totals,
      shards: new Set(store.shardNames()),
    };
  }
  // what the filters keep: drawn here, or given as kept by parts (assembled-view.ts; the same view)
  const { topology: t, shards } = drawn?.() ?? drawView(store, c);
  const past = q.aggregate === "network" ? pastNetworkGraph : pastMatrixThresholds;
  if (!q.aggregate || c.host || c.pod || isEmpty(c) || !past(hostsAndPods(t))) {
    return { topology: t, overview: null, networksInUse: null, findingTotals: null, shards };
  }
  const inUse = new Set<string>();
  for (const e of t.elements) if (e.kind === "interface" && !e.isDefault) inUse.add(e.network);
  const whole = clusterOverview(t);
  work.overviewRows += whole.hosts.length;
  const overview = windowOf(whole, q.rows ?? DEFAULT_ROWS, q.columns ?? DEFAULT_COLUMNS);
  const rows = new Set(overview.hosts.map((h) => h.id));
  const columns = columnsOf(overview);
  const elements = t.elements.filter((e) => besideMatrix(e, rows, columns));
  const { findings, totals } = findingWindow(heldFindings(t.findings, elements), q.findings ?? FINDINGS_PAGE);
  return {
    topology: { elements, links: [], findings },
    overview,
    networksInUse: [...inUse].sort(),
    findingTotals: totals,
    shards,
  };
}

/**
 * servedView of a namespace or network view the page draws as the matrix (`aggregate`), from its parts kept
 * (assembled-view.ts) and its overview kept by them (kept-overview.ts): the same answer, without drawing the view's
 * topology, indexing it, counting its every pod and cell, and filtering its every element per change.
 */
export function servedKept(store: TopologyStore, q: ViewQuery, a: AssembledView, k: KeptOverview): ServedView {
  const past = q.aggregate === "network" ? pastNetworkGraph : pastMatrixThresholds;
  if (!k.exact || !past({ hosts: k.hostCount, pods: k.podCount })) {
    return servedView(store, q, () => ({ topology: a.topology(), shards: a.shards }));
  }
  const overview = k.overview(a.findings.length, q.rows ?? DEFAULT_ROWS, q.columns ?? DEFAULT_COLUMNS);
  const columns = columnsOf(overview);
  const elements: TopologyElement[] = [];
  for (const h of overview.hosts) {
    const e = a.elements.get(h.id);
    if (e) elements.push(e);
  }
  for (const n of k.networks) if (columns === null || columns.has(n.id)) elements.push(n);
  for (const id of a.workloads) {
    const e = a.elements.get(id);
    if (e) elements.push(e);
  }
  elements.sort((x, y) => KIND_ORDER[x.kind] - KIND_ORDER[y.kind] || compareCodePoints(x.id, y.id));
  const { findings, totals } = findingWindow(heldFindings(a.findings, elements), q.findings ?? FINDINGS_PAGE);
  return {
    topology: { elements, links: [], findings },
    overview,
    networksInUse: k.networksInUse(),
    findingTotals: totals,
    shards: a.shards,
  };
}

const held = new WeakMap<ServedView, Set<string>>();
/** The ids of a view's elements, made when a commit first asks. */
function heldIds(view: ServedView): { has(id: string): boolean } {
  if (view.ids) return view.ids;
  let ids = held.get(view);
  if (!ids) {
    ids = new Set(view.topology.elements.map((e) => e.id));
    held.set(view, ids);
  }
  return ids;
}

/**
 * Whether a commit can change a view served as `before` (at the revision just before the commit's). Every view reads
 * the networks, the workloads and the findings outside shards (`commit.shared`); beyond those a host or pod view reads
 * its one shard, a namespace or network view the shards that hold its pods, before or now. False: the view is as it
 * was, and is not computed again.
 */
export function touchedBy(store: TopologyStore, q: ViewQuery, before: ServedView, commit: Commit): boolean {
  const c = criteria(q);
  if (isEmpty(c) || commit.shared) return true;
  for (const name of before.shards) if (commit.shards.has(name)) return true;
  if (commit.named.size > 0) {
    // A filtered overview holds no pods or interfaces to look the names up in.
    if (before.overview) return true;
    const held = heldIds(before);
    for (const id of commit.named) if (held.has(id)) return true;
  }
  if (c.host || c.pod) {
    const own = c.host ?? store.shardOfElement(podIdOfRef(c.pod ?? ""));
    return own !== undefined && commit.shards.has(own);
  }
  for (const name of commit.shards) {
    const r = store.shard(name);
    if (r && mayHold(r, c)) return true;
  }
  return false;
}
