import { AuthorizationV1Api, type KubeConfig } from "@kubernetes/client-node";

/** What a probe run does in its namespace, each asked of the API server before anything is created. */
const NEEDS = [
  // the run's owner Job, whose deadline and TTL have the cluster remove the run when no Plumbline is left to
  { verb: "create", group: "batch", resource: "jobs" },
  { verb: "delete", group: "batch", resource: "jobs" },
  { verb: "create", group: "", resource: "pods" },
  { verb: "list", group: "", resource: "pods" },
  { verb: "patch", group: "", resource: "pods" },
  { verb: "delete", group: "", resource: "pods" },
] as const;

/** "pods", "jobs.batch": the resource as kubectl and the API's errors name it. */
const named = (n: (typeof NEEDS)[number]): string => (n.group ? `${n.resource}.${n.group}` : n.resource);

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
            spec: { resourceAttributes: { verb: n.verb, group: n.group, resource: n.resource, namespace } },
          },
        });
        return review.status?.allowed === true ? null : `needs ${n.verb} on ${named(n)} in ${namespace}`;
      } catch (e) {
        return `cannot ask whether it may ${n.verb} ${named(n)} in ${namespace}: ${e instanceof Error ? e.message.split("\n")[0] : String(e)}`;
      }
    }),
  );
  const missing = answers.filter((a): a is string => a !== null);
  return { allowed: missing.length === 0, missing };
}
