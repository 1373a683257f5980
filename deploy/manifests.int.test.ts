// Server-side dry run of everything `kubectl apply -k deploy/openshift` and `-k deploy/kubernetes` send, against
// the test bed's real kube-apiserver (with the OpenShift Route CRD installed). Strict field validation, so a
// misspelt or misplaced field fails here rather than being silently dropped on a cluster. The pod templates are
// also dry-run as Pods in the manifests' own namespace, whose "restricted" Pod Security label the API server
// enforces on Pods.
import { readFileSync } from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { parse, parseAllDocuments } from "yaml";
import {
  type KubeObject,
  type KubeResponse,
  kubeRequest,
  startTestCluster,
  type TestCluster,
} from "@/testing/testbed/cluster";

const deployDir = path.dirname(fileURLToPath(import.meta.url));
const VARIANTS = ["openshift", "kubernetes"] as const;
type Variant = (typeof VARIANTS)[number];

/** apiVersion/kind -> resource plural and scope, for the kinds deploy/ uses. */
const COLLECTIONS: Record<string, { plural: string; namespaced: boolean }> = {
  "v1/Namespace": { plural: "namespaces", namespaced: false },
  "v1/ServiceAccount": { plural: "serviceaccounts", namespaced: true },
  "v1/Service": { plural: "services", namespaced: true },
  "v1/Pod": { plural: "pods", namespaced: true },
  "rbac.authorization.k8s.io/v1/ClusterRole": { plural: "clusterroles", namespaced: false },
  "rbac.authorization.k8s.io/v1/ClusterRoleBinding": { plural: "clusterrolebindings", namespaced: false },
  "apps/v1/Deployment": { plural: "deployments", namespaced: true },
  "route.openshift.io/v1/Route": { plural: "routes", namespaced: true },
  "networking.k8s.io/v1/NetworkPolicy": { plural: "networkpolicies", namespaced: true },
  "networking.k8s.io/v1/Ingress": { plural: "ingresses", namespaced: true },
};

function collectionUrl(o: KubeObject): string {
  const c = COLLECTIONS[`${o.apiVersion}/${o.kind}`];
  if (!c) throw new Error(`no collection known for ${o.apiVersion} ${o.kind}: add it to COLLECTIONS`);
  const base = o.apiVersion.includes("/") ? `/apis/${o.apiVersion}` : `/api/${o.apiVersion}`;
  if (!c.namespaced) return `${base}/${c.plural}`;
  if (!o.metadata.namespace) throw new Error(`${o.kind}/${o.metadata.name} has no namespace`);
  return `${base}/namespaces/${o.metadata.namespace}/${c.plural}`;
}

interface Kustomization {
  resources: string[];
  images?: { name: string; newName?: string; newTag?: string }[];
}
interface Manifest {
  file: string;
  object: KubeObject;
}
interface PodTemplate {
  spec: { containers: { image: string }[]; initContainers?: { image: string }[] };
}
const templateOf = (o: KubeObject): PodTemplate | undefined =>
  o.kind === "Deployment" ? (o as unknown as { spec: { template: PodTemplate } }).spec.template : undefined;

/** What `kubectl apply -k` would send: the kustomization's resources in order, its `images:` applied. */
function load(variant: Variant): Manifest[] {
  const dir = path.join(deployDir, variant);
  const k = parse(readFileSync(path.join(dir, "kustomization.yaml"), "utf8")) as Kustomization;
  return k.resources.flatMap((file) =>
    parseAllDocuments(readFileSync(path.join(dir, file), "utf8"))
      .map((d) => {
        if (d.errors.length > 0) throw new Error(`${variant}/${file}: ${d.errors[0]?.message}`);
        return d.toJS() as KubeObject | null;
      })
      .filter((o): o is KubeObject => o !== null)
      .map((object) => {
        const t = templateOf(object);
        for (const c of t ? [...(t.spec.initContainers ?? []), ...t.spec.containers] : []) {
          const image = k.images?.find((i) => i.name === c.image);
          if (image) c.image = `${image.newName ?? image.name}:${image.newTag ?? "latest"}`;
        }
        return { file, object };
      }),
  );
}

