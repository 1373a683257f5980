import { compareCodePoints } from "../compare";
import type { Finding, WorkloadElement } from "../contract/schema";
import type { KubeObject } from "../k8s/objects";
import { namespaceWorkloads, WORKLOAD_KINDS } from "../topology/workloads";
import { KindIntake } from "./kind-intake";

/** The owner the store records for workload elements (no node's shard holds them). */
export const WORKLOAD_OWNER = "\u0000workloads";

const nsOf = (o: KubeObject): string => o.metadata.namespace ?? "default";

/**
 * The workloads kept up to date by namespace: a workload or a pod that changes rebuilds its namespace's workloads
 * only (what the full build's allWorkloads does for that namespace), so a big cluster's pod churn stays local.
 */
export class WorkloadStage {
  /** one intake per kind: a Deployment and a StatefulSet may share a name */
  readonly intakes = WORKLOAD_KINDS.map((kind) => new KindIntake({ label: kind, namespaced: true }));
  private readonly podsByNs = new Map<string, Map<string, KubeObject>>();
  private readonly dirty = new Set<string>();
  private readonly byNs = new Map<string, { elements: WorkloadElement[]; findings: Finding[] }>();
  /** element id → its JSON as last settled */
  readonly json = new Map<string, string>();
  readonly elements = new Map<string, WorkloadElement>();

  get busy(): boolean {
    return this.dirty.size > 0;
  }

  syncWorkloads(list: readonly KubeObject[]): void {
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
    this.dirty.add(ns);
  }

  /**
   * Rebuilds the namespaces that changed: the ids whose JSON changed go to `upserted`, the gone ones to `removed`.
   * True when their findings changed.
   */
  settle(into: {
    upserted: Set<string>;
    removed: Set<string>;
    /** the store's element owners and revisions: workloads are owned by WORKLOAD_OWNER */
    owner: Map<string, string>;
    revisions: Map<string, number>;
  }): boolean {
    const { upserted, removed } = into;
    if (this.dirty.size === 0) return false;
    let findingsChanged = false;
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
    for (const ns of this.dirty) {
      const workloads = byNs.get(ns) ?? [];
      const group = this.podsByNs.get(ns);
      const pods = group ? [...group.keys()].sort(compareCodePoints).flatMap((k) => group.get(k) ?? []) : [];
      const before = this.byNs.get(ns);
      const next = workloads.length ? namespaceWorkloads(ns, workloads, pods) : null;
      const keep = new Set(next?.elements.map((e) => e.id));
      for (const el of before?.elements ?? []) {
        if (keep.has(el.id)) continue;
        removed.add(el.id);
        into.owner.delete(el.id);
        into.revisions.delete(el.id);
        this.json.delete(el.id);
        this.elements.delete(el.id);
      }
      for (const el of next?.elements ?? []) {
        const json = JSON.stringify(el);
        if (this.json.get(el.id) !== json) upserted.add(el.id);
        into.owner.set(el.id, WORKLOAD_OWNER);
        this.json.set(el.id, json);
        this.elements.set(el.id, el);
      }
      findingsChanged ||= JSON.stringify(before?.findings ?? []) !== JSON.stringify(next?.findings ?? []);
      if (next) this.byNs.set(ns, next);
      else this.byNs.delete(ns);
    }
    this.dirty.clear();
    return findingsChanged;
  }

  findings(): Finding[] {
    return [...this.byNs.values()].flatMap((r) => r.findings);
  }
}
