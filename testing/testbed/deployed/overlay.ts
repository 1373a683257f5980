// The test's kustomize overlay over deploy/kubernetes (or deploy/kubernetes-kiosk): the repository's manifests
// unchanged, with only what this bed needs laid over them, the way an admin's own overlay would:
//   - the image: the one plumbline-image.sh built (kustomize `images:`, as `kustomize edit set image` writes it);
//   - hostAliases kubernetes.default.svc -> the node (the pods' gateway): the bed has no cluster DNS and no
//     kube-proxy; the node forwards its port 443 to the API server (service.ts), as the `kubernetes` Service would;
//   - PLUMBLINE_NAMESPACES: which namespaces to read for users who may not list cluster-wide (README);
//   - a nodeSelector: the bed's stand-in Service data path (service.ts) lives in one node's network namespace;
//   - for the kiosk: the service-account token volume the ServiceAccount admission plugin would add (the bed's API
//     server runs without it), and KUBERNETES_SERVICE_HOST naming the API server as the node serves it (the kubelet
//     sets the `kubernetes` Service's ClusterIP there, which nothing here answers).
import { mkdirSync, writeFileSync } from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { stringify } from "yaml";

const deployDir = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "../../../deploy");

/** What deploy/kubernetes's kustomization sets the image to; the overlay renames that. */
export const BASE_IMAGE = "registry.example.com/plumbline";

export interface OverlayOptions {
  base: "kubernetes" | "kubernetes-kiosk";
  image: string;
  namespaces: string[];
  node: string;
  /** where the pod finds kubernetes.default.svc */
  apiAddress: string;
}

const SA_DIR = "/var/run/secrets/kubernetes.io/serviceaccount";
/** What the ServiceAccount admission plugin mounts (kube-api-access-*): a bound token, the cluster CA, the namespace. */
const SA_TOKEN_VOLUME = {
  name: "sa-token",
  projected: {
    sources: [
      { serviceAccountToken: { path: "token", expirationSeconds: 3607 } },
      { configMap: { name: "kube-root-ca.crt", items: [{ key: "ca.crt", path: "ca.crt" }] } },
      { downwardAPI: { items: [{ path: "namespace", fieldRef: { fieldPath: "metadata.namespace" } }] } },
    ],
  },
};

export function overlayKustomization(dir: string, o: OverlayOptions): string {
  const kiosk = o.base === "kubernetes-kiosk";
  const [name, tag] = o.image.split(/:(?=[^:/]+$)/);
  const patch = {
    apiVersion: "apps/v1",
    kind: "Deployment",
    metadata: { name: "plumbline", namespace: "plumbline" },
    spec: {
      template: {
        spec: {
          nodeSelector: { "kubernetes.io/hostname": o.node },
          hostAliases: [{ ip: o.apiAddress, hostnames: ["kubernetes.default.svc"] }],
          containers: [
            {
              name: "plumbline",
              env: [
                { name: "PLUMBLINE_NAMESPACES", value: o.namespaces.join(",") },
                ...(kiosk ? [{ name: "KUBERNETES_SERVICE_HOST", value: "kubernetes.default.svc" }] : []),
              ],
              ...(kiosk ? { volumeMounts: [{ name: "sa-token", mountPath: SA_DIR, readOnly: true }] } : {}),
            },
          ],
          ...(kiosk ? { volumes: [SA_TOKEN_VOLUME] } : {}),
        },
      },
    },
  };
  return stringify({
    apiVersion: "kustomize.config.k8s.io/v1beta1",
    kind: "Kustomization",
    resources: [path.relative(dir, path.join(deployDir, o.base))],
    images: [{ name: BASE_IMAGE, newName: name, newTag: tag }],
    patches: [{ patch: stringify(patch) }],
  });
}

/** Writes the overlay into `dir` (made if missing) and returns the directory to `kubectl apply -k`. */
export function writeOverlay(dir: string, o: OverlayOptions): string {
  mkdirSync(dir, { recursive: true });
  writeFileSync(path.join(dir, "kustomization.yaml"), overlayKustomization(dir, o));
  return dir;
}
