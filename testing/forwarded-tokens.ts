import type { TopologyPayload } from "@/lib/wire/payload";
import { SourceRegistry } from "@/server/sources/registry";
import { applyObjects, kubeRequest, type TestCluster } from "./testbed/cluster";

/** A registry serving forwarded tokens on the test bed; identities whose access answers alike share unless `share` is false. */
export function forwardedRegistry(cluster: TestCluster, namespaces: readonly string[], share = true): SourceRegistry {
  const r = new SourceRegistry({
    PLUMBLINE_SOURCE: "kubeconfig",
    PLUMBLINE_IDENTITY: "forwarded-token",
    KUBECONFIG: cluster.kubeconfigPath,
    PLUMBLINE_NAMESPACES: namespaces.join(","),
  });
  r.shareByAccess = share;
  return r;
}

/** A ServiceAccount and a token for it (TokenRequest). */
export async function serviceAccountToken(cluster: TestCluster, name: string, namespace = "default"): Promise<string> {
  await applyObjects(cluster, [{ apiVersion: "v1", kind: "ServiceAccount", metadata: { name, namespace } }]);
  const r = await kubeRequest(cluster, "POST", `/api/v1/namespaces/${namespace}/serviceaccounts/${name}/token`, {
    body: { apiVersion: "authentication.k8s.io/v1", kind: "TokenRequest", spec: { expirationSeconds: 3600 } },
  });
  return (r.body as { status: { token: string } }).status.token;
}

/** The element ids of a view, sorted. */
export const idsOf = (v: TopologyPayload): string[] => v.topology.elements.map((e) => e.id).sort();

/** What a user is shown, without the times in it. */
export const shownOf = (v: TopologyPayload) => ({
  state: v.status.state,
  ids: idsOf(v),
  findings: v.topology.findings.map((f) => f.message.replace(/\d{4}-\d\d-\d\dT[\d:.]+Z/g, "<time>")).sort(),
});
