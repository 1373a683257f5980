import { annotation, type KubeObject } from "../k8s/objects";
import {
  NETWORK_STATUS_ANNOTATION,
  NETWORKS_ANNOTATION,
  NETWORKS_STATUS_ANNOTATION_DEPRECATED,
} from "../pod/annotations";
import { type NetworkStatus, parseNetworkStatus } from "../pod/network-status";
import { type NetworkRequest, parseNetworksAnnotation, requestedInterfaceNames } from "../pod/networks-annotation";
import { isObject, str, stringsAt } from "../result";
import { type BuildContext, hostId, podId } from "./context";
import { ensurePoint, nodeOf } from "./hosts";
import type { NetworkEntry } from "./networks";
import { pairStatuses } from "./pair-statuses";
import type { HostSideElement, InterfaceElement, PodElement } from "./schema";

/** An interface still waiting for a host device; who holds the device is known only once every pod is in. */
interface DeviceWait {
  pod: PodElement;
  iface: InterfaceElement;
  point: HostSideElement;
}

export function addPods(ctx: BuildContext, pods: readonly KubeObject[], networks: Map<string, NetworkEntry>): void {
  const waits: DeviceWait[] = [];
  for (const pod of pods) addPod(ctx, pod, networks, waits);
  // Checked after all pods, so the result does not depend on whether the holder's name sorts first.
  for (const { pod, iface, point } of waits) {
    if (point.kind === "host-device" && point.movedTo) {
      const holder = ctx.get(point.movedTo)?.parent ?? point.movedTo;
      ctx.finding(
        "error",
        "host-device-conflict",
        `${point.device} on ${pod.node} is already held by ${holder.replace(/^pod\//, "")}; ${pod.namespace}/${pod.name} cannot get it until that pod is gone`,
        [iface.id, point.id, pod.id],
      );
    } else {
      checkDevicePresent(ctx, pod, iface, point);
    }
  }
}

function addPod(ctx: BuildContext, pod: KubeObject, networks: Map<string, NetworkEntry>, waits: DeviceWait[]): void {
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
    network: `${r.namespace}/${r.name}`,
    interface: names[i] ?? `net${i + 1}`,
    ips: r.ips,
    ...(r.mac ? { mac: r.mac } : {}),
  }));

  const { pairs, unused } = pairStatuses(requests, names, statuses);

  for (const s of statuses.filter((x) => x.isDefault)) {
    addInterface(ctx, element, {
      ifname: s.interface ?? "eth0",
      network: s.name,
      status: s,
      requested: false,
      isDefault: true,
    });
  }
  for (const { request, ifname, status: s } of pairs) {
    const key = `${request.namespace}/${request.name}`;
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
        `Pod ${namespace}/${pod.metadata.name} requests ${key}, but no NetworkAttachmentDefinition of that name exists${element.phase === "Running" ? "" : ": Multus cannot start the pod"}`,
        [iface.id, id],
      );
    }
    if (!s && networks.has(key)) {
      // Unscheduled pods have no attachments by design; scheduled but not running ones are stuck on this.
      const severity = element.phase === "Running" ? "warning" : node ? "error" : "info";
      ctx.finding(
        severity,
        "network-not-attached",
        `Pod ${namespace}/${pod.metadata.name} requests ${key} as ${ifname}, but network-status has no such attachment${severity === "error" ? " (the pod is not running)" : ""}`,
        [iface.id, id],
      );
    }
  }
  for (const s of unused) {
    const iface = addInterface(ctx, element, {
      ifname: s.interface ?? s.name,
      network: s.name,
      status: s,
      requested: false,
    });
    wire(ctx, element, iface, networks.get(s.name), waits);
    ctx.finding(
      "info",
      "attached-not-requested",
      `Pod ${namespace}/${pod.metadata.name} has ${iface.interface} on ${s.name}, which its networks annotation does not request`,
      [iface.id],
    );
  }
}

function readRequests(ctx: BuildContext, pod: KubeObject, el: PodElement): NetworkRequest[] {
  const raw = annotation(pod, NETWORKS_ANNOTATION);
  if (raw === undefined) return [];
  const parsed = parseNetworksAnnotation(raw, el.namespace);
  if (parsed.ok) return parsed.value;
  ctx.finding(
    "error",
    "pod-annotation-invalid",
    `Pod ${el.namespace}/${el.name}: ${NETWORKS_ANNOTATION} ${parsed.error}`,
    [el.id],
  );
  return [];
}

