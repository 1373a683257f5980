import { hostId, podId, podRefOf, refOf } from "../contract/ids";
import type { HostSideElement, InterfaceElement, PodElement } from "../contract/schema";
import type { KubeObject } from "../k8s/objects";
import { pluginOf } from "../plugins/registry";
import type { NetworkStatus } from "../pod/network-status";
import { type NetworkRequest, requestedInterfaceNames } from "../pod/networks-annotation";
import { isObject, str, stringsAt } from "../result";
import type { BuildContext } from "./context";
import { type ClusterExtras, emptyExtras } from "./extras";
import { hostView } from "./host-view";
import { ensurePoint, nodeOf } from "./hosts";
import type { NetworkEntry } from "./networks";
import { pairStatuses } from "./pair-statuses";
import { readRequests, readStatuses } from "./pod-annotations";
import { decoratePod, primaryNetworkOf } from "./pod-extras";

/** An interface still waiting for a host device; who holds the device is known only once every pod is in. */
interface DeviceWait {
  pod: PodElement;
  iface: InterfaceElement;
  point: HostSideElement;
}

export function addPods(
  ctx: BuildContext,
  pods: readonly KubeObject[],
  networks: Map<string, NetworkEntry>,
  extras: ClusterExtras = emptyExtras(),
): void {
  const adder = new PodAdder(ctx, networks, extras);
  for (const pod of pods) adder.add(pod);
  adder.finish();
}

/**
 * addPods one pod at a time (a node's shard takes its pods as their List streams in), in the order addPods takes
 * them; `finish` once every pod is in. What a pod adds depends only on the pods added before it.
 */
export class PodAdder {
  private readonly waits: DeviceWait[] = [];
  constructor(
    private readonly ctx: BuildContext,
    private readonly networks: Map<string, NetworkEntry>,
    private readonly extras: ClusterExtras = emptyExtras(),
  ) {}

  add(pod: KubeObject): void {
    const el = addPod(this.ctx, pod, this.networks, this.waits);
    decoratePod(this.ctx, pod, el, interfacesOf.get(el) ?? [], this.extras);
  }

  /** Who holds a host device: checked after all pods, so the result does not depend on whether the holder sorts first. */
  finish(): void {
    const { ctx } = this;
    for (const { pod, iface, point } of this.waits) {
      if (point.kind === "host-device" && point.movedTo) {
        const holder = ctx.get(point.movedTo)?.parent ?? point.movedTo;
        ctx.finding(
          "error",
          "host-device-conflict",
          `${point.device} on ${pod.node} is already held by ${podRefOf(holder)}; ${pod.namespace}/${pod.name} cannot get it until that pod is gone`,
          [iface.id, point.id, pod.id],
        );
      } else {
        checkDevicePresent(ctx, pod, iface, point);
      }
    }
  }
}

