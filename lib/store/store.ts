import { appendAll } from "../append";
import { hostId } from "../contract/ids";
import type { Finding, Topology, TopologyElement } from "../contract/schema";
import type { ClusterSnapshot } from "../k8s/snapshot";
import type { ColumnWindow } from "../overview/columns";
import type { RowWindow } from "../overview/rows";
import type { ClusterOverview } from "../overview/schema";
import { usedBridges } from "../topology/networks";
import { ClusterNotes } from "./cluster-checks";
import { type Commit, elementJson, networkIds, outwardChange, relationsOf, type Shard, someShared } from "./commit";

export type { Commit };

import { CrossIndex } from "./cross-index";
import { DuplicateIndex } from "./duplicates";
import { ElementRevisions } from "./element-revisions";
import { buildNetworkStage, type NetworkStage, poolFindings } from "./global-stage";
import { Inputs, touches } from "./inputs";
import { overviewInputs } from "./overview-inputs";
import { OverviewMemo } from "./overview-memo";
import { ReservedIndex } from "./reserved-index";
import { buildShard, type ShardResult } from "./shard";
import { ShardIndex } from "./shard-index";
import { StreamBuild } from "./stream-build";
import { wholeTopology } from "./whole-topology";
import { WORKLOAD_OWNER } from "./workload-stage";

const NETWORKS = "\u0000networks";

/**
 * The topology kept up to date by parts. Each node is a shard (its host, points, pods and interfaces), built by
 * the full build's own stages; the networks and the cluster-wide checks (IP pools, duplicate addresses) are
 * kept beside them. A change rebuilds only the shards it touches, a few at a time (`step`), and becomes
 * visible at once when all are done (`commit`), with the revision of every element it changed.
 */
export class TopologyStore {
  revision = 0;
  private readonly inputs = new Inputs();
  private readonly shards = new Map<string, Shard>();
  private readonly pending = new Map<string, Shard | null>();
  private readonly dirty = new Set<string>();
  private networksDirty = true;
  private poolsDirty = true;
  private stage: NetworkStage = buildNetworkStage([], null);
  /** the stage's networks by id: a search index asks for each, and a scan per network would be n² */
  private networkById = new Map<string, TopologyElement>();
  private bridges: ReadonlySet<string> = new Set();
  private dhcp = false;
  /** the cross-host checks' findings, kept by network */
  private readonly cross = new CrossIndex();
  private readonly clusterNotes = new ClusterNotes();
  /** an input the cross-host or cluster checks read changed */
  private checksDirty = false;
  private networkJson = new Map<string, string>();
  private readonly duplicates = new DuplicateIndex();
  /** the addresses reserved for two pods, and the interfaces holding them, kept by shard */
  private readonly reserved = new ReservedIndex();
  private poolNotes: Finding[] = [];
  /** the source's notes and the NADs' and pools' findings as JSON, as last settled */
  private notesJson = "";
  /** element id → revision of its last change */
  readonly revisions = new ElementRevisions();
  /** element id → the shard that holds it */
  private readonly owner = new Map<string, string>();
  /** the shards of each namespace and network, with outward findings, with a host (kept per changed shard) */
  readonly index = new ShardIndex();

  /** Takes in the source's objects; nothing is visible until the work is done and committed. */
  sync(snap: ClusterSnapshot): void {
    const c = this.inputs.sync(snap);
    for (const s of c.shards) this.dirty.add(s);
    if (c.allShards) for (const s of [...this.inputs.allShards(), ...this.shards.keys()]) this.dirty.add(s);
    if (c.networks) this.networksDirty = true;
    if (c.pools || c.podSet || c.notes || touches(c, "network")) this.poolsDirty = true;
    // A shard's own pods rebuild it; any other input a host check reads rebuilds every shard.
    if (touches(c, "host", ["pods"])) for (const s of this.inputs.allShards()) this.dirty.add(s);
    if (touches(c, "cross-host") || touches(c, "cluster")) this.checksDirty = true;
    if (c.reservations || c.pools) this.reserved.stale = true; // what reservedTwice reads
  }

  /** Whether anything awaits building. */
  get busy(): boolean {
    const some =
      this.networksDirty || this.poolsDirty || this.checksDirty || this.reserved.stale || this.inputs.workloads.busy;
    return some || this.dirty.size > 0 || this.pending.size > 0;
  }

