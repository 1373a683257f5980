import { parseAddedInterface } from "../cni-events/added-interface";
import { parseCniFailure } from "../cni-events/parse-failure";
import type { AddedInterface, CniFailure, FailureCause } from "../cni-events/schema";
import type { PodEvent } from "../events/schema";
import { podNetworkEvents } from "../events/select";
import type { FindingCode } from "../findings/catalogue";
import type { KubeObject } from "../k8s/objects";
import { type BuildContext, podId } from "./context";
import type { InterfaceElement, PodElement } from "./schema";

const SANDBOX_CODE: Record<FailureCause, FindingCode> = {
  "ip-range-exhausted": "sandbox-ip-range-exhausted",
  "ip-in-use": "sandbox-ip-in-use",
  "whereabouts-storage": "sandbox-whereabouts-storage",
  "master-not-found": "sandbox-master-not-found",
  "device-busy": "sandbox-device-busy",
  "ifname-exists": "sandbox-ifname-exists",
  "plugin-missing": "sandbox-plugin-missing",
  "nad-not-found": "sandbox-nad-not-found",
  "invalid-config": "sandbox-invalid-config",
  "dhcp-unreachable": "sandbox-dhcp-unreachable",
  "sriov-resource": "sandbox-sriov-resource",
  "multus-not-ready": "sandbox-multus-not-ready",
  timeout: "sandbox-timeout",
  unknown: "sandbox-failed",
};

type Read =
  | { event: PodEvent; added: AddedInterface; failure?: undefined }
  | { event: PodEvent; failure: CniFailure; added?: undefined };

/**
 * Puts each pod's network events on the interface they concern (else on the pod), marks an interface whose newest
 * event is a sandbox failure with the parsed cause and a finding, and takes a Multus AddedInterface event as proof
 * of an attachment that network-status does not (yet) show. Only pods with secondary networks are looked at.
 */
export function applyPodEvents(ctx: BuildContext, events: readonly KubeObject[]): void {
  if (events.length === 0) return;
  const ifacesByPod = new Map<string, InterfaceElement[]>();
  for (const el of ctx.elements.values()) {
    if (el.kind !== "interface" || el.isDefault || !el.parent) continue;
    const list = ifacesByPod.get(el.parent) ?? [];
    list.push(el);
    ifacesByPod.set(el.parent, list);
  }
  for (const [key, list] of podNetworkEvents(events)) {
    const slash = key.indexOf("/");
    const pod = ctx.get(podId(key.slice(0, slash), key.slice(slash + 1)));
    const ifaces = pod ? (ifacesByPod.get(pod.id) ?? []) : [];
    if (pod?.kind !== "pod" || ifaces.length === 0) continue;
    applyToPod(ctx, pod, ifaces, list);
  }
}

function read(event: PodEvent): Read {
  const added = event.reason === "AddedInterface" ? parseAddedInterface(event.message) : null;
  return added ? { event, added } : { event, failure: parseCniFailure(event.message) };
}

function applyToPod(ctx: BuildContext, pod: PodElement, ifaces: InterfaceElement[], newestFirst: PodEvent[]): void {
  const newest = new Map<InterfaceElement, Read>();
  for (const r of newestFirst.map(read)) {
    const targets = r.added ? ifaces.filter((i) => matchesAdded(i, r.added)) : targetsOf(ifaces, r.failure);
    if (targets.length === 0 && r.added) continue; // eth0 from the default network, or an interface not drawn
    if (targets.length === 0) pod.events = [...(pod.events ?? []), r.event];
    for (const iface of targets) {
      iface.events = [...(iface.events ?? []), r.event];
      if (!newest.has(iface)) newest.set(iface, r);
    }
  }
  for (const [iface, r] of newest) {
    if (r.added) confirm(ctx, pod, iface, r.added);
    else if (!(iface.attached && pod.phase === "Running")) fail(ctx, pod, iface, r.event, r.failure);
  }
}

const nameOf = (network: string): string => network.slice(network.indexOf("/") + 1);

function sameNetwork(iface: InterfaceElement, network: string): boolean {
  return network.includes("/") ? iface.network === network : nameOf(iface.network) === network;
}

function matchesAdded(iface: InterfaceElement, added: AddedInterface): boolean {
  return iface.interface === added.interface && (!added.network || sameNetwork(iface, added.network));
}

/** The interfaces a failure is about: by interface name, else by network, else every one not attached. */
function targetsOf(ifaces: InterfaceElement[], f: CniFailure): InterfaceElement[] {
  const byIf = f.interface ? ifaces.filter((i) => i.interface === f.interface) : [];
  if (byIf.length > 0) return byIf;
  const byNet = f.network ? ifaces.filter((i) => sameNetwork(i, f.network ?? "")) : [];
  const first = byNet.find((i) => !i.attached) ?? byNet[0];
  if (first) return [first];
  return ifaces.filter((i) => i.requested && !i.attached);
}

function confirm(ctx: BuildContext, pod: PodElement, iface: InterfaceElement, added: AddedInterface): void {
  if (iface.attached || !iface.requested) return;
  iface.attached = true;
  iface.provenance = "observed";
  if (iface.ips.length === 0) iface.ips = added.ips;
  dropFinding(ctx, "network-not-attached", iface.id);
  ctx.finding(
    "info",
    "attachment-from-event",
    `Pod ${pod.namespace}/${pod.name} ${iface.interface} on ${iface.network}: network-status does not list it, but Multus reported "${added.interface} [${added.ips.join(" ")}]" added`,
    [iface.id, pod.id],
  );
}

function fail(ctx: BuildContext, pod: PodElement, iface: InterfaceElement, event: PodEvent, f: CniFailure): void {
  iface.failure = { ...f, message: event.message, count: event.count, ...(event.time ? { time: event.time } : {}) };
  dropFinding(ctx, "network-not-attached", iface.id);
  // The topology already says the NAD is missing; the events only confirm it (the interface still shows them).
  if (
    f.cause === "nad-not-found" &&
    ctx.findings.some((x) => x.code === "network-not-found" && x.elements[0] === iface.id)
  )
    return;
  const networkEl = ctx.get(`network/${iface.network}`);
  const point = [...ctx.links.values()].find((l) => l.kind === "attachment" && l.source === iface.id)?.target;
  const times = event.count > 1 ? ` (${event.count} times)` : "";
  ctx.finding(
    pod.phase === "Running" ? "warning" : "error",
    SANDBOX_CODE[f.cause],
    `Pod ${pod.namespace}/${pod.name} ${iface.interface} on ${iface.network}: ${f.summary}${times}`,
    [iface.id, ...(networkEl ? [networkEl.id] : []), pod.id, ...(point ? [point] : [])],
  );
}

function dropFinding(ctx: BuildContext, code: FindingCode, elementId: string): void {
  for (let i = ctx.findings.length - 1; i >= 0; i--) {
    const f = ctx.findings[i];
    if (f?.code === code && f.elements[0] === elementId) ctx.findings.splice(i, 1);
  }
}
