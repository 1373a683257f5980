import { DEFAULT_COLUMNS } from "@/lib/overview/columns";
import { DEFAULT_ROWS } from "@/lib/overview/rows";
import type { ClusterOverview } from "@/lib/overview/schema";
import type { AssembledView } from "@/lib/store/assembled-view";
import type { Commit } from "@/lib/store/commit";
import { type HostShares, sentBy } from "@/lib/store/host-window";
import type { KeptOverview } from "@/lib/store/kept-overview";
import { overviewChange } from "@/lib/store/overview-memo";
import { type ServedView, servedKept, servedView, touchedBy } from "@/lib/store/served-view";
import { catalogJson, catalogOf } from "@/lib/store/view";
import { diffOverview, diffOverviewChange, encodeOverview, sentOverview } from "@/lib/wire/overview-wire";
import { FINDINGS_PAGE, type ViewDelta, type ViewQuery, type ViewSnapshot } from "@/lib/wire/view-protocol";
import { revisionLabel } from "./topology-cache";
import type { TopologyFeed } from "./topology-feed";
import { diffById, diffFindings, distinct, type Sent } from "./view-diff";
import { aggregates, assembles, matrixAfter, reassemble, windowed } from "./view-reassemble";

/** Deltas kept for subscribers that fall a little behind; further back, they get a snapshot. */
const HISTORY = 32;

/**
 * One view (criteria) of one source, shared by every subscriber of that identity asking for it: on each change the
 * delta is computed once and serialised once, and every subscriber sends the same text.
 */
export class ViewChannel {
  revision = "";
  private sent: Sent = {
    elements: new Map(),
    links: new Map(),
    findings: new Map(),
    overview: null,
    catalog: "",
    networksInUse: "null",
    findingTotals: "null",
    hostWindow: "null",
  };
  /** the view at the channel's revision, computed once for its delta and its snapshot */
  private view: ServedView | null = null;
  /** the overview last compared with what was sent */
  private overviewFrom: ClusterOverview | null = null;
  /** the store's revision `view` was computed at (or found untouched at) */
  private viewRevision = -1;
  /** a namespace or network view, kept by parts (assembled-view.ts) */
  private assembled: AssembledView | null = null;
  /** such a view sent as the matrix, and its overview kept by the same parts (view-reassemble.ts matrixAfter) */
  private matrix: { assembled: AssembledView; kept: KeptOverview } | null = null;
  /** such a view's window of hosts (lib/store/host-window.ts) as last sent */
  private held: HostShares | null = null;
  private history: { from: string; revision: string; text: string }[] = [];
  private snapshotText: { revision: string; text: string } | null = null;
  private readonly waiters = new Set<() => void>();
  subscribers = 0;
  /** set while the channel has no subscriber: it ends when this fires (joinChannel's LINGER_MS) */
  idle: ReturnType<typeof setTimeout> | undefined = undefined;

  constructor(
    private readonly feed: TopologyFeed,
    readonly query: ViewQuery,
  ) {
    this.refresh();
  }

  /** Messages that bring a subscriber at `revision` up to date: the deltas since, or else one snapshot. */
  since(revision: string | null): { revision: string; text: string }[] {
    if (revision === this.revision) return [];
    const start = this.history.findIndex((h) => h.from === revision);
    if (revision !== null && start >= 0) return this.history.slice(start);
    return [{ revision: this.revision, text: this.snapshot() }];
  }

  /**
   * Resolves at the channel's next change or when the signal aborts. The abort listener goes with the wait: the
   * signal is the subscription's, alive for hours, and a listener left per change would hold one closure each.
   */
  next(signal?: AbortSignal): Promise<void> {
    return new Promise((resolve) => {
      const done = (): void => {
        this.waiters.delete(done);
        signal?.removeEventListener("abort", done);
        resolve();
      };
      this.waiters.add(done);
      signal?.addEventListener("abort", done, { once: true });
    });
  }

  /**
   * Takes in the store's latest commit (null: a status change), or, without one, reads the view afresh: one delta
   * for everyone, when anything changed. A commit that touches nothing this view reads (touchedBy) costs it an empty
   * delta, not a new computation: one pod's change recomputes the views that show it, not all twenty.
   */
  refresh(commit?: Commit | null): void {
    const store = this.feed.store;
    const source = this.feed.source;
    const revision = revisionLabel(source, store.revision, this.feed.statusSeq);
    if (revision === this.revision) return;
    const before = this.view;
    const kept =
      before !== null &&
      commit !== undefined &&
      (commit === null
        ? store.revision === this.viewRevision
        : commit.revision === this.viewRevision + 1 && !touchedBy(store, this.query, before, commit));
    const delta = kept ? this.emptyDelta(revision) : this.recompute(revision, commit);
    this.viewRevision = store.revision;
    if (delta === null) this.history = [];
    else if (this.revision)
      this.history = [...this.history, { from: this.revision, revision, text: JSON.stringify(delta) }];
    this.history = this.history.slice(-HISTORY);
    this.revision = revision;
    this.snapshotText = null;
    for (const wake of [...this.waiters]) wake();
  }

