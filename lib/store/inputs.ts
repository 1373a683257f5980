import type { Finding } from "../contract/schema";
import { boundEventsPerNamespace } from "../events/budget";
import { podNetworkEvents } from "../events/select";
import { type KubeObject, keyOf } from "../k8s/objects";
import type { ClusterSnapshot } from "../k8s/snapshot";
import { reportedCount } from "../node-links/to-nns";
import { type CheckInputs, type CheckScope, checksOf } from "../topology/check-registry";
import { type ClusterExtras, EXTRA_KINDS, extraObjectsOf, readExtras } from "../topology/extras";
import type { NnsAvailability } from "../topology/hosts";
import { KindIntake } from "./kind-intake";
import { type ShardInput, shardOf } from "./shard";
import { WorkloadStage } from "./workload-stage";

/** What changed between two snapshots, found by object identity: sources hand out a new object per change. */
export interface InputChanges {
  /** node names whose shard must be built again */
  shards: Set<string>;
  networks: boolean;
  pools: boolean;
  /** OverlappingRangeIPReservations came, went or changed */
  reservations: boolean;
  /** some pod came, went or changed */
  pods: boolean;
  /** pods came or went (pool allocations are judged against the set of pods) */
  podSet: boolean;
  notes: boolean;
  /** what every host without NodeNetworkState is told changed */
  allShards: boolean;
}

/** Which change of the store's inputs a check input follows (a new input must say, or this does not compile). */
const CHANGED_BY: Record<keyof CheckInputs, "pods" | "pools" | "reservations" | "notes"> = {
  pods: "pods",
  ipPools: "pools",
  ipReservations: "reservations",
  podsComplete: "notes",
};

/**
 * Some check of the scope reads an input the change touched (`own`: inputs a shard's rebuild already covers). A check
 * the store keeps per address follows its inputs in its own index (store.ts), not here.
 */
export const touches = (c: InputChanges, scope: CheckScope, own: readonly (keyof CheckInputs)[] = []): boolean =>
  checksOf(scope).some((k) => !k.perAddress && k.reads.some((r) => !own.includes(r) && c[CHANGED_BY[r]]));

const podKey = (p: KubeObject): string => `${p.metadata.namespace}/${p.metadata.name}`;

/** The objects the store was last given, taken in as the build takes them in, with the pods grouped by node. */
export class Inputs {
  readonly nodes = new KindIntake({ label: "Node", namespaced: false });
  readonly states = new KindIntake({ label: "NodeNetworkState", namespaced: false });
  readonly nads = new KindIntake({ label: "NetworkAttachmentDefinition", namespaced: true });
  readonly pods = new KindIntake({ label: "Pod", namespaced: true });
  readonly pools = new KindIntake({ label: "IPPool", namespaced: true });
  readonly reservations = new KindIntake({ label: "OverlappingRangeIPReservation", namespaced: true });
  /** UDNs, CUDNs, MultiNetworkPolicies, VMs, VMIs and Namespaces, one intake per kind (lib/topology/extras.ts) */
  readonly extraIntakes = EXTRA_KINDS.map((k) => ({ kind: k, intake: new KindIntake(k) }));
  /** the workloads, with the pods grouped by namespace (built in the store's commit) */
  readonly workloads = new WorkloadStage();
  readonly podsByShard = new Map<string, Map<string, KubeObject>>();
  /** network events by the pod they are about ("namespace/name"); a shard's pods take theirs */
  readonly eventsByPod = new Map<string, Map<string, KubeObject>>();
  private readonly events = new Map<string, { event: KubeObject; pod: string | null }>();
  operatorNetwork: KubeObject | null = null;
  notes: Finding[] = [];
  incomplete: string[] = [];
  absent: string[] = [];
  /** NodeNetworkState objects as listed (the count the build's inferred-host reasons read), and the list counted */
  private nnsListed = 0;
  private nnsIn: readonly KubeObject[] | null = null;
  private eventsIn: { list: readonly KubeObject[]; bounded: ReturnType<typeof boundEventsPerNamespace> } | null = null;