/** The kiosk overlays add the reader binding: dry-run it with the base it sits on. */
const kioskBinding = (variant: Variant): Manifest[] => {
  const file = `../${variant}-kiosk/rbac-reader-binding.yaml`;
  return [{ file, object: parse(readFileSync(path.join(deployDir, variant, file), "utf8")) as KubeObject }];
};
const manifests: Record<Variant, Manifest[]> = {
  openshift: [...load("openshift"), ...kioskBinding("openshift")],
  kubernetes: [...load("kubernetes"), ...kioskBinding("kubernetes")],
};
const DRY_RUN = "dryRun=All&fieldManager=plumbline-test&fieldValidation=Strict";
const dryRun = (o: KubeObject): Promise<KubeResponse> =>
  kubeRequest(c, "POST", `${collectionUrl(o)}?${DRY_RUN}`, { body: o });
const describeFailure = (r: KubeResponse): string =>
  `HTTP ${r.status}: ${(r.body as { message?: string } | undefined)?.message ?? r.text}`;

let c: TestCluster;
/** Namespace dry runs, made before the namespace exists (afterwards a create would be a 409). */
const namespaceDryRuns = new Map<string, KubeResponse>();

beforeAll(async () => {
  c = await startTestCluster({ crds: ["routes.route.openshift.io.yaml"], seed: false });
  const namespaces = VARIANTS.flatMap((v) =>
    manifests[v].filter((m) => m.object.kind === "Namespace").map((m) => ({ v, m })),
  );
  for (const { v, m } of namespaces) namespaceDryRuns.set(`${v}/${m.file}`, await dryRun(m.object));
  // Then create them for real (same definition in both folders: manifests.test.ts), so namespaced dry runs
  // resolve and Pod Security admission sees the namespace's labels.
  for (const { m } of namespaces) {
    const r = await kubeRequest(c, "POST", `${collectionUrl(m.object)}?fieldManager=plumbline-test`, {
      body: m.object,
    });
    if (r.status !== 201 && r.status !== 409)
      throw new Error(`create namespace ${m.object.metadata.name}: ${describeFailure(r)}`);
  }
});

afterAll(async () => {
  await c?.stop();
});

describe.each(VARIANTS)("deploy/%s, server-side dry run", (variant) => {
  const cases = manifests[variant].map((m) => ({
    ...m,
    label: `${m.file}: ${m.object.kind} ${m.object.metadata.name}`,
  }));

  it("has something to apply", () => {
    expect(cases.map((x) => x.object.kind)).toEqual(
      expect.arrayContaining([
        "Namespace",
        "ServiceAccount",
        "ClusterRole",
        "ClusterRoleBinding",
        "Deployment",
        "Service",
        "NetworkPolicy",
      ]),
    );
  });

  it.each(cases)("accepts $label", async ({ file, object }) => {
    const r = object.kind === "Namespace" ? namespaceDryRuns.get(`${variant}/${file}`) : await dryRun(object);
    expect(r, "no dry run recorded").toBeDefined();
    if (!r) return;
    expect([200, 201], describeFailure(r)).toContain(r.status);
    const got = r.body as KubeObject;
    expect(got.kind).toBe(object.kind);
    expect(got.metadata.name).toBe(object.metadata.name);
  });

  it("admits the pod template as a Pod under the namespace's restricted Pod Security level", async () => {
    for (const { object } of cases.filter((x) => x.object.kind === "Deployment")) {
      const pod = {
        apiVersion: "v1",
        kind: "Pod",
        metadata: { name: `${object.metadata.name}-pod-security-check`, namespace: object.metadata.namespace },
        spec: templateOf(object)?.spec,
      } as unknown as KubeObject;
      const r = await dryRun(pod);
      expect(r.status, describeFailure(r)).toBe(201);
    }
  });

  it("left nothing behind but the namespace (the dry runs really were dry)", async () => {
    for (const { object } of cases.filter((x) => x.object.kind !== "Namespace")) {
      const r = await kubeRequest(c, "GET", `${collectionUrl(object)}/${object.metadata.name}`);
      expect(r.status, `${object.kind} ${object.metadata.name}`).toBe(404);
    }
  });
});
