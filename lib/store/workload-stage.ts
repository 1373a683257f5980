import { appendAll } from "../append";
import { compareCodePoints } from "../compare";
import type { Finding, WorkloadElement } from "../contract/schema";
import type { KubeObject } from "../k8s/objects";
import { NamespaceJoin, WORKLOAD_KINDS } from "../topology/workloads";
import type { ElementRevisions } from "./element-revisions";
import { KindIntake } from "./kind-intake";

/** The owner the store records for workload elements (no node's shard holds them). */
export const WORKLOAD_OWNER = "\u0000workloads";

const nsOf = (o: KubeObject): string => o.metadata.namespace ?? "default";

/** One namespace's join as last settled: which workload each pod belongs to, and each workload's element. */
interface NsState {
  join: NamespaceJoin;
  /** pod name → its workload's place in join.list */
  owner: Map<string, number>;
  /** a workload's place → the names of its pods */
  members: Map<number, Set<string>>;
  results: { element: WorkloadElement; findings: Finding[] }[];
}

type Into = {
  upserted: Set<string>;
  removed: Set<string>;
  /** the store's element owners and revisions: workloads are owned by WORKLOAD_OWNER */
  owner: Map<string, string>;
  revisions: Pick<ElementRevisions, "delete">;
};

/**
 * The workloads kept up to date by namespace: a workload that changes rebuilds its namespace's workloads (what the
 * full build's allWorkloads does for that namespace); a pod that changes is joined again alone, and only the
 * workloads it left and joined are built again, so one pod's change costs its workloads, not its namespace.
 */
export class WorkloadStage {
  /** one intake per kind: a Deployment and a StatefulSet may share a name */
  readonly intakes = WORKLOAD_KINDS.map((kind) => new KindIntake({ label: kind, namespaced: true }));
  private readonly podsByNs = new Map<string, Map<string, KubeObject>>();
  /** namespaces whose workloads changed: joined again whole */
  private readonly dirty = new Set<string>();
  /** pods that changed, by namespace and name */
  private readonly dirtyPods = new Map<string, Set<string>>();
  private readonly byNs = new Map<string, NsState>();
  /** element id → its JSON as last settled */
  readonly json = new Map<string, string>();
  readonly elements = new Map<string, WorkloadElement>();

  get busy(): boolean {
    return this.dirty.size > 0 || this.dirtyPods.size > 0;
  }

  private lastList: readonly KubeObject[] | null = null;

  syncWorkloads(list: readonly KubeObject[]): void {
    // a pod's change hands the same list of workloads: nothing to split by kind and take in
    if (list === this.lastList) return;
    this.lastList = list;
    const touched = (...objs: (KubeObject | undefined)[]) => {
      for (const o of objs) if (o) this.dirty.add(nsOf(o));
    };
    WORKLOAD_KINDS.forEach((kind, i) => {
      this.intakes[i]?.sync(
        list.filter((w) => w.kind === kind),
        touched,
      );
    });
  }

  /** A pod as the intake stage chose it, before and after a change. */
  pod(before: KubeObject | undefined, after: KubeObject | undefined): void {
    if (before) this.place(before, false);
    if (after) this.place(after, true);
  }

  private place(pod: KubeObject, add: boolean): void {
    const ns = nsOf(pod);
    const group = this.podsByNs.get(ns) ?? new Map<string, KubeObject>();
    if (add) group.set(pod.metadata.name, pod);
    else group.delete(pod.metadata.name);
    if (group.size) this.podsByNs.set(ns, group);
    else this.podsByNs.delete(ns);
    const names = this.dirtyPods.get(ns) ?? new Set<string>();
    names.add(pod.metadata.name);
    this.dirtyPods.set(ns, names);
  }