function readStatuses(ctx: BuildContext, pod: KubeObject, el: PodElement): NetworkStatus[] {
  const key =
    annotation(pod, NETWORK_STATUS_ANNOTATION) !== undefined
      ? NETWORK_STATUS_ANNOTATION
      : NETWORKS_STATUS_ANNOTATION_DEPRECATED;
  const raw = annotation(pod, key);
  if (raw === undefined) return [];
  const parsed = parseNetworkStatus(raw);
  if (!parsed.ok) {
    ctx.finding("error", "pod-annotation-invalid", `Pod ${el.namespace}/${el.name}: ${key} ${parsed.error}`, [el.id]);
    return [];
  }
  if (key === NETWORKS_STATUS_ANNOTATION_DEPRECATED) {
    ctx.finding(
      "info",
      "deprecated-annotation",
      `Pod ${el.namespace}/${el.name}: its attachments are read from ${key}, which Multus deprecated (4.0 stopped writing it); ${NETWORK_STATUS_ANNOTATION} is missing, so this Multus is old or the annotation was copied by hand`,
      [el.id],
    );
  }
  // Older Multus (OpenShift 4.3-4.5) and the spec's own v1.3 example write no "default" key: the first entry, on eth0,
  // is the cluster-wide default network, which every pod is attached to first.
  const statuses = parsed.value;
  const first = statuses[0];
  if (first && !statuses.some((s) => s.isDefault) && (first.interface ?? "eth0") === "eth0")
    statuses[0] = { ...first, isDefault: true };
  // A bare secondary name (Multus 3.x, and the OpenShift documentation's examples) means the pod's own namespace.
  return statuses.map((s) =>
    s.isDefault || s.name.includes("/") ? s : { ...s, name: `${el.namespace}/${s.name}`, bareName: s.name },
  );
}

interface InterfaceInput {
  ifname: string;
  network: string;
  status: NetworkStatus | undefined;
  requested: boolean;
  isDefault?: boolean;
  request?: NetworkRequest;
}

function addInterface(ctx: BuildContext, pod: PodElement, input: InterfaceInput): InterfaceElement {
  const id = ctx.interfaceId(pod.id, input.ifname);
  const s = input.status;
  const mac = s?.mac ?? input.request?.mac;
  return ctx.add<InterfaceElement>({
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
  ctx.link("attachment", iface.id, point.id, [iface.interface, iface.ips[0]].filter(Boolean).join(" "));
}

function attachmentPoint(
  ctx: BuildContext,
  node: string,
  network: NetworkEntry,
  iface: InterfaceElement,
): HostSideElement | null {
  const c = network.config;
  if (!c) return null;
  switch (c.mainType) {
    case "bridge":
      return ensurePoint(ctx, node, "bridge", c.bridge ?? "cni0");
    case "macvlan":
      return ensurePoint(ctx, node, "macvlan-parent", c.master ?? "default-route NIC");
    case "ipvlan":
      return ensurePoint(ctx, node, "ipvlan-parent", c.master ?? "default-route NIC");
    case "vlan": {
      if (!c.master) return null;
      const point = ensurePoint(ctx, node, "vlan-parent", c.master);
      if (point.kind === "vlan-parent" && c.vlan !== undefined) ctx.addVlan(point, c.vlan);
      return point;
    }
    case "host-device": {
      const device = c.device ?? c.hwaddr ?? c.pciBusID ?? c.kernelpath;
      return device ? ensurePoint(ctx, node, "host-device", device) : null;
    }
    case "sriov": {
      const pf = iface.deviceInfo?.pfPciAddress ?? network.element.resourceName ?? "SR-IOV";
      return ensurePoint(ctx, node, "sriov-pf", pf);
    }
    default:
      return null;
  }
}

/** With NodeNetworkState on the host, a parent NIC it does not report will make the pod fail to start. */
function checkDevicePresent(ctx: BuildContext, pod: PodElement, iface: InterfaceElement, point: HostSideElement): void {
  if (!pod.node || !ctx.nns.has(pod.node) || point.provenance === "observed") return;
  if (point.kind === "bridge" || point.kind === "sriov-pf") return; // the bridge plugin creates its bridge; PFs show as PCI, not by name
  if (point.kind === "host-device" && iface.attached) return; // moved into this pod: gone from the host is expected
  if (point.device.includes(" ")) return; // the default-route NIC: no name to check
  ctx.finding(
    iface.attached ? "warning" : "error",
    "device-missing-on-host",
    `${pod.node} does not report ${point.device}, which ${iface.network} needs for ${pod.namespace}/${pod.name} ${iface.interface}`,
    [point.id, iface.id],
  );
}
