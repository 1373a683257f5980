// The truth on the node, read the walk-through's way: `ip` in the node namespace and in each pod's namespace,
// plus waits on what the kubelet and Multus write. Used by the node's integration test and the browser tests.
import { type KubeObject, type KubeResponse, kubeRequest } from "../cluster";
import { podPids } from "./cgroups";
import { ipJson, ipJsonInProcessNetns } from "./netns";
import { sleep } from "./procs";

type Request = (method: string, path: string, body?: unknown) => Promise<KubeResponse>;
export const requestOn =
  (c: Parameters<typeof kubeRequest>[0]): Request =>
  (method, path, body) =>
    kubeRequest(c, method, path, { body });

export interface IpAddr {
  ifname: string;
  address?: string;
  master?: string;
  addr_info: { family: string; local: string; prefixlen: number }[];
}

export interface Pod extends KubeObject {
  spec: { nodeName?: string };
  status?: { phase?: string; podIP?: string };
}

/** `ip -j link show master <bridge>` in the node namespace: the bridge's ports. */
export const bridgePorts = (netns: string, bridge: string): IpAddr[] =>
  ipJson<IpAddr[]>(netns, ["link", "show", "master", bridge]);

export const nodeLinks = (netns: string): IpAddr[] => ipJson<IpAddr[]>(netns, ["addr"]);

/** `ip -j addr show <ifname>` inside the pod's network namespace (entered through one of its processes). */
export function podAddr(cgroupRoot: string, podUid: string, ifname: string): IpAddr | undefined {
  const [pid] = podPids(cgroupRoot, podUid);
  if (pid === undefined) throw new Error(`pod ${podUid} has no process in ${cgroupRoot}`);
  return ipJsonInProcessNetns<IpAddr[]>(pid, ["addr", "show", ifname])[0];
}

export const ipv4 = (a: IpAddr | undefined): string[] =>
  (a?.addr_info ?? []).filter((x) => x.family === "inet").map((x) => x.local);

/** Polls until `pick` returns a value; fails naming `what` and the last thing seen. */
export async function until<T>(what: string, pick: () => Promise<T | undefined>, timeoutMs = 90_000): Promise<T> {
  let last: unknown;
  for (const deadline = Date.now() + timeoutMs; ; await sleep(500)) {
    try {
      const v = await pick();
      if (v !== undefined) return v;
    } catch (e) {
      last = e;
    }
    if (Date.now() > deadline) throw new Error(`${what}: not within ${timeoutMs / 1000}s (${String(last ?? "")})`);
  }
}

/** Running pods matching a label selector, each with Multus's network-status written. */
export function runningPods(req: Request, ns: string, selector: string, count: number): Promise<Pod[]> {
  return until(`${count} running pods ${selector} in ${ns} with network-status`, async () => {
    const r = await req("GET", `/api/v1/namespaces/${ns}/pods?labelSelector=${encodeURIComponent(selector)}`);
    const items = (r.body as { items?: Pod[] }).items ?? [];
    const ready = items.filter(
      (p) =>
        p.status?.phase === "Running" &&
        !(p.metadata as { deletionTimestamp?: string }).deletionTimestamp &&
        networkStatus(p) !== undefined,
    );
    return ready.length === count && items.length === count ? ready : undefined;
  });
}

export function networkStatus(p: KubeObject): string | undefined {
  const a = (p.metadata as { annotations?: Record<string, string> }).annotations;
  return a?.["k8s.v1.cni.cncf.io/network-status"];
}

/** The namespace's Events about `name` (the kubelet's and Multus's). */
export async function eventsFor(req: Request, ns: string, name: string): Promise<KubeObject[]> {
  const r = await req("GET", `/api/v1/namespaces/${ns}/events?fieldSelector=involvedObject.name=${name}`);
  return (r.body as { items?: KubeObject[] }).items ?? [];
}