  /**
   * Settles what changed: the ids whose JSON changed go to `upserted`, the gone ones to `removed`.
   * True when their findings changed.
   */
  settle(into: Into): boolean {
    if (!this.busy) return false;
    let findingsChanged = false;
    if (this.dirty.size > 0) {
      // The dirty namespaces' workloads in one pass (kind by kind, each in key order), not one pass per namespace.
      const byNs = new Map<string, KubeObject[]>();
      for (const intake of this.intakes) {
        for (const w of intake.sorted()) {
          const ns = nsOf(w);
          if (!this.dirty.has(ns)) continue;
          const list = byNs.get(ns);
          if (list) list.push(w);
          else byNs.set(ns, [w]);
        }
      }
      for (const ns of this.dirty) findingsChanged = this.rebuild(ns, byNs.get(ns) ?? [], into) || findingsChanged;
    }
    for (const [ns, names] of this.dirtyPods) {
      const state = this.byNs.get(ns);
      // A namespace joined whole just now has these pods; one without workloads has nothing to join them to.
      if (this.dirty.has(ns) || !state) continue;
      findingsChanged = this.rejoin(ns, state, names, into) || findingsChanged;
    }
    this.dirty.clear();
    this.dirtyPods.clear();
    return findingsChanged;
  }

  /** Joins a namespace again whole (its workloads changed). */
  private rebuild(ns: string, workloads: readonly KubeObject[], into: Into): boolean {
    const before = this.byNs.get(ns);
    const keep = new Set<string>();
    let next: NsState | undefined;
    if (workloads.length) {
      const join = new NamespaceJoin(ns, workloads);
      next = { join, owner: new Map(), members: new Map(), results: [] };
      const group = this.podsByNs.get(ns);
      for (const name of group?.keys() ?? []) {
        const pod = group?.get(name);
        if (pod) this.assign(next, name, join.ownerOf(pod));
      }
      for (let i = 0; i < join.list.length; i++) {
        const r = join.element(i, this.podsOf(ns, next, i));
        next.results.push(r);
        keep.add(r.element.id);
        this.put(r.element, into);
      }
      this.byNs.set(ns, next);
    } else this.byNs.delete(ns);
    for (const { element } of before?.results ?? []) {
      if (keep.has(element.id)) continue;
      into.removed.add(element.id);
      into.owner.delete(element.id);
      into.revisions.delete(element.id);
      this.json.delete(element.id);
      this.elements.delete(element.id);
    }
    const findings = (s: NsState | undefined) => JSON.stringify(s?.results.map((r) => r.findings) ?? []);
    return findings(before) !== findings(next);
  }

  /** Joins the given pods again: only the workloads they left or joined are built again. */
  private rejoin(ns: string, state: NsState, names: ReadonlySet<string>, into: Into): boolean {
    const touched = new Set<number>();
    for (const name of names) {
      const was = state.owner.get(name);
      if (was !== undefined) {
        touched.add(was);
        state.members.get(was)?.delete(name);
        state.owner.delete(name);
      }
      const pod = this.podsByNs.get(ns)?.get(name);
      const now = pod ? state.join.ownerOf(pod) : -1;
      if (now >= 0) touched.add(now);
      this.assign(state, name, now);
    }
    let changed = false;
    for (const i of touched) {
      const r = state.join.element(i, this.podsOf(ns, state, i));
      changed ||= JSON.stringify(state.results[i]?.findings) !== JSON.stringify(r.findings);
      state.results[i] = r;
      this.put(r.element, into);
    }
    return changed;
  }

  private assign(state: NsState, name: string, at: number): void {
    if (at < 0) return;
    state.owner.set(name, at);
    const set = state.members.get(at) ?? new Set<string>();
    set.add(name);
    state.members.set(at, set);
  }

  /** A workload's pods in key order (the full build's). */
  private podsOf(ns: string, state: NsState, i: number): KubeObject[] {
    const group = this.podsByNs.get(ns);
    return [...(state.members.get(i) ?? [])].sort(compareCodePoints).flatMap((name) => group?.get(name) ?? []);
  }

  private put(el: WorkloadElement, into: Into): void {
    const json = JSON.stringify(el);
    if (this.json.get(el.id) !== json) into.upserted.add(el.id);
    into.owner.set(el.id, WORKLOAD_OWNER);
    into.removed.delete(el.id);
    this.json.set(el.id, json);
    this.elements.set(el.id, el);
  }

  findings(): Finding[] {
    const out: Finding[] = [];
    for (const state of this.byNs.values()) for (const r of state.results) appendAll(out, r.findings);
    return out;
  }
}