  /** Builds up to `budget` shards; returns true while shards remain. */
  step(budget = 8): boolean {
    if (this.networksDirty) {
      this.networksDirty = false;
      this.poolsDirty = true;
      const was = this.stage;
      this.stage = buildNetworkStage(this.inputs.nads.sorted(), this.inputs.operatorNetwork, this.inputs.extras());
      this.networkById = new Map(this.stage.elements.map((e) => [e.id, e]));
      this.bridges = usedBridges(this.stage.networks);
      this.dhcp = this.stage.elements.some((n) => n.ipam?.type === "dhcp" && !n.managedBy);
      // a UDN, policy, VM or Namespace change that leaves what the shards read as it was rebuilds no shard
      if (this.stage.reads !== was.reads) for (const s of this.inputs.allShards()) this.dirty.add(s);
    }
    for (const name of this.dirty) {
      if (budget-- <= 0) return true;
      this.dirty.delete(name);
      const input = this.inputs.shardInput(name, this.dhcp);
      if (!input) {
        this.pending.set(name, null);
        continue;
      }
      const result =
        this.streamed?.take(name, input, this.stage, this.bridges) ??
        buildShard(name, input, this.stage.networks, this.bridges, this.stage.extras);
      this.pending.set(name, { result, json: new Map() });
    }
    return this.dirty.size > 0;
  }
  shardsToBuild = (): number => this.dirty.size; // what the page is told while the first picture is built

  /** shards built as the first round's pods stream in (stream-build.ts), taken by the first commit */
  private streamed: StreamBuild | null = null;
  /** Before the first commit, every kind but pods in (snap): the networks are built now, for the pods to stream into. */
  streamFrom(snap: ClusterSnapshot): StreamBuild {
    this.sync(snap);
    this.step(0);
    const { nodes, states } = this.inputs;
    this.streamed = new StreamBuild(this.stage, { node: (n) => nodes.get(n), state: (n) => states.get(n) });
    return this.streamed;
  }

  /** Makes the built shards visible; null when nothing changed. Call once `step` returns false. */
  commit(): Commit | null {
    if (this.dirty.size > 0 || this.networksDirty) return null;
    const upserted = new Set<string>();
    const removed = new Set<string>();
    const revision = this.revision + 1;
    let relations = false;
    const crossDirty = this.pending.size > 0 || this.poolsDirty || this.checksDirty;
    const shards = new Set(this.pending.keys());
    let shared = false;
    const named = new Set<string>();
    for (const [name, next] of this.pending) {
      const before = this.shards.get(name);
      relations ||= relationsOf(before) !== relationsOf(next ?? undefined);
      shared = outwardChange(before, next ?? undefined, named) || shared;
      this.cross.replace(name, next?.result.cross);
      for (const id of before?.result.elements.keys() ?? []) {
        if (!next?.result.elements.has(id) && this.owner.get(id) === name) removed.add(id);
      }
      if (next) this.place(name, before, next, upserted, removed);
      else this.shards.delete(name);
      this.index.replace(name, before?.result, next?.result);
      this.duplicates.replace(name, next?.result.interfaces ?? []);
      this.reserved.replace(name, next?.result.interfaces ?? []);
    }
    this.pending.clear();
    this.streamed = null;
    for (const id of removed) {
      this.owner.delete(id);
      this.revisions.delete(id);
    }
    shared = this.settleGlobal(upserted, removed) || shared;
    shared =
      this.inputs.workloads.settle({ upserted, removed, owner: this.owner, revisions: this.revisions }) || shared;
    shared = this.duplicates.settle() || shared;
    shared =
      this.reserved.settle(this.inputs, () => [...this.shards].map(([n, s]) => [n, s.result.interfaces])) || shared;
    if (crossDirty) shared = this.settleCross(upserted, removed) || shared;
    relations ||= shared;
    if (upserted.size === 0 && removed.size === 0 && !relations) return null;
    this.revision = revision;
    this.revisions.commit(revision, upserted);
    shared ||= someShared(upserted) || someShared(removed);
    return { revision, upserted, removed, relations, shards, shared, named };
  }

  /** Puts a built shard in place: its elements that are new or different are upserted. */
  private place(name: string, before: Shard | undefined, next: Shard, upserted: Set<string>, removed: Set<string>) {
    this.shards.set(name, next);
    for (const id of next.result.elements.keys()) {
      const was = this.owner.get(id);
      // A new element is upserted as it is; one that was there is compared by its JSON.
      const old = was === undefined ? undefined : was === name ? before && elementJson(before, id) : this.jsonOf(id);
      this.owner.set(id, name);
      if (removed.size > 0) removed.delete(id); // a cold start's 71k ids, none removed
      if (old === undefined || old !== elementJson(next, id)) upserted.add(id);
    }
  }

  /** Runs every pending step and commits: what tests and the command line use. */
  flush(): Commit | null {
    while (this.step(Number.POSITIVE_INFINITY)) {}
    return this.commit();
  }

