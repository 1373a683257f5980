import { AuthorizationV1Api, type KubeConfig } from "@kubernetes/client-node";

/** What a probe run does in its namespace, each asked of the API server before anything is created. */
const NEEDS = [
  { verb: "create", resource: "configmaps" },
  { verb: "delete", resource: "configmaps" },
  { verb: "create", resource: "pods" },
  { verb: "list", resource: "pods" },
  { verb: "patch", resource: "pods" },
  { verb: "delete", resource: "pods" },
] as const;

export interface ProbeAccess {
  allowed: boolean;
  /** e.g. "needs create on pods in multus-test"; empty when allowed */
  missing: string[];
}

/**
 * SelfSubjectAccessReviews for every verb a run uses, so a caller without the rights is told which before a pod
 * exists (and never gets half a run). A review the API server refuses to answer counts as not allowed.
 */
export async function probeAccess(kc: KubeConfig, namespace: string): Promise<ProbeAccess> {
  const authz = kc.makeApiClient(AuthorizationV1Api);
  const answers = await Promise.all(
    NEEDS.map(async (n) => {
      try {
        const review = await authz.createSelfSubjectAccessReview({
          body: {
            apiVersion: "authorization.k8s.io/v1",
            kind: "SelfSubjectAccessReview",
            spec: { resourceAttributes: { verb: n.verb, group: "", resource: n.resource, namespace } },
          },
        });
        return review.status?.allowed === true ? null : `needs ${n.verb} on ${n.resource} in ${namespace}`;
      } catch (e) {
        return `cannot ask whether it may ${n.verb} ${n.resource} in ${namespace}: ${e instanceof Error ? e.message.split("\n")[0] : String(e)}`;
      }
    }),
  );
  const missing = answers.filter((a): a is string => a !== null);
  return { allowed: missing.length === 0, missing };
}
