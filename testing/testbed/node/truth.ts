// The truth on the node, read the walk-through's way: `ip` in the node namespace and in each pod's namespace,
// plus waits on what the kubelet and Multus write. Used by the node's integration test and the browser tests.
import type { z } from "zod";
import { type KubeResponse, kubeRequest } from "../cluster";
import { listOf, type Pod, podSchema } from "./api-schemas";
import { podPids } from "./cgroups";
import { ipJson, ipJsonInProcessNetns } from "./netns";
import type { IpLink } from "./nns-from-ip";
import { sleep } from "./procs";

export type { Pod } from "./api-schemas";
export type Request = (method: string, path: string, body?: unknown) => Promise<KubeResponse>;
export const requestOn =
  (c: Parameters<typeof kubeRequest>[0]): Request =>
  (method, path, body) =>
    kubeRequest(c, method, path, { body });

/** GET a list and parse its items; an error names the verb, path and status. */
export async function list<T extends z.ZodType>(req: Request, path: string, item: T): Promise<z.infer<T>[]> {
  const r = await req("GET", path);
  if (r.status !== 200) throw new Error(`GET ${path}: HTTP ${r.status}: ${r.text.slice(0, 300)}`);
  return listOf(item).parse(r.body).items;
}

/** `ip -j link show master <bridge>` in the node namespace: the bridge's ports. */
export const bridgePorts = (netns: string, bridge: string): IpLink[] =>
  ipJson(netns, ["link", "show", "master", bridge]);

export const nodeLinks = (netns: string): IpLink[] => ipJson(netns, ["addr"]);

/** `ip -j addr show <ifname>` inside the pod's network namespace (entered through one of its processes). */
export function podAddr(cgroupRoot: string, podUid: string, ifname: string): IpLink | undefined {
  return ipJsonInProcessNetns(podPid(cgroupRoot, podUid), ["addr", "show", ifname])[0];
}

export function podPid(cgroupRoot: string, podUid: string): number {
  const [pid] = podPids(cgroupRoot, podUid);
  if (pid === undefined) throw new Error(`pod ${podUid} has no process in ${cgroupRoot}`);
  return pid;
}

export const ipv4 = (a: IpLink | undefined): string[] =>
  (a?.addr_info ?? []).flatMap((x) => (x.family === "inet" && x.local ? [x.local] : []));

/** Polls until `pick` returns a value; fails naming `what` and the last error seen. */
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

export function networkStatus(p: Pod): string | undefined {
  return p.metadata.annotations?.["k8s.v1.cni.cncf.io/network-status"];
}

/** Running pods matching a label selector, each with Multus's network-status written (and no others). */
export function runningPods(req: Request, ns: string, selector: string, count: number): Promise<Pod[]> {
  return until(`${count} running pods ${selector} in ${ns} with network-status`, async () => {
    const items = await list(
      req,
      `/api/v1/namespaces/${ns}/pods?labelSelector=${encodeURIComponent(selector)}`,
      podSchema,
    );
    const ready = items.filter(
      (p) => p.status?.phase === "Running" && !p.metadata.deletionTimestamp && networkStatus(p) !== undefined,
    );
    return ready.length === count && items.length === count ? ready : undefined;
  });
}
