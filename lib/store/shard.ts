import { compareCodePoints } from "../compare";
import { podId } from "../contract/ids";
import type { Finding, InterfaceElement, NetworkElement, TopologyElement, TopologyLink } from "../contract/schema";
import { type KubeObject, keyOf } from "../k8s/objects";
import { isObject } from "../result";
import { type CheckInputs, runChecks } from "../topology/check-registry";
import { migratingVm } from "../topology/checks";
import { BuildContext } from "../topology/context";
import { applyPodEvents } from "../topology/events";
import { type ClusterExtras, emptyExtras } from "../topology/extras";
import { addHosts, explainInferredHosts, markIslands, type NnsAvailability } from "../topology/hosts";
import type { NetworkEntry } from "../topology/networks";
import { PodAdder } from "../topology/pods";
import { type CrossFragment, crossFragments } from "./cross-checks";
import { work } from "./work";

/** The shard of pods with no node: they share nothing, so they can be built together without a host. */
export const UNSCHEDULED = "";

/** What one node contributes: its host, host-side points, pods and their interfaces, and the findings on them. */
export interface ShardInput {
  node: KubeObject | undefined;
  state: KubeObject | undefined;
  /** the pods scheduled on this node (or, for UNSCHEDULED, on none) */
  pods: readonly KubeObject[];
  /** the network events about those pods */
  events: readonly KubeObject[];
  /** what the cluster says about NodeNetworkState, for hosts without one (see explainInferredHosts) */
  nns: NnsAvailability;
  /** some NodeNetworkState object (valid or not) is named after this node */
  named: boolean;
  /** every pod goes to the cross-host checks (a dhcp network is there: the daemon check reads all pods) */
  allPods: boolean;
  /** what the host checks read besides the elements, given the shard's pods */
  checks: (pods: readonly KubeObject[]) => CheckInputs;
}

/** An interface the cluster-wide duplicate-IP check must see, with where the full build meets it. */
export interface AddressedInterface {
  element: InterfaceElement;
  /** keyOf(pod): the full build meets pods in this order */
  podKey: string;
  /** its place among its pod's interfaces */
  seq: number;
  /** the VM its pod runs while live-migrating (checks.ts migratingVm) */
  migratingVm?: string;
}

export interface ShardResult {
  elements: Map<string, TopologyElement>;
  links: TopologyLink[];
  findings: Finding[];
  /** pod id → the ids of the pod and its interfaces, for views that pick pods */
  pods: Map<string, string[]>;
  interfaces: AddressedInterface[];
  /** what the checks across hosts read of this shard */
  cross: CrossFragment[];
}

/** The pods in the full build's order (code points of their keys), each key made once rather than per comparison. */
export const byKey = (pods: readonly KubeObject[]): KubeObject[] =>
  pods
    .map((pod) => ({ key: keyOf(pod), pod }))
    .sort((a, b) => compareCodePoints(a.key, b.key))
    .map((k) => k.pod);

/** The network elements by id, made once per network stage rather than once per shard (500 shards × 200 NADs). */
const byIdOf = new WeakMap<Map<string, NetworkEntry>, Map<string, NetworkElement>>();
function networkElements(networks: Map<string, NetworkEntry>): Map<string, NetworkElement> {
  let byId = byIdOf.get(networks);
  if (!byId) {
    byId = new Map([...networks.values()].map((n) => [n.element.id, n.element]));
    byIdOf.set(networks, byId);
  }
  return byId;
}

/** The node a pod is scheduled on, as the full build reads it ("" and absent both mean none). */
export function shardOf(pod: KubeObject): string {
  const name = isObject(pod.spec) ? pod.spec.nodeName : undefined;
  return typeof name === "string" ? name : UNSCHEDULED;
}

/**
 * Runs the full build's own stages on one node's objects. Everything the stages join within a node (points
 * created on first use, host devices held by one pod, devices missing from NodeNetworkState) stays inside it,
 * so the union of the shards is the full build less the networks and the cluster-wide checks.
 */
export function buildShard(
  name: string,
  input: ShardInput,
  networks: Map<string, NetworkEntry>,
  bridges: ReadonlySet<string>,
  extras: ClusterExtras = emptyExtras(),
): ShardResult {
  const started = startShard(input.node, input.state, networks, extras);
  const pods = byKey(input.pods);
  for (const pod of pods) started.adder.add(pod);
  return finishShard(name, started, input, pods, bridges);
}

/** A shard's build up to its pods: its host (and what NodeNetworkState says of it); the pods are added in key order. */
export interface StartedShard {
  ctx: BuildContext;
  adder: PodAdder;
  netById: Map<string, NetworkElement>;
}

export function startShard(
  node: KubeObject | undefined,
  state: KubeObject | undefined,
  networks: Map<string, NetworkEntry>,
  extras: ClusterExtras,
): StartedShard {
  const netById = networkElements(networks);
  // The networks are read through the context (the event stage and the checks name them) but not held in it.
  const ctx = new BuildContext(netById);
  addHosts(ctx, node ? [node] : [], state ? [state] : []);
  return { ctx, adder: new PodAdder(ctx, networks, extras), netById };
}

/** The rest of a shard's build once its pods (`pods`, in key order) are added: what reads them all. */
export function finishShard(
  name: string,
  { ctx, adder, netById }: StartedShard,
  input: ShardInput,
  pods: readonly KubeObject[],
  bridges: ReadonlySet<string>,
): ShardResult {
  work.shardsBuilt++;
  adder.finish();
  applyPodEvents(ctx, input.events);
  markIslands(ctx, bridges);
  explainInferredHosts(ctx, input.nns, input.named ? new Set([name]) : new Set());
  // The checks that stay within a host; the other scopes run once in the store (a network's own finding would
  // otherwise come once per shard).
  runChecks("host", ctx, input.checks(pods));
  const podIds = new Map<string, string[]>();
  const podKeys = new Map<string, string>();
  for (const p of pods) {
    podKeys.set(podId(p.metadata.namespace ?? "default", p.metadata.name), keyOf(p));
  }
  const interfaces: AddressedInterface[] = [];
  for (const el of ctx.elements.values()) {
    if (el.kind === "pod") podIds.set(el.id, [el.id]);
    else if (el.kind === "interface" && el.parent) {
      const list = podIds.get(el.parent);
      list?.push(el.id);
      const migrating = migratingVm(ctx.elements.get(el.parent));
      interfaces.push({
        element: el,
        podKey: podKeys.get(el.parent) ?? el.parent,
        seq: list ? list.length : 0,
        ...(migrating ? { migratingVm: migrating } : {}),
      });
    }
  }
  const links = [...ctx.links.values()];
  const cross = crossFragments(ctx.elements, links, podIds, podKeys, netById, input.allPods);
  return { elements: ctx.elements, links, findings: ctx.findings, pods: podIds, interfaces, cross };
}
