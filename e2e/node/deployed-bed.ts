// The world the deployed-image spec runs in: two teams, each a namespace with a network and a pod, and a user per
// team (a ServiceAccount token, accepted by the API server as any bearer token is) who may read only their own.
import { readFileSync } from "node:fs";
import { testbedInfoSchema } from "../../testing/testbed/node/api-schemas";
import { NODE_NAME } from "../../testing/testbed/node/config";
import { imageRef } from "../../testing/testbed/node/image";
import { runningPods, until } from "../../testing/testbed/node/truth";
import { ensure, type nodeBed } from "./node-bed";

type Req = ReturnType<typeof nodeBed>["request"];

export const TEAMS = [
  { ns: "team-a", user: "alice", range: "192.168.70.0/24" },
  { ns: "team-b", user: "bob", range: "192.168.71.0/24" },
] as const;
export type Team = (typeof TEAMS)[number];

export function bedInfo() {
  const file = process.env.PLUMBLINE_NODE_TESTBED_INFO;
  if (!file) throw new Error("PLUMBLINE_NODE_TESTBED_INFO is not set: run with -c playwright.node.config.ts");
  return testbedInfoSchema.parse(JSON.parse(readFileSync(file, "utf8")));
}

/** A pod on the team's network, pinned to the first node. */
export const teamPod = (t: Team, name: string) => ({
  apiVersion: "v1",
  kind: "Pod",
  metadata: {
    name,
    namespace: t.ns,
    labels: { app: "team" },
    annotations: { "k8s.v1.cni.cncf.io/networks": `${t.ns}-net` },
  },
  spec: {
    nodeSelector: { "kubernetes.io/hostname": NODE_NAME },
    terminationGracePeriodSeconds: 1,
    containers: [{ name: "main", image: imageRef(), imagePullPolicy: "Never" }],
  },
});

const call = async (req: Req, method: string, path: string, body: unknown) => {
  const r = await req(method, path, body);
  if (r.status >= 300 && r.status !== 409) throw new Error(`${method} ${path}: HTTP ${r.status}: ${r.text}`);
  return r;
};

/** Namespace, network, pod, user and the user's read-only Role in it; returns the user's token. */
export async function makeTeam(req: Req, t: Team): Promise<string> {
  await ensure(req, "/api/v1/namespaces", { metadata: { name: t.ns } });
  const config = {
    cniVersion: "0.3.1",
    name: `${t.ns}-net`,
    type: "bridge",
    bridge: `br-${t.user}`,
    ipam: { type: "whereabouts", range: t.range },
  };
  await call(req, "POST", `/apis/k8s.cni.cncf.io/v1/namespaces/${t.ns}/network-attachment-definitions`, {
    apiVersion: "k8s.cni.cncf.io/v1",
    kind: "NetworkAttachmentDefinition",
    metadata: { name: `${t.ns}-net` },
    spec: { config: JSON.stringify(config) },
  });
  await call(req, "POST", `/api/v1/namespaces/${t.ns}/pods`, teamPod(t, `${t.user}-app`));
  await call(req, "POST", `/api/v1/namespaces/${t.ns}/serviceaccounts`, { metadata: { name: t.user } });
  const verbs = ["get", "list", "watch"];
  await call(req, "POST", `/apis/rbac.authorization.k8s.io/v1/namespaces/${t.ns}/roles`, {
    metadata: { name: "team-reader" },
    rules: [
      { apiGroups: [""], resources: ["pods", "events"], verbs },
      { apiGroups: ["events.k8s.io"], resources: ["events"], verbs },
      { apiGroups: ["apps"], resources: ["deployments", "statefulsets", "daemonsets"], verbs },
      { apiGroups: ["k8s.cni.cncf.io"], resources: ["network-attachment-definitions"], verbs },
    ],
  });
  await call(req, "POST", `/apis/rbac.authorization.k8s.io/v1/namespaces/${t.ns}/rolebindings`, {
    metadata: { name: "team-reader" },
    roleRef: { apiGroup: "rbac.authorization.k8s.io", kind: "Role", name: "team-reader" },
    subjects: [{ kind: "ServiceAccount", name: t.user, namespace: t.ns }],
  });
  const r = await call(req, "POST", `/api/v1/namespaces/${t.ns}/serviceaccounts/${t.user}/token`, {
    apiVersion: "authentication.k8s.io/v1",
    kind: "TokenRequest",
    spec: { expirationSeconds: 3600 },
  });
  const token = (r.body as { status?: { token?: string } } | undefined)?.status?.token;
  if (!token) throw new Error(`no token for ${t.user}: ${r.text}`);
  await runningPods(req, t.ns, "app=team", 1);
  return token;
}

/** Waits until the pod of `ns` matching `selector` is Ready; returns it and when it was first seen / Ready. */
export async function readyPod(req: Req, ns: string, selector: string, notUid?: string) {
  let firstSeen = 0;
  return until(
    `a Ready pod ${selector} in ${ns}`,
    async () => {
      const r = await req("GET", `/api/v1/namespaces/${ns}/pods?labelSelector=${encodeURIComponent(selector)}`);
      const items = (r.body as { items?: PodView[] } | undefined)?.items ?? [];
      const pod = items.find((p) => p.metadata.uid !== notUid && !p.metadata.deletionTimestamp);
      if (pod && !firstSeen) firstSeen = Date.now();
      const ready = pod?.status?.conditions?.find((c) => c.type === "Ready" && c.status === "True");
      return pod && ready ? { pod, firstSeen, readyAt: Date.now() } : undefined;
    },
    300_000,
  );
}

export interface PodView {
  metadata: { name: string; uid: string; creationTimestamp: string; deletionTimestamp?: string };
  spec: {
    nodeName?: string;
    securityContext?: Record<string, unknown>;
    containers: { name: string; securityContext?: Record<string, unknown> }[];
  };
  status?: {
    podIP?: string;
    conditions?: { type: string; status: string; lastTransitionTime?: string }[];
    containerStatuses?: {
      name: string;
      containerID?: string;
      restartCount: number;
      ready: boolean;
      user?: { linux?: { uid: number; gid: number } };
    }[];
  };
}