  /** The delta of a view that did not change: the status and the catalog, which every view carries. */
  private emptyDelta(revision: string): ViewDelta {
    const none = { upsert: [], remove: [] };
    return {
      type: "delta",
      from: this.revision,
      revision,
      status: this.feed.source.status(),
      elements: none,
      links: none,
      findings: none,
      overview: null,
      catalog: this.catalogDelta(),
    };
  }

  private catalogDelta() {
    const store = this.feed.store;
    const json = catalogJson(store);
    if (json === this.sent.catalog) return null;
    this.sent.catalog = json;
    return catalogOf(store);
  }

  /** The view computed again and compared with what was sent; null when it changed shape (a snapshot for all). */
  private recompute(revision: string, commit?: Commit | null): ViewDelta | null {
    const store = this.feed.store;
    if (assembles(this.query)) return this.reassemble(revision, commit);
    const view = this.served(commit);
    // A view that turns from elements into an overview (or back) is sent whole: every subscriber gets a snapshot.
    const reshaped = this.revision !== "" && (view.overview === null) !== (this.sent.overview === null);
    this.view = view;
    const t = view.topology;
    const elements = diffById(this.sent.elements, t.elements, (e) => store.jsonOf(e.id) ?? JSON.stringify(e));
    const links = diffById(this.sent.links, t.links, (l) => JSON.stringify(l));
    const findings = diffFindings(this.sent.findings, t.findings);
    const overview = this.overviewDelta(view);
    const networksInUse = JSON.stringify(view.networksInUse);
    const findingTotals = JSON.stringify(view.findingTotals);
    const delta: ViewDelta = {
      type: "delta",
      from: this.revision,
      revision,
      status: this.feed.source.status(),
      elements: elements.delta,
      links: links.delta,
      findings: findings.delta,
      overview,
      catalog: this.catalogDelta(),
      ...(view.networksInUse && networksInUse !== this.sent.networksInUse ? { networksInUse: view.networksInUse } : {}),
      ...(view.findingTotals && findingTotals !== this.sent.findingTotals ? { findingTotals: view.findingTotals } : {}),
    };
    const lists = { elements: elements.sent, links: links.sent, findings: findings.sent };
    this.sent = { ...this.sent, ...lists, networksInUse, findingTotals };
    return reshaped ? null : delta;
  }

  /** The view now; a filtered one the page draws as the matrix from what its filters keep, kept by parts. */
  private served(commit: Commit | null | undefined): ServedView {
    const store = this.feed.store;
    if (!aggregates(this.query)) return servedView(store, this.query);
    const step = commit && commit.revision === this.viewRevision + 1 ? commit : null;
    this.matrix = matrixAfter(store, this.query, this.matrix, step);
    return servedKept(store, this.query, this.matrix.assembled, this.matrix.kept);
  }

  /** A namespace or network view (view-reassemble.ts): the view kept by parts, compared where it changed. */
  private reassemble(revision: string, commit: Commit | null | undefined): ViewDelta | null {
    const store = this.feed.store;
    const step = commit && commit.revision === this.viewRevision + 1 ? commit : null;
    const was = this.assembled && this.held ? { assembled: this.assembled, held: this.held } : null;
    const { assembled: a, held, elements, links, findings } = reassemble(store, this.query, this.sent, was, step);
    // a window of hosts that comes or goes (the view grew past its window, or shrank into it) is sent whole
    const reshaped = this.revision !== "" && (held.window === null) !== (this.held?.window == null);
    this.assembled = a;
    this.held = held;
    const sends = sentBy(store, a.shards, held);
    this.view = {
      get topology() {
        return windowed(a, held, sends);
      },
      overview: null,
      networksInUse: null,
      findingTotals: null,
      hostWindow: held.window,
      shards: a.shards,
      ids: a.elements,
    };
    const hostWindow = JSON.stringify(held.window);
    const moved = held.window && hostWindow !== this.sent.hostWindow ? { hostWindow: held.window } : {};
    this.sent.hostWindow = hostWindow;
    const status = this.feed.source.status();
    const none = { overview: null, catalog: this.catalogDelta() };
    if (reshaped) return null;
    return { type: "delta", from: this.revision, revision, status, elements, links, findings, ...none, ...moved };
  }

