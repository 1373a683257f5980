import { parseAddedInterface } from "../cni-events/added-interface";
import { parseCniFailure } from "../cni-events/parse-failure";
import type { AddedInterface, CniFailure, FailureCause } from "../cni-events/schema";
import { nameOfRef, networkIdOfRef, podIdOfRef } from "../contract/ids";
import type { InterfaceElement, PodElement } from "../contract/schema";
import type { PodEvent } from "../events/schema";
import { podNetworkEvents } from "../events/select";
import type { FindingCode } from "../findings/catalogue";
import type { KubeObject } from "../k8s/objects";
import type { BuildContext } from "./context";

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
  const pass: Pass = { ctx, points: new Map(), missingNad: new Set(), settled: new Set() };
  for (const l of ctx.links.values()) if (l.kind === "attachment") pass.points.set(l.source, l.target);
  for (const f of ctx.findings) if (f.code === "network-not-found" && f.elements[0]) pass.missingNad.add(f.elements[0]);
  for (const [key, list] of podNetworkEvents(events)) {
    const pod = ctx.get(podIdOfRef(key));
    const ifaces = pod ? (ifacesByPod.get(pod.id) ?? []) : [];
    if (pod?.kind !== "pod" || ifaces.length === 0) continue;
    applyToPod(pass, pod, ifaces, list);
  }
  // The events say more than "not attached" about these interfaces: drop that finding, in one pass over all.
  if (pass.settled.size === 0) return;
  const keep = ctx.findings.filter(
    (f) => !(f.code === "network-not-attached" && pass.settled.has(f.elements[0] ?? "")),
  );
  ctx.findings.splice(0, ctx.findings.length, ...keep);
}

/** What one pass over the events looks up once instead of per interface. */
interface Pass {
  ctx: BuildContext;
  /** interface id → the host-side point it is attached to */
  points: Map<string, string>;
  /** interfaces whose NAD the topology already reports missing */
  missingNad: Set<string>;
  /** interfaces the events explain: their "network-not-attached" goes */
  settled: Set<string>;
}

/**
 * Parsed messages by text. A live source rebuilds the topology on every change and the same events come back each
 * time, so each text is parsed once; the parse is pure, so the cache changes no result. Bounded: oldest out first.
 */
const PARSED = new Map<string, CniFailure>();
const PARSED_MAX = 32_768; // 10 events for each of 3,000 stuck pods

function parseOnce(message: string): CniFailure {
  const hit = PARSED.get(message);
  if (hit) return hit;
  const parsed = parseCniFailure(message);
  if (PARSED.size >= PARSED_MAX) PARSED.delete(PARSED.keys().next().value ?? "");
  PARSED.set(message, parsed);
  return parsed;
}

function read(event: PodEvent): Read {
  const added = event.reason === "AddedInterface" ? parseAddedInterface(event.message) : null;
  return added ? { event, added } : { event, failure: parseOnce(event.message) };
}

function applyToPod(pass: Pass, pod: PodElement, ifaces: InterfaceElement[], newestFirst: PodEvent[]): void {
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
    if (r.added) confirm(pass, pod, iface, r.added);
    else if (!(iface.attached && pod.phase === "Running")) fail(pass, pod, iface, r.event, r.failure);
  }
}

function sameNetwork(iface: InterfaceElement, network: string): boolean {
  return network.includes("/") ? iface.network === network : nameOfRef(iface.network) === network;
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

function confirm(pass: Pass, pod: PodElement, iface: InterfaceElement, added: AddedInterface): void {
  if (iface.attached || !iface.requested) return;
  iface.attached = true;
  iface.provenance = "observed";
  if (iface.ips.length === 0) iface.ips = added.ips;
  pass.settled.add(iface.id);
  pass.ctx.finding(
    "info",
    "attachment-from-event",
    `Pod ${pod.namespace}/${pod.name} ${iface.interface} on ${iface.network}: network-status does not list it, but Multus reported "${added.interface} [${added.ips.join(" ")}]" added`,
    [iface.id, pod.id],
  );
}

function fail(pass: Pass, pod: PodElement, iface: InterfaceElement, event: PodEvent, f: CniFailure): void {
  iface.failure = { ...f, message: event.message, count: event.count, ...(event.time ? { time: event.time } : {}) };
  pass.settled.add(iface.id);
  // The topology already says the NAD is missing; the events only confirm it (the interface still shows them).
  if (f.cause === "nad-not-found" && pass.missingNad.has(iface.id)) return;
  const networkEl = pass.ctx.get(networkIdOfRef(iface.network));
  const point = pass.points.get(iface.id);
  const times = event.count > 1 ? ` (${event.count} times)` : "";
  pass.ctx.finding(
    pod.phase === "Running" ? "warning" : "error",
    SANDBOX_CODE[f.cause],
    `Pod ${pod.namespace}/${pod.name} ${iface.interface} on ${iface.network}: ${f.summary}${times}`,
    [iface.id, ...(networkEl ? [networkEl.id] : []), pod.id, ...(point ? [point] : [])],
  );
}