  /**
   * The checks across hosts, on the networks whose fragments (filed as the shards were placed) or elements changed,
   * or on all when their inputs did (cross-index.ts: one pod's new address on a bridge with an uplink is not their
   * business), and over the whole cluster (check-registry.ts); true when their findings changed.
   */
  private settleCross(upserted: ReadonlySet<string>, removed: ReadonlySet<string>): boolean {
    if (this.checksDirty) this.cross.touch("all");
    this.checksDirty = false;
    // a network's element changed (its config, its pool's use): its findings are judged again
    for (const ids of [upserted, removed]) this.cross.touch(networkIds(ids));
    const inputs = this.inputs.checkInputs();
    const changed = this.cross.settle(this.stage.elements, inputs, this.dhcp);
    const interfaces = () => [...this.shards.values()].map((s) => s.result.interfaces);
    return this.clusterNotes.settle(this.stage.elements, interfaces, inputs) || changed;
  }

  /** Pools, notes and networks settled again; true when a network or one of those findings changed. */
  private settleGlobal(upserted: Set<string>, removed: Set<string>): boolean {
    if (!this.poolsDirty) return false;
    this.poolsDirty = false;
    // whether a pod is there, asked of the intake (its key is the pod's namespace/name): not a set of every pod
    const podKeys = { has: (key: string) => this.inputs.pods.get(key) !== undefined };
    this.poolNotes = poolFindings(this.stage, podKeys, this.inputs.checkInputs());
    const notes = JSON.stringify([this.inputs.notes, this.inputs.refused(), this.stage.findings, this.poolNotes]);
    let changed = notes !== this.notesJson;
    this.notesJson = notes;
    const json = new Map(this.stage.elements.map((e) => [e.id, JSON.stringify(e)]));
    for (const [id, s] of json) {
      if (this.networkJson.get(id) !== s) upserted.add(id);
      this.owner.set(id, NETWORKS);
      removed.delete(id);
    }
    for (const id of this.networkJson.keys()) if (!json.has(id) && this.owner.get(id) === NETWORKS) removed.add(id);
    changed ||= json.size !== this.networkJson.size || [...json].some(([id, s]) => this.networkJson.get(id) !== s);
    this.networkJson = json;
    return changed;
  }

  /** An element's JSON as last committed. */
  jsonOf(id: string): string | undefined {
    const owner = this.owner.get(id);
    if (owner === undefined) return undefined;
    if (owner === WORKLOAD_OWNER) return this.inputs.workloads.json.get(id);
    if (owner === NETWORKS) return this.networkJson.get(id);
    const shard = this.shards.get(owner);
    return shard && elementJson(shard, id);
  }

  element(id: string): TopologyElement | undefined {
    const owner = this.owner.get(id);
    if (owner === undefined) return undefined;
    if (owner === NETWORKS) return this.networkById.get(id);
    if (owner === WORKLOAD_OWNER) return this.inputs.workloads.elements.get(id);
    return this.shards.get(owner)?.result.elements.get(id);
  }

  shard(name: string): ShardResult | undefined {
    return this.shards.get(name)?.result;
  }

  shardNames(): IterableIterator<string> {
    return this.shards.keys();
  }

  shardOfElement(id: string): string | undefined {
    return this.owner.get(id);
  }

  /** The node an element lies on (itself for a host); undefined for networks and unscheduled pods. */
  hostOf(id: string): string | undefined {
    const owner = this.owner.get(id);
    if (owner === undefined || owner === NETWORKS || owner === WORKLOAD_OWNER) return undefined;
    return this.shards.get(owner)?.result.elements.has(hostId(owner)) ? owner : undefined;
  }

  networks(): readonly TopologyElement[] {
    return this.stage.elements;
  }
  workloads(): IterableIterator<TopologyElement> {
    return this.inputs.workloads.elements.values();
  }

  /** Findings that belong to no node: the source's notes, the NADs', the pools', the cross-host and cluster checks'. */
  globalFindings(): Finding[] {
    return [
      ...this.inputs.notes,
      ...this.inputs.refused(),
      ...this.stage.findings,
      ...this.poolNotes,
      ...this.cross.findings(),
      ...this.clusterNotes.findings,
      ...this.reserved.findings(),
      ...this.duplicates.findings(),
      ...this.inputs.workloads.findings(),
    ];
  }

  private readonly overviewMemo = new OverviewMemo(() => overviewInputs(this, this.stage.elements, NETWORKS));

  /**
   * clusterOverview() of the whole topology, from each shard's share (kept until that shard changes); with a row window
   * `w`, windowOf(it, w, c), cut from its rows kept in order (overview-memo.ts).
   */
  overview(w?: RowWindow, c?: ColumnWindow): ClusterOverview {
    return w ? this.overviewMemo.window(this.revision, w, c) : this.overviewMemo.of(this.revision);
  }

  /** Every finding: the cluster-wide ones and each shard's. */
  findings(): Finding[] {
    const all = this.globalFindings();
    for (const { result } of this.shards.values()) appendAll(all, result.findings);
    return all;
  }

  /** The whole topology, in the full build's element and link order. */
  topology(): Topology {
    return wholeTopology(this);
  }
}