function addPod(
  ctx: BuildContext,
  pod: KubeObject,
  networks: Map<string, NetworkEntry>,
  waits: DeviceWait[],
): PodElement {
  const namespace = pod.metadata.namespace ?? "default";
  const id = podId(namespace, pod.metadata.name);
  const spec = isObject(pod.spec) ? pod.spec : {};
  const status = isObject(pod.status) ? pod.status : {};
  const node = nodeOf(ctx, str(spec.nodeName), `${namespace}/${pod.metadata.name}`, id);
  const element = ctx.add<PodElement>({
    id,
    kind: "pod",
    name: pod.metadata.name,
    parent: node ? hostId(node) : null,
    provenance: "observed",
    namespace,
    node,
    phase: str(status.phase),
    podIPs: stringsAt(status.podIPs, "ip"),
    requested: [],
  });

  const requests = readRequests(ctx, pod, element);
  const statuses = readStatuses(ctx, pod, element);
  const names = requestedInterfaceNames(requests);
  element.requested = requests.map((r, i) => ({
    network: refOf(r),
    interface: names[i] ?? `net${i + 1}`,
    ips: r.ips,
    ...(r.mac ? { mac: r.mac } : {}),
  }));

  const { pairs, unused } = pairStatuses(requests, names, statuses);

  // A pod of a namespace with a primary user-defined network: its default route is that network's (the entry
  // marked default), and the cluster network's own entry (eth0, kept for the kubelet's probes) is no stray attachment.
  const primary = primaryNetworkOf(networks, namespace);
  const defaults = statuses.filter((x) => x.isDefault);
  for (const s of defaults) {
    const iface = addInterface(ctx, element, {
      ifname: s.interface ?? "eth0",
      network: primary ? refOf(primary.element) : s.name,
      status: s,
      requested: false,
      isDefault: true,
    });
    if (primary) wire(ctx, element, iface, primary, waits);
  }
  addRequested(ctx, element, pairs, networks, waits);
  // The cluster network's second interface (eth0 beside a primary network's, same name): part of the default network.
  for (const s of unused.length ? unused.filter((u) => inClusterNetwork(defaults, namespace, u.name)) : unused) {
    const ifname = s.interface ?? "eth0";
    // named as the default entry names it (network-status qualifies a non-default bare name with the namespace)
    const network = defaults.find((d) => s.name === d.name || s.name === `${namespace}/${d.name}`)?.name ?? s.name;
    addInterface(ctx, element, { ifname, network, status: s, requested: false, isDefault: true });
  }
  for (const s of unused.length ? unused.filter((u) => !inClusterNetwork(defaults, namespace, u.name)) : unused) {
    const iface = addInterface(ctx, element, {
      ifname: s.interface ?? s.name,
      network: s.name,
      status: s,
      requested: false,
    });
    wire(ctx, element, iface, networks.get(s.name), waits);
    if (primary && networks.get(s.name) === primary) continue;
    ctx.finding(
      "info",
      "attached-not-requested",
      `Pod ${namespace}/${pod.metadata.name} has ${iface.interface} on ${s.name}, which its networks annotation does not request`,
      [iface.id],
    );
  }
  return element;
}

/**
 * network-status names the default network bare and a second entry of it namespace-qualified ("ns/name"); asked only
 * of the entries left unused (few), not a set made per pod (nor a closure: addPod runs 20k times on a cold start)
 */
function inClusterNetwork(defaults: readonly NetworkStatus[], namespace: string, name: string): boolean {
  for (const d of defaults) if (name === d.name || name === `${namespace}/${d.name}`) return true;
  return false;
}

/** The interfaces a pod's networks annotation asks for, each paired with its network-status entry when it has one. */
function addRequested(
  ctx: BuildContext,
  element: PodElement,
  pairs: ReturnType<typeof pairStatuses>["pairs"],
  networks: Map<string, NetworkEntry>,
  waits: DeviceWait[],
): void {
  const { namespace, node, id } = element;
  for (const { request, ifname, status: s } of pairs) {
    const key = refOf(request);
    const iface = addInterface(ctx, element, {
      ifname: s?.interface ?? ifname,
      network: key,
      status: s,
      requested: true,
      request,
    });
    wire(ctx, element, iface, networks.get(key), waits);
    if (!networks.has(key)) {
      ctx.finding(
        "error",
        "network-not-found",
        `Pod ${namespace}/${element.name} requests ${key}, but no NetworkAttachmentDefinition of that name exists${element.phase === "Running" ? "" : ": Multus cannot start the pod"}`,
        [iface.id, id],
      );
    }
    if (!s && networks.has(key)) {
      // Unscheduled pods have no attachments by design; scheduled but not running ones are stuck on this.
      const severity = element.phase === "Running" ? "warning" : node ? "error" : "info";
      ctx.finding(
        severity,
        "network-not-attached",
        `Pod ${namespace}/${element.name} requests ${key} as ${ifname}, but network-status has no such attachment${severity === "error" ? " (the pod is not running)" : ""}`,
        [iface.id, id],
      );
    }
  }
}

interface InterfaceInput {
  ifname: string;
  network: string;
  status: NetworkStatus | undefined;
  requested: boolean;
  isDefault?: boolean;
  request?: NetworkRequest;
}

