import { BatchV1Api, CoreV1Api, type KubeConfig, KubernetesObjectApi, PatchStrategy } from "@kubernetes/client-node";
import type { KubeObject } from "@/lib/k8s/objects";
import { asKubeObject } from "@/lib/k8s/objects";
import { whoAmI } from "../sources/live/credentials";
import { toWriteError } from "../writers/api-errors";
import { type ProbeAccess, probeAccess } from "./access";

/** client-node's classes (with Dates) as the plain JSON the rest of Plumbline reads. */
function plain(obj: unknown, kind: "Pod" | "Job" = "Pod"): KubeObject {
  // A list's items come without kind and apiVersion.
  const apiVersion = kind === "Job" ? "batch/v1" : "v1";
  const o = asKubeObject(JSON.parse(JSON.stringify(obj)), { apiVersion, kind });
  if (typeof o === "string") throw new Error(`the API answered with something that is not an object: ${o}`);
  return o;
}

/**
 * The calls a probe run makes, as the caller's identity; every failure names verb, resource and namespace
 * ("forbidden: create pods in multus-test").
 */
export class ProbeKube {
  private readonly core: CoreV1Api;
  private readonly batch: BatchV1Api;
  private readonly objects: KubernetesObjectApi;

  constructor(private readonly kc: KubeConfig) {
    this.core = kc.makeApiClient(CoreV1Api);
    this.batch = kc.makeApiClient(BatchV1Api);
    this.objects = KubernetesObjectApi.makeApiClient(kc);
  }

  private async call<T>(
    verb: string,
    resource: string,
    namespace: string | undefined,
    name: string | undefined,
    f: () => Promise<T>,
  ): Promise<T> {
    try {
      return await f();
    } catch (e) {
      throw toWriteError(e, verb, resource, namespace, name);
    }
  }

  /** May the caller run probes in `namespace`? Asked before anything is created. */
  access(namespace: string): Promise<ProbeAccess> {
    return probeAccess(this.kc, namespace);
  }

  /** The caller's name as the API server knows it (for the run's started-by annotation), when it says. */
  async who(): Promise<string | undefined> {
    const who = await whoAmI(this.kc);
    return who?.ok ? who.username : undefined;
  }

  async create(obj: KubeObject): Promise<KubeObject> {
    const ns = obj.metadata.namespace;
    const kind = obj.kind === "Job" ? "Job" : "Pod";
    const created = await this.call("create", resourceOf(kind), ns, obj.metadata.name, () => this.objects.create(obj));
    return plain(created, kind);
  }

  async listPods(namespace: string, labelSelector: string): Promise<KubeObject[]> {
    const list = await this.call("list", "pods", namespace, undefined, () =>
      this.core.listNamespacedPod({ namespace, labelSelector }),
    );
    return list.items.map((i) => plain(i));
  }

  /** Every Job with the label, in all namespaces; null when the caller may not list them cluster-wide. */
  async listJobsEverywhere(labelSelector: string): Promise<KubeObject[] | null> {
    try {
      const list = await this.batch.listJobForAllNamespaces({ labelSelector });
      return list.items.map((i) => plain(i, "Job"));
    } catch (e) {
      const err = toWriteError(e, "list", "jobs.batch", undefined);
      if (err.status === 403) return null;
      throw err;
    }
  }

  async listJobs(namespace: string, labelSelector: string): Promise<KubeObject[]> {
    const list = await this.call("list", "jobs.batch", namespace, undefined, () =>
      this.batch.listNamespacedJob({ namespace, labelSelector }),
    );
    return list.items.map((i) => plain(i, "Job"));
  }

  /** Merges annotations into a pod's (what a running probe reads through the downward API). */
  async annotatePod(namespace: string, name: string, annotations: Record<string, string>): Promise<void> {
    await this.call("patch", "pods", namespace, name, () =>
      this.objects.patch(
        { apiVersion: "v1", kind: "Pod", metadata: { name, namespace, annotations } },
        undefined,
        undefined,
        "plumbline",
        undefined,
        PatchStrategy.MergePatch,
      ),
    );
  }

  /** A pod's log (through the API server, which asks the kubelet); null when that is not possible. */
  async podLog(namespace: string, name: string, container: string): Promise<string | null> {
    try {
      return await this.core.readNamespacedPodLog({ namespace, name, container, limitBytes: 256 * 1024 });
    } catch {
      return null;
    }
  }

  /** Deletes a pod or the run's owner Job (its pods follow by garbage collection); gone already is fine. */
  async delete(kind: "Pod" | "Job", namespace: string, name: string): Promise<void> {
    try {
      await this.objects.delete(
        { apiVersion: kind === "Job" ? "batch/v1" : "v1", kind, metadata: { name, namespace } },
        undefined,
        undefined,
        kind === "Pod" ? 1 : undefined,
        undefined,
        "Background",
      );
    } catch (e) {
      const err = toWriteError(e, "delete", resourceOf(kind), namespace, name);
      if (err.status !== 404) throw err;
    }
  }
}

/** The resource as an error names it: "pods", or "jobs.batch" (the group said, as kubectl does). */
const resourceOf = (kind: "Pod" | "Job"): string => (kind === "Job" ? "jobs.batch" : "pods");
