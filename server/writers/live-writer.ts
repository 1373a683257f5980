import {
  AuthorizationV1Api,
  CustomObjectsApi,
  type KubeConfig,
  KubernetesObjectApi,
  PatchStrategy,
} from "@kubernetes/client-node";
import { workloadKindSchema } from "@/lib/attach/attach";
import { asKubeObject, type KubeObject } from "@/lib/k8s/objects";
import { templateNetworks, templateNetworksPatch, workloadEntry } from "@/lib/k8s/workloads";
import { toWriteError } from "./api-errors";
import {
  type AccessCheck,
  type CauseField,
  type ClusterWriter,
  type ObjectRef,
  type WorkloadKind,
  type WorkloadRef,
  WriteError,
} from "./types";

const NAD = {
  apiVersion: "k8s.cni.cncf.io/v1",
  kind: "NetworkAttachmentDefinition",
  resource: "network-attachment-definitions",
};
const NETWORK = { apiVersion: "operator.openshift.io/v1", kind: "Network", resource: "networks.operator.openshift.io" };
const RESOURCE: Record<WorkloadKind, string> = {
  Deployment: "deployments",
  StatefulSet: "statefulsets",
  DaemonSet: "daemonsets",
};
const dry = (d: boolean) => (d ? "All" : undefined);
const FIELD_MANAGER = "plumbline";

/** Writes through the API as the identity the kubeconfig (or forwarded token) carries. */
export class LiveWriter implements ClusterWriter {
  readonly target = "cluster" as const;
  private readonly api: KubernetesObjectApi;
  private readonly authz: AuthorizationV1Api;

  private readonly custom: CustomObjectsApi;

  constructor(kc: KubeConfig) {
    this.api = KubernetesObjectApi.makeApiClient(kc);
    this.authz = kc.makeApiClient(AuthorizationV1Api);
    this.custom = kc.makeApiClient(CustomObjectsApi);
  }

  async can(check: AccessCheck): Promise<boolean> {
    try {
      const review = await this.authz.createSelfSubjectAccessReview({
        body: {
          apiVersion: "authorization.k8s.io/v1",
          kind: "SelfSubjectAccessReview",
          spec: { resourceAttributes: check },
        },
      });
      return review.status?.allowed === true;
    } catch {
      // If the review itself is refused, the controls stay enabled and the API's own answer explains.
      return true;
    }
  }

  async servedResources(group: string, version: string): Promise<string[]> {
    try {
      const list = await this.custom.getAPIResources({ group, version });
      return list.resources.filter((r) => !r.name.includes("/")).map((r) => r.name);
    } catch (e) {
      const err = toWriteError(e, "discover", `${group}/${version}`, undefined);
      if (err.status === 404) return [];
      throw err;
    }
  }

  async createObject(obj: KubeObject, resource: string, dryRun: boolean, fieldOf?: CauseField): Promise<KubeObject> {
    try {
      return plain(await this.api.create(obj, undefined, dry(dryRun), FIELD_MANAGER));
    } catch (e) {
      throw toWriteError(e, "create", resource, obj.metadata.namespace, obj.metadata.name, fieldOf);
    }
  }

  async readObject(ref: ObjectRef, resource: string): Promise<KubeObject> {
    const metadata = { name: ref.name, ...(ref.namespace ? { namespace: ref.namespace } : {}) };
    try {
      return plain(await this.api.read({ apiVersion: ref.apiVersion, kind: ref.kind, metadata }));
    } catch (e) {
      throw toWriteError(e, "get", resource, ref.namespace, ref.name);
    }
  }

  async readNad(namespace: string, name: string): Promise<KubeObject> {
    try {
      return plain(await this.api.read({ apiVersion: NAD.apiVersion, kind: NAD.kind, metadata: { name, namespace } }));
    } catch (e) {
      throw toWriteError(e, "get", NAD.resource, namespace, name);
    }
  }