/** Each pod's interfaces as they are made, for what is read of the pod as a whole (its VM, its policies). */
const interfacesOf = new WeakMap<PodElement, InterfaceElement[]>();

function addInterface(ctx: BuildContext, pod: PodElement, input: InterfaceInput): InterfaceElement {
  const id = ctx.interfaceId(pod.id, input.ifname);
  const s = input.status;
  const mac = s?.mac ?? input.request?.mac;
  const list = interfacesOf.get(pod) ?? [];
  interfacesOf.set(pod, list);
  const el = ctx.add<InterfaceElement>({
    id,
    kind: "interface",
    name: input.ifname,
    parent: pod.id,
    provenance: s ? "observed" : "inferred",
    interface: input.ifname,
    ips: s?.ips.length ? s.ips : (input.request?.ips ?? []),
    ...(mac ? { mac } : {}),
    network: input.network,
    isDefault: input.isDefault ?? false,
    requested: input.requested,
    attached: s !== undefined,
    gateway: s?.gateway ?? [],
    ...(s?.deviceInfo ? { deviceInfo: s.deviceInfo } : {}),
  });
  list.push(el);
  return el;
}

/** Joins an interface to its network and, once attached, to the host-side point it hangs off. */
function wire(
  ctx: BuildContext,
  pod: PodElement,
  iface: InterfaceElement,
  network: NetworkEntry | undefined,
  waits: DeviceWait[],
): void {
  if (!network) return;
  ctx.link("network", iface.id, network.element.id);
  if (!pod.node) return;
  const point = attachmentPoint(ctx, pod.node, network, iface);
  if (!point) return;
  if (!iface.attached && point.kind === "host-device") {
    // Held by another pod (conflict) or absent from the host: decided once every pod is in.
    waits.push({ pod, iface, point });
    return;
  }
  checkDevicePresent(ctx, pod, iface, point);
  if (!iface.attached) return;
  if (point.kind === "host-device") {
    if (point.movedTo && point.movedTo !== iface.id) {
      ctx.finding(
        "error",
        "host-device-conflict",
        `${point.device} on ${pod.node} is claimed by two pods at once: ${point.movedTo} and ${iface.id}`,
        [point.id, point.movedTo, iface.id],
      );
    } else {
      point.movedTo = iface.id;
    }
  }
  const ip = iface.ips[0];
  const label = iface.interface && ip ? `${iface.interface} ${ip}` : iface.interface || ip;
  ctx.link("attachment", iface.id, point.id, label);
}

function attachmentPoint(
  ctx: BuildContext,
  node: string,
  network: NetworkEntry,
  iface: InterfaceElement,
): HostSideElement | null {
  const c = network.config;
  if (!c) return null;
  const at =
    c.cniType === null ? undefined : pluginOf(c.cniType)?.point(c, iface, network.element, hostView(ctx, node));
  if (!at) return null;
  // the plugin's own point says what ensurePoint reads of it (segment, ovs): no copy per interface
  const point = ensurePoint(ctx, node, at.kind, at.device, at);
  if (point.kind === "vlan-parent" && at.vlan !== undefined) ctx.addVlan(point, at.vlan);
  return point;
}

/** With NodeNetworkState on the host, a parent NIC it does not report will make the pod fail to start. */
function checkDevicePresent(ctx: BuildContext, pod: PodElement, iface: InterfaceElement, point: HostSideElement): void {
  if (!pod.node || !ctx.nns.has(pod.node) || point.provenance === "observed") return;
  if (point.kind === "bridge" || point.kind === "sriov-pf") return; // the bridge plugin creates its bridge; PFs show as PCI, not by name
  if (point.kind === "ovn-switch") return; // OVN's, never on the node
  if (point.kind === "host-device" && iface.attached) return; // moved into this pod: gone from the host is expected
  if (point.device.includes(" ")) return; // the default-route NIC: no name to check
  ctx.finding(
    iface.attached ? "warning" : "error",
    "device-missing-on-host",
    `${pod.node} does not report ${point.device}, which ${iface.network} needs for ${pod.namespace}/${pod.name} ${iface.interface}`,
    [point.id, iface.id],
  );
}