  /** Takes in a snapshot; the changes say which parts of the topology it touches. */
  sync(snap: ClusterSnapshot): InputChanges {
    const c: InputChanges = {
      shards: new Set(),
      networks: false,
      pools: false,
      reservations: false,
      pods: false,
      podSet: false,
      notes: false,
      allShards: false,
    };
    const node = (o: KubeObject | undefined) => o && c.shards.add(o.metadata.name);
    this.nodes.sync(snap.nodes, (a, b) => [a, b].forEach(node));
    this.states.sync(snap.nodeNetworkStates, (a, b) => [a, b].forEach(node));
    c.networks = this.nads.sync(snap.nads, () => {});
    c.pools = this.pools.sync(snap.ipPools, () => {});
    c.reservations = this.reservations.sync(snap.ipReservations, () => {});
    this.pods.sync(snap.pods, (before, after) => {
      c.pods = true;
      if (!before || !after) c.podSet = true;
      if (before) this.place(before, false, c.shards);
      if (after) this.place(after, true, c.shards);
      this.workloads.pod(before, after);
    });
    this.workloads.syncWorkloads(snap.workloads);
    // What they say hangs off the networks and every pod: a change rebuilds the network stage (and so every shard).
    for (const { kind, intake } of this.extraIntakes)
      if (intake.sync(this.extraObjects(snap, kind), () => {})) c.networks = true;
    // A refused object is a cluster-wide finding: judged with the notes.
    const kinds = [
      this.nodes,
      this.states,
      this.nads,
      this.pods,
      this.pools,
      this.reservations,
      ...this.workloads.intakes,
      ...this.extraIntakes.map((e) => e.intake),
    ];
    if (kinds.map((k) => k.takeRefusedChange()).includes(true)) c.notes = true;
    // as the full build reads them: at most EVENTS_PER_NAMESPACE per namespace, the bound's warnings with the notes
    // the same list of events (a pod's change) costs nothing: bounded and filed again only when it is another
    if (snap.events !== this.eventsIn?.list) {
      this.eventsIn = { list: snap.events, bounded: boundEventsPerNamespace(snap.events) };
      this.syncEvents(this.eventsIn.bounded.events, c.shards);
    }
    const events = this.eventsIn.bounded;
    const notes = events.notes.length ? [...snap.notes, ...events.notes] : snap.notes;
    if (snap.operatorNetwork !== this.operatorNetwork) {
      this.operatorNetwork = snap.operatorNetwork;
      c.networks = true;
    }
    const availability = JSON.stringify(this.nnsAvailability());
    if (snap.nodeNetworkStates !== this.nnsIn) this.nnsListed = reportedCount(snap.nodeNetworkStates);
    this.nnsIn = snap.nodeNetworkStates;
    const absent = snap.absent ?? [];
    if (
      JSON.stringify([notes, snap.incomplete, absent]) !== JSON.stringify([this.notes, this.incomplete, this.absent])
    ) {
      this.notes = notes;
      this.incomplete = snap.incomplete;
      this.absent = absent;
      c.notes = true;
      c.networks = true; // whether the namespaces were read completely is part of what the networks say
    }
    c.allShards = JSON.stringify(this.nnsAvailability()) !== availability;
    return c;
  }

  /** each extra kind's objects as last filtered, with the snapshot's list they came from */
  private readonly extraIn = new Map<string, { slot: readonly KubeObject[]; objects: readonly KubeObject[] }>();

  /** A kind's objects of its slot, filtered again only when the slot is another list (a pod's change: the same). */
  private extraObjects(snap: ClusterSnapshot, kind: (typeof EXTRA_KINDS)[number]): readonly KubeObject[] {
    const slot = snap[kind.slot];
    const was = this.extraIn.get(kind.kind);
    if (was?.slot === slot) return was.objects;
    const objects = extraObjectsOf(snap, kind);
    this.extraIn.set(kind.kind, { slot, objects });
    return objects;
  }

