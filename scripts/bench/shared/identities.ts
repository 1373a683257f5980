import type { TestCluster } from "../../../testing/testbed/cluster";
import { applyObjects, kubeRequest } from "../../../testing/testbed/cluster";

// Ten identities with different RBAC for the shared-sources benchmark: three alike through different bindings, a
// group and role names (cluster readers); three namespace readers of one namespace and two of another (each bound
// its own way); one cluster reader without NetworkAttachmentDefinitions; one without events. Five access
// fingerprints in all.

const verbs = ["get", "list", "watch"];
const rbacApi = "rbac.authorization.k8s.io/v1";
const everything = [{ apiGroups: ["*"], resources: ["*"], verbs }];
const only = (resources: Record<string, string[]>) =>
  Object.entries(resources).flatMap(([group, rs]) => (rs.length ? [{ apiGroups: [group], resources: rs, verbs }] : []));
const clusterScoped = { "": ["nodes", "namespaces"], "nmstate.io": ["nodenetworkstates"] };
const namespaced = {
  "": ["pods", "events"],
  "events.k8s.io": ["events"],
  "k8s.cni.cncf.io": ["network-attachment-definitions"],
  "whereabouts.cni.cncf.io": ["ippools", "overlappingrangeipreservations"],
};

export interface Identity {
  name: string;
  token: string;
  /** what it may read, in words */
  access: string;
}

interface Spec {
  name: string;
  access: string;
  cluster?: object[];
  namespace?: { ns: string; rules: object[] };
  byGroup?: boolean;
}

export function specs(nsA: string, nsB: string): Spec[] {
  const nsReader = (ns: string) => ({ ns, rules: only(namespaced) });
  const withoutNads = only({ "": ["pods", "events", "nodes", "namespaces"], "events.k8s.io": ["events"] });
  return [
    { name: "reader-1", access: "everything (role A, by name)", cluster: everything },
    { name: "reader-2", access: "everything (role B, by name)", cluster: everything },
    {
      name: "reader-3",
      access: "everything (role C, through its namespace's group)",
      cluster: everything,
      byGroup: true,
    },
    { name: "ns-a-1", access: `${nsA} + nodes`, cluster: only(clusterScoped), namespace: nsReader(nsA) },
    {
      name: "ns-a-2",
      access: `${nsA} + nodes (by group)`,
      cluster: only(clusterScoped),
      namespace: nsReader(nsA),
      byGroup: true,
    },
    { name: "ns-a-3", access: `${nsA} + nodes`, cluster: only(clusterScoped), namespace: nsReader(nsA) },
    { name: "ns-b-1", access: `${nsB} only`, namespace: nsReader(nsB) },
    { name: "ns-b-2", access: `${nsB} only (by group)`, namespace: nsReader(nsB), byGroup: true },
    { name: "no-nads", access: "everything but NADs and whereabouts", cluster: withoutNads },
    {
      name: "no-events",
      access: "everything but events",
      cluster: only({ ...clusterScoped, ...namespaced, "": ["pods", "nodes", "namespaces"], "events.k8s.io": [] }),
    },
  ];
}

/** Makes each identity (a ServiceAccount in a namespace of its own, its roles and bindings) and a token for it. */
export async function makeIdentities(c: TestCluster, nsA: string, nsB: string): Promise<Identity[]> {
  const out: Identity[] = [];
  for (const s of specs(nsA, nsB)) {
    const home = `bench-${s.name}`;
    const subject = s.byGroup
      ? { kind: "Group", apiGroup: "rbac.authorization.k8s.io", name: `system:serviceaccounts:${home}` }
      : { kind: "ServiceAccount", name: s.name, namespace: home };
    const role = `bench-${s.name}`;
    const objects: object[] = [
      { apiVersion: "v1", kind: "Namespace", metadata: { name: home } },
      { apiVersion: "v1", kind: "ServiceAccount", metadata: { name: s.name, namespace: home } },
    ];
    if (s.cluster)
      objects.push(
        { apiVersion: rbacApi, kind: "ClusterRole", metadata: { name: role }, rules: s.cluster },
        {
          apiVersion: rbacApi,
          kind: "ClusterRoleBinding",
          metadata: { name: role },
          roleRef: { apiGroup: "rbac.authorization.k8s.io", kind: "ClusterRole", name: role },
          subjects: [subject],
        },
      );
    if (s.namespace)
      objects.push(
        {
          apiVersion: rbacApi,
          kind: "Role",
          metadata: { name: role, namespace: s.namespace.ns },
          rules: s.namespace.rules,
        },
        {
          apiVersion: rbacApi,
          kind: "RoleBinding",
          metadata: { name: role, namespace: s.namespace.ns },
          roleRef: { apiGroup: "rbac.authorization.k8s.io", kind: "Role", name: role },
          subjects: [subject],
        },
      );
    await applyObjects(c, objects);
    const r = await kubeRequest(c, "POST", `/api/v1/namespaces/${home}/serviceaccounts/${s.name}/token`, {
      body: { apiVersion: "authentication.k8s.io/v1", kind: "TokenRequest", spec: { expirationSeconds: 7200 } },
    });
    out.push({ name: s.name, access: s.access, token: (r.body as { status: { token: string } }).status.token });
  }
  return out;
}
