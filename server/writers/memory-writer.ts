import { workloadKindSchema } from "@/lib/attach/attach";
import { refOf } from "@/lib/contract/ids";
import { type KubeObject, keyOf } from "@/lib/k8s/objects";
import type { ClusterSnapshot } from "@/lib/k8s/snapshot";
import { templateNetworks, withTemplateNetworks, workloadEntry } from "@/lib/k8s/workloads";
import { isOperatorOwned, renderOperatorNads } from "@/lib/openshift/operator-network";
import { type ClusterWriter, conflictError, type ObjectRef, type WorkloadRef, WriteError } from "./types";

/**
 * The demo's writes: they land in memory and behave like the API would (409 for a taken name or a stale
 * resourceVersion, the operator rendering its NADs), so the create flows can be tried without a cluster.
 */
/** The objects a memory writer changes: a StaticSource's (given by it, so the writer needs no import of it). */
export interface MemoryObjects {
  snapshot(): ClusterSnapshot;
  put(obj: KubeObject): void;
  remove(obj: Pick<KubeObject, "apiVersion" | "kind" | "metadata">): void;
}

export class MemoryWriter implements ClusterWriter {
  readonly target = "memory" as const;
  private rv = 1000;

  constructor(private readonly source: MemoryObjects) {}

  private stamp(obj: KubeObject): KubeObject {
    return {
      ...obj,
      metadata: { ...obj.metadata, resourceVersion: String(++this.rv), uid: obj.metadata.uid ?? `demo-${this.rv}` },
    };
  }

  private findNad(namespace: string, name: string): KubeObject | undefined {
    return this.source.snapshot().nads.find((n) => keyOf(n) === `${namespace}/${name}`);
  }

  async can(): Promise<boolean> {
    return true;
  }

  /** The demo cluster runs no OVN-Kubernetes: it serves none of its kinds (the forms offering them say so). */
  async servedResources(): Promise<string[]> {
    return [];
  }

  async createObject(obj: KubeObject, resource: string): Promise<KubeObject> {
    throw new WriteError(`the demo cluster does not serve ${resource} (no ${obj.apiVersion})`, 404);
  }

  async readObject(ref: ObjectRef, resource: string): Promise<KubeObject> {
    throw new WriteError(`${resource} ${ref.name} not found: the demo cluster does not serve ${ref.apiVersion}`, 404);
  }

  async readNad(namespace: string, name: string): Promise<KubeObject> {
    const nad = this.findNad(namespace, name);
    if (!nad) throw new WriteError(`network-attachment-definitions ${name} not found in ${namespace}`, 404);
    return nad;
  }

  async createNad(nad: KubeObject, dryRun: boolean): Promise<KubeObject> {
    const ns = nad.metadata.namespace ?? "default";
    if (this.findNad(ns, nad.metadata.name)) {
      throw new WriteError(
        `name taken: network-attachment-definitions ${ns}/${nad.metadata.name} already exists`,
        409,
        "name",
      );
    }
    const stored = this.stamp(nad);
    if (!dryRun) this.source.put(stored);
    return stored;
  }

  async replaceNad(nad: KubeObject, dryRun: boolean): Promise<KubeObject> {
    const ns = nad.metadata.namespace ?? "default";
    const current = this.findNad(ns, nad.metadata.name);
    if (!current) throw new WriteError(`network-attachment-definitions ${nad.metadata.name} not found in ${ns}`, 404);
    if (
      nad.metadata.resourceVersion &&
      current.metadata.resourceVersion &&
      nad.metadata.resourceVersion !== current.metadata.resourceVersion
    ) {
      throw conflictError(nad.metadata.name);
    }
    const stored = this.stamp({ ...nad, metadata: { ...current.metadata, ...nad.metadata } });
    if (!dryRun) this.source.put(stored);
    return stored;
  }

  async deleteNad(namespace: string, name: string, dryRun: boolean): Promise<void> {
    const current = this.findNad(namespace, name);
    if (!current) throw new WriteError(`network-attachment-definitions ${name} not found in ${namespace}`, 404);
    if (!dryRun) this.source.remove(current);
  }

  async readOperatorNetwork(): Promise<KubeObject | null> {
    return this.source.snapshot().operatorNetwork;
  }

  async replaceOperatorNetwork(network: KubeObject, dryRun: boolean): Promise<KubeObject> {
    const current = this.source.snapshot().operatorNetwork;
    if (!current) throw new WriteError("networks.operator.openshift.io cluster not found: this is not OpenShift", 404);
    if (
      network.metadata.resourceVersion &&
      current.metadata.resourceVersion &&
      network.metadata.resourceVersion !== current.metadata.resourceVersion
    ) {
      throw conflictError("the cluster Network");
    }
    const stored = this.stamp(network);
    if (dryRun) return stored;
    this.source.put(stored);
    // What the Cluster Network Operator would do next: render the entries, drop NADs it no longer lists.
    const rendered = renderOperatorNads(stored);
    const keep = new Set(rendered.map(keyOf));
    for (const nad of this.source.snapshot().nads) {
      if (isOperatorOwned(nad.metadata) && !keep.has(keyOf(nad))) this.source.remove(nad);
    }
    for (const nad of rendered) this.source.put(this.stamp(nad));
    return stored;
  }

  async listWorkloads(namespace: string): Promise<(WorkloadRef & { networks?: string })[]> {
    return this.source
      .snapshot()
      .workloads.filter((w) => w.metadata.namespace === namespace)
      .flatMap((w) => {
        const kind = workloadKindSchema.safeParse(w.kind);
        if (!kind.success) return [];
        return [workloadEntry(kind.data, namespace, w)];
      });
  }

  private findWorkload(ref: WorkloadRef): KubeObject {
    const w = this.source.snapshot().workloads.find((o) => o.kind === ref.kind && keyOf(o) === refOf(ref));
    if (!w) throw new WriteError(`${ref.kind} ${ref.name} not found in ${ref.namespace}`, 404);
    return w;
  }

  async readWorkloadNetworks(ref: WorkloadRef): Promise<{ networks?: string; resourceVersion?: string }> {
    const w = this.findWorkload(ref);
    return { networks: templateNetworks(w), resourceVersion: w.metadata.resourceVersion };
  }

  async patchWorkloadNetworks(
    ref: WorkloadRef,
    networks: string,
    resourceVersion: string | undefined,
    dryRun: boolean,
  ): Promise<void> {
    const w = this.findWorkload(ref);
    if (resourceVersion && w.metadata.resourceVersion && resourceVersion !== w.metadata.resourceVersion) {
      throw conflictError(`${ref.kind} ${ref.name}`);
    }
    if (dryRun) return;
    this.source.put(this.stamp(withTemplateNetworks(w, networks)));
  }
}