  /** Events change the shard of the pod they are about (if that pod is there). */
  private syncEvents(events: readonly KubeObject[], shards: Set<string>): void {
    const touch = (pod: string | null) => {
      const chosen = pod === null ? undefined : this.pods.get(pod);
      if (chosen) shards.add(shardOf(chosen));
    };
    const file = (key: string, pod: string | null, event: KubeObject | null) => {
      if (pod === null) return;
      const group = this.eventsByPod.get(pod) ?? new Map<string, KubeObject>();
      if (event) group.set(key, event);
      else group.delete(key);
      if (group.size) this.eventsByPod.set(pod, group);
      else this.eventsByPod.delete(pod);
      touch(pod);
    };
    const seen = new Set<string>();
    for (const event of events) {
      const key = keyOf(event);
      seen.add(key);
      const before = this.events.get(key);
      if (before?.event === event) continue;
      if (before) file(key, before.pod, null);
      const pod = [...podNetworkEvents([event]).keys()][0] ?? null;
      this.events.set(key, { event, pod });
      file(key, pod, event);
    }
    if (seen.size === this.events.size) return;
    for (const [key, before] of this.events) {
      if (seen.has(key)) continue;
      this.events.delete(key);
      file(key, before.pod, null);
    }
  }

  /** What one node's shard is built from; null when nothing lies on it any more. */
  shardInput(name: string, allPods: boolean): ShardInput | null {
    const pods = this.podsByShard.get(name);
    const node = this.nodes.get(name);
    const state = this.states.get(name);
    if (!pods && !node && !state) return null;
    const events = pods ? this.eventsOf(pods.keys()) : [];
    const nns = this.nnsAvailability();
    const checks = (own: readonly KubeObject[]) => this.checkInputs(own);
    return {
      node,
      state,
      pods: pods ? [...pods.values()] : [],
      events,
      nns,
      named: this.states.has(name),
      allPods,
      checks,
    };
  }

  /**
   * What the checks read besides the elements (lib/topology/check-registry.ts), each read only when a check asks:
   * `pods` a shard's own, else every pod.
   */
  checkInputs(own?: readonly KubeObject[]): CheckInputs {
    const { pods, pools, reservations, incomplete } = this;
    return {
      get pods() {
        return own ?? pods.sorted();
      },
      get ipPools() {
        return pools.sorted();
      },
      get ipReservations() {
        return reservations.sorted();
      },
      podsComplete: !incomplete.includes("pods"),
    };
  }

  /** The events about the given pods. */
  eventsOf(pods: Iterable<string>): KubeObject[] {
    const out: KubeObject[] = [];
    for (const pod of pods) for (const e of this.eventsByPod.get(pod)?.values() ?? []) out.push(e);
    return out;
  }

  private place(pod: KubeObject, add: boolean, shards: Set<string>): void {
    const shard = shardOf(pod);
    shards.add(shard);
    const group = this.podsByShard.get(shard) ?? new Map<string, KubeObject>();
    if (add) group.set(podKey(pod), pod);
    else group.delete(podKey(pod));
    if (group.size) this.podsByShard.set(shard, group);
    else this.podsByShard.delete(shard);
  }

  /** As explainInferredHosts reads it; only "none at all" or "some" matters of the count. */
  nnsAvailability(): NnsAvailability {
    return {
      absent: this.absent.includes("nodenetworkstates"),
      incomplete: this.incomplete.includes("nodenetworkstates"),
      count: this.nnsListed > 0 ? 1 : 0,
    };
  }

  /** What the extra kinds add, read as the full build reads them. */
  extras(): ClusterExtras {
    const objects = Object.fromEntries(this.extraIntakes.map(({ kind, intake }) => [kind.kind, intake.sorted()]));
    return readExtras(objects, this);
  }

  /** Every shard that has anything in it. */
  allShards(): Set<string> {
    const names = new Set(this.podsByShard.keys());
    for (const o of this.nodes.sorted()) names.add(o.metadata.name);
    for (const o of this.states.sorted()) names.add(o.metadata.name);
    return names;
  }

  /** The objects the build leaves out for their names, as its findings say. */
  refused(): Finding[] {
    const kinds = [this.nodes, this.states, this.nads, this.pods, this.pools, this.reservations];
    const extra = this.extraIntakes.map((e) => e.intake);
    return [...kinds, ...this.workloads.intakes, ...extra].flatMap((k) => k.refused());
  }
}
