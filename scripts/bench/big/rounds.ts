import type { Page } from "@playwright/test";
import type { KubeObject } from "@/lib/k8s/objects";
import { NETWORK_STATUS_ANNOTATION } from "@/lib/pod/annotations";
import type { ViewQuery } from "@/lib/wire/view-protocol";
import type { apiClient } from "./seed";
import type { Subscriber } from "./sse";

type Api = ReturnType<typeof apiClient>;
const statusOf = (o: KubeObject) =>
  JSON.parse(o.metadata.annotations?.[NETWORK_STATUS_ANNOTATION] ?? "[]") as { name: string; ips: string[] }[];

/**
 * `n` views that differ from each other and from the page's (the changed pod's own view): the cluster, hosts,
 * namespaces, networks and other pods, the changed pod's host, namespace and network among them — what 20 admins
 * looking at 20 different things ask of the server, where "20 subscribers" of two views would share two channels.
 */
export function distinctViews(objects: KubeObject[], changed: KubeObject, n: number): ViewQuery[] {
  const pods = objects.filter((o) => o.kind === "Pod");
  const net = statusOf(changed)[1]?.name;
  const hosts = [...new Set(pods.map((p) => String((p.spec as { nodeName?: string }).nodeName)))];
  const namespaces = [...new Set(pods.map((p) => p.metadata.namespace ?? ""))];
  const networks = [
    ...new Set(
      pods.flatMap((p) =>
        statusOf(p)
          .slice(1)
          .map((s) => s.name),
      ),
    ),
  ];
  const hostOf = (p: KubeObject) => String((p.spec as { nodeName?: string }).nodeName);
  const first = <T>(own: T | undefined, all: T[]) => [...new Set([...(own === undefined ? [] : [own]), ...all])];
  const kinds: ViewQuery[][] = [
    [{}],
    first(hostOf(changed), hosts).map((host) => ({ host })),
    first(changed.metadata.namespace, namespaces).map((namespace) => ({ namespace })),
    first(net, networks).map((network) => ({ network })),
    pods.filter((p) => p !== changed).map((p) => ({ pod: `${p.metadata.namespace}/${p.metadata.name}` })),
  ];
  // Round-robin over the kinds, so any n mixes them.
  const out: ViewQuery[] = [];
  for (let i = 0; out.length < n && i < n; i++)
    for (const k of kinds) {
      const view = k[i];
      if (out.length < n && view) out.push(view);
    }
  return out;
}

/**
 * One change round: the pod's second interface gets `ip`; resolves when the page shows it, with the time every
 * other subscriber took to receive that same revision (the page's own subscriber tells which revision it is).
 */
export async function changeRound(opts: {
  api: Api;
  page: Page;
  pod: KubeObject;
  witness: Subscriber;
  others: Subscriber[];
  ip: string;
}): Promise<{ screen: number; last: number; deltaBytes: number }> {
  const { api, page, pod, witness, others, ip } = opts;
  const status = statusOf(pod);
  if (status[1]) status[1].ips = [ip];
  const body = { metadata: { annotations: { [NETWORK_STATUS_ANNOTATION]: JSON.stringify(status) } } };
  const path = `/api/v1/namespaces/${pod.metadata.namespace}/pods/${pod.metadata.name}`;
  const seen = witness.waitFor(ip);
  const onScreen = page.getByText(ip, { exact: false }).first().waitFor({ timeout: 120_000 });
  const start = performance.now();
  const r = await api.call("PATCH", path, body, "application/merge-patch+json");
  if (r.status !== 200) throw new Error(`PATCH pods ${pod.metadata.namespace}/${pod.metadata.name}: HTTP ${r.status}`);
  await seen;
  const revision = witness.last()?.revision ?? "";
  const deltaBytes = witness.last()?.bytes ?? 0;
  const times = (await Promise.all(others.map((s) => s.waitForRevision(revision)))).map((at) => at - start);
  await onScreen;
  return { screen: performance.now() - start, last: times.length ? Math.max(...times) : 0, deltaBytes };
}