  private overviewDelta(view: ServedView) {
    const next = view.overview;
    const was = this.overviewFrom;
    this.overviewFrom = next;
    if (!next) {
      this.sent.overview = null;
      return null;
    }
    if (!this.sent.overview) {
      this.sent.overview = sentOverview(next);
      return null; // a new overview travels in a snapshot (the history was cleared for it)
    }
    // The store's overview says what changed since the one this channel sent last: only that is compared. A row
    // window (every overview the page asks for) is compared whole: it is the rows in sight.
    const change = overviewChange(next);
    const [delta, now] =
      change && was && change.from === was
        ? diffOverviewChange(this.sent.overview, next, change)
        : diffOverview(this.sent.overview, next);
    this.sent.overview = now;
    return delta;
  }

  private snapshot(): string {
    if (this.snapshotText?.revision === this.revision) return this.snapshotText.text;
    const store = this.feed.store;
    const view = this.view ?? servedView(store, this.query);
    const message: ViewSnapshot = {
      type: "snapshot",
      revision: this.revision,
      source: this.feed.source.info,
      status: this.feed.source.status(),
      elements: view.topology.elements,
      links: view.topology.links,
      findings: distinct(view.topology.findings),
      overview: view.overview ? encodeOverview(view.overview) : null,
      catalog: catalogOf(store),
      ...(view.networksInUse ? { networksInUse: view.networksInUse } : {}),
      ...(view.findingTotals ? { findingTotals: view.findingTotals } : {}),
      ...(view.hostWindow ? { hostWindow: view.hostWindow } : {}),
    };
    this.snapshotText = { revision: this.revision, text: JSON.stringify(message) };
    return this.snapshotText.text;
  }
}

const channels = new WeakMap<TopologyFeed, Map<string, ViewChannel>>();

/**
 * How long a channel outlives its last subscriber. A view left and asked again soon (a filter undone, a host opened
 * again from the matrix, the host a search hit was fetched ahead for and then picked) is answered from the channel
 * kept, up to date, instead of being computed again; meanwhile it takes each change like any other channel.
 */
export const LINGER_MS = 5_000;

/** The channel of a view; every subscriber of one identity asking for the same view shares it. */
export function joinChannel(feed: TopologyFeed, query: ViewQuery): { channel: ViewChannel; leave: () => void } {
  let byKey = channels.get(feed);
  if (!byKey) {
    const map = new Map<string, ViewChannel>();
    byKey = map;
    channels.set(feed, map);
    feed.listen((commit) => {
      for (const ch of map.values()) ch.refresh(commit);
    });
  }
  // `aggregate` only changes what a host-less filtered view sends: the same view without it shares the channel. Rows
  // and the findings asked for only change what an overview sends (the whole cluster, or an aggregate): elsewhere they
  // share it too.
  const aggregate = aggregates(query) && query.aggregate;
  const overview = !!aggregate || !(query.namespace || query.network || query.host || query.pod);
  // A namespace or network view sent as its elements sends the window of hosts its rows ask for (host-window.ts).
  const rows = overview
    ? JSON.stringify([query.rows ?? DEFAULT_ROWS, query.columns ?? DEFAULT_COLUMNS, query.findings ?? FINDINGS_PAGE])
    : assembles(query)
      ? JSON.stringify([query.rows?.offset ?? 0, query.rows?.limit ?? DEFAULT_ROWS.limit])
      : "";
  const key = JSON.stringify([query.namespace, query.network, query.host, query.pod, aggregate, rows]);
  const map = byKey;
  const channel = map.get(key) ?? new ViewChannel(feed, query);
  map.set(key, channel);
  channel.subscribers++;
  clearTimeout(channel.idle);
  channel.idle = undefined;
  let left = false;
  return {
    channel,
    leave: () => {
      if (left) return;
      left = true;
      channel.subscribers--;
      if (channel.subscribers > 0) return;
      clearTimeout(channel.idle);
      channel.idle = setTimeout(() => {
        channel.idle = undefined;
        if (channel.subscribers === 0 && map.get(key) === channel) map.delete(key);
      }, LINGER_MS);
      // A kept channel never holds a process (a test, a CLI) open.
      channel.idle.unref?.();
    },
  };
}
