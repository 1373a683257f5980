/**
 * What the store did, counted (not timed): tests read these to prove that one pod's change costs the same work at 1k
 * and at 10k pods. Plain counters, bumped where the work is done; nothing reads them to decide anything.
 */
const zero = () => ({
  /**
   * objects an intake checked by identity, a list taken whole (kind-intake.ts: a list made by a known change from the
   * last one — the live and demo sources' — is taken by that change alone)
   */
  checked: 0,
  /** objects an intake looked at beyond an identity check (keyed, grouped, judged) */
  judged: 0,
  /** objects listed whole, in order, by an intake (KindIntake.sorted: what a stage or check reading every one costs) */
  listed: 0,
  /** shards built by the shard stage */
  shardsBuilt: 0,
  /** shards filed in or out of the shard index */
  indexShards: 0,
  /** shards whose parts for views (shard-summary.ts partsOf: pods by namespace and network, links by end) were made */
  shardParts: 0,
  /** shards whose share of a namespace or network view was computed (not taken from the memo) */
  viewShares: 0,
  /**
   * elements and links a namespace or network view's change looked at (assembled-view.ts: those of the shares taken
   * out and put in, not the whole view)
   */
  viewElements: 0,
  /**
   * host rows of a namespace's or network's matrix made (kept-overview.ts: those a change touched; made whole from the
   * view, served-view.ts: every host of the view)
   */
  overviewRows: 0,
  /** shards a view read beyond those it draws (for their outward findings) */
  outwardShards: 0,
  /**
   * interfaces gathered for the cluster-wide checks: those judged from scratch (cluster-checks.ts: every interface;
   * none is, today) and the addresses reserved twice (reserved-index.ts: a rebuilt shard's interfaces while some
   * address is reserved twice, every shard's when an address comes to be)
   */
  clusterInterfaces: 0,
  /** pods' fragments the cross-host checks judged (cross-index.ts: those of the networks a change touched) */
  crossFragments: 0,
  /** elements of cluster-wide findings the overview's problem counts placed (global-problems.ts: a rebuilt shard's) */
  problemElements: 0,
  /**
   * hosts of the cluster's overview placed again in its row orders (overview-memo.ts, host-orders.ts: those a change
   * touched, each by binary search; a cut of the window sorted every host per refresh before)
   */
  clusterHosts: 0,
  /** cells of the cluster's overview made again (overview-memo.ts: those a change touched) */
  clusterCells: 0,
  /** cells read to cut the cluster view's row window (overview-memo.ts: the window's rows'; every cell before) */
  windowCells: 0,
  /**
   * elements looked at to trim findings naming many to those a view holds (held-findings.ts: a new finding's once, to
   * place them; the held elements, per finding trimmed for a new set of them; every element of every such finding per
   * refresh before)
   */
  heldElements: 0,
  /** catalogs made afresh */
  catalogs: 0,
});

export type Work = ReturnType<typeof zero>;
export const work: Work = zero();

/** The counters now, and zeroed. */
export function takeWork(): Work {
  const now = { ...work };
  Object.assign(work, zero());
  return now;
}