  async createNad(nad: KubeObject, dryRun: boolean): Promise<KubeObject> {
    const ns = nad.metadata.namespace;
    try {
      return plain(await this.api.create(nad, undefined, dry(dryRun), FIELD_MANAGER));
    } catch (e) {
      throw toWriteError(e, "create", NAD.resource, ns, nad.metadata.name);
    }
  }

  async replaceNad(nad: KubeObject, dryRun: boolean): Promise<KubeObject> {
    try {
      return plain(await this.api.replace(nad, undefined, dry(dryRun), FIELD_MANAGER));
    } catch (e) {
      throw toWriteError(e, "update", NAD.resource, nad.metadata.namespace, nad.metadata.name);
    }
  }

  async deleteNad(namespace: string, name: string, dryRun: boolean): Promise<void> {
    try {
      await this.api.delete(
        { apiVersion: NAD.apiVersion, kind: NAD.kind, metadata: { name, namespace } },
        undefined,
        dry(dryRun),
      );
    } catch (e) {
      throw toWriteError(e, "delete", NAD.resource, namespace, name);
    }
  }

  async readOperatorNetwork(): Promise<KubeObject | null> {
    try {
      return plain(
        await this.api.read({ apiVersion: NETWORK.apiVersion, kind: NETWORK.kind, metadata: { name: "cluster" } }),
      );
    } catch (e) {
      const err = toWriteError(e, "get", NETWORK.resource, undefined, "cluster");
      if (err.status === 404) return null;
      throw err;
    }
  }

  async replaceOperatorNetwork(network: KubeObject, dryRun: boolean): Promise<KubeObject> {
    try {
      return plain(await this.api.replace(network, undefined, dry(dryRun), FIELD_MANAGER));
    } catch (e) {
      throw toWriteError(e, "update", NETWORK.resource, undefined, "cluster");
    }
  }

  async listWorkloads(namespace: string): Promise<(WorkloadRef & { networks?: string })[]> {
    const out: (WorkloadRef & { networks?: string })[] = [];
    for (const kind of workloadKindSchema.options) {
      try {
        const list = await this.api.list("apps/v1", kind, namespace);
        for (const item of list.items) out.push(workloadEntry(kind, namespace, item));
      } catch (e) {
        throw toWriteError(e, "list", RESOURCE[kind], namespace);
      }
    }
    return out;
  }

  async readWorkloadNetworks(ref: WorkloadRef): Promise<{ networks?: string; resourceVersion?: string }> {
    try {
      const obj = await this.api.read({
        apiVersion: "apps/v1",
        kind: ref.kind,
        metadata: { name: ref.name, namespace: ref.namespace },
      });
      return { networks: templateNetworks(obj), resourceVersion: obj.metadata?.resourceVersion };
    } catch (e) {
      throw toWriteError(e, "get", RESOURCE[ref.kind], ref.namespace, ref.name);
    }
  }

  async patchWorkloadNetworks(
    ref: WorkloadRef,
    networks: string,
    resourceVersion: string | undefined,
    dryRun: boolean,
  ): Promise<void> {
    // A merge patch touches only this annotation; resourceVersion makes it fail if someone changed the workload meanwhile.
    const workload = {
      apiVersion: "apps/v1",
      kind: ref.kind,
      metadata: { name: ref.name, namespace: ref.namespace, ...(resourceVersion ? { resourceVersion } : {}) },
    };
    const patch = templateNetworksPatch(workload, networks);
    try {
      await this.api.patch(patch, undefined, dry(dryRun), FIELD_MANAGER, undefined, PatchStrategy.MergePatch);
    } catch (e) {
      throw toWriteError(e, "patch", RESOURCE[ref.kind], ref.namespace, ref.name);
    }
  }
}

/** client-node hands back class instances with Dates; the rest of the app speaks plain JSON. */
function plain(obj: unknown): KubeObject {
  const o = asKubeObject(JSON.parse(JSON.stringify(obj)));
  if (typeof o === "string") throw new WriteError(`the API answered with something that is not an object: ${o}`, 502);
  return o;
}
