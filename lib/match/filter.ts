import { hostId, networkIdOfRef, refOf } from "../contract/ids";
import type { InterfaceElement, PodElement, Topology, TopologyElement, WorkloadElement } from "../contract/schema";

/** What to keep: every given criterion must hold. Networks and pods are `namespace/name`, hosts node names. */
export interface Criteria {
  namespace?: string;
  network?: string;
  host?: string;
  pod?: string;
}

const isEmpty = (c: Criteria): boolean => !c.namespace && !c.network && !c.host && !c.pod;

/**
 * A topology cut down to what the criteria select, still a valid topology (parents kept with their children).
 * Host-side points stay when a kept interface hangs off them, or, when only a host is chosen, all of that host's.
 * Networks stay when chosen, when in the chosen namespace, and otherwise when a kept interface uses them.
 * Findings stay when they concern a kept element or no element at all. Linear in the size of the topology.
 */
export function filterTopology(t: Topology, c: Criteria): Topology {
  if (isEmpty(c)) return t;
  const byId = new Map<string, TopologyElement>(t.elements.map((e) => [e.id, e]));
  const podOk = (p: PodElement): boolean =>
    (!c.namespace || p.namespace === c.namespace) && (!c.host || p.node === c.host) && (!c.pod || refOf(p) === c.pod);
  const ifaceOk = (i: InterfaceElement): boolean => !c.network || i.network === c.network;

  const keep = new Set<string>();
  const podsWithKeptIfaces = new Set<string>();
  for (const el of t.elements) {
    if (el.kind !== "interface" || !el.parent) continue;
    const pod = byId.get(el.parent);
    if (pod?.kind === "pod" && podOk(pod) && ifaceOk(el)) {
      keep.add(el.id);
      podsWithKeptIfaces.add(pod.id);
    }
  }
  for (const el of t.elements) {
    // With a network chosen, a pod is only in the picture through an interface on that network.
    if (el.kind === "pod" && podOk(el) && (!c.network || podsWithKeptIfaces.has(el.id))) keep.add(el.id);
  }
  // An interface is only kept with its pod (the network test above can keep eth0 of a pod that is then dropped).
  for (const id of [...keep]) {
    const el = byId.get(id);
    if (el?.kind === "interface" && el.parent && !keep.has(el.parent)) keep.delete(id);
  }
  for (const l of t.links) {
    if (l.kind === "attachment" && keep.has(l.source)) keep.add(l.target);
  }
  /** the host id when a host is all that is asked for: its points are kept even without pods on them */
  const onlyHost = c.host && !c.namespace && !c.network && !c.pod ? hostId(c.host) : undefined;
  for (const el of t.elements) {
    if (el.kind === "host") {
      if (c.host ? el.name === c.host : false) keep.add(el.id);
    } else if (el.kind === "network") {
      const key = refOf(el);
      // Without a network or namespace chosen, networks come in below, through the interfaces that use them.
      if (c.network ? key === c.network : !!c.namespace && el.namespace === c.namespace) keep.add(el.id);
    } else if (onlyHost && el.kind !== "pod" && el.kind !== "interface" && el.parent === onlyHost) {
      keep.add(el.id);
    }
  }
  // Parents of whatever is kept (pods and points live in hosts).
  for (const id of [...keep]) {
    const parent = byId.get(id)?.parent;
    if (parent && byId.get(parent)?.kind === "host") keep.add(parent);
  }
  if (!c.network && !c.namespace) {
    // Networks drawn as colours only: keep those some kept interface uses.
    for (const id of keep) {
      const el = byId.get(id);
      if (el?.kind === "interface") keep.add(networkIdOfRef(el.network));
    }
  }
  for (const el of t.elements) if (el.kind === "workload" && workloadOk(el, c, keep)) keep.add(el.id);
  return {
    elements: t.elements.filter((e) => keep.has(e.id)),
    links: t.links.filter((l) => keep.has(l.source) && keep.has(l.target)),
    findings: t.findings.filter((f) => f.elements.length === 0 || f.elements.some((id) => keep.has(id))),
  };
}

/**
 * A workload stays with any of its pods; with only a network (and perhaps a namespace) chosen, also when its template
 * asks for that network (the pods still to take it are not on the network yet); with only a namespace, all of its.
 */
export function workloadOk(w: WorkloadElement, c: Criteria, kept: { has(id: string): boolean }): boolean {
  if (c.namespace && w.namespace !== c.namespace) return false;
  if (w.pods.some((p) => kept.has(p.id))) return true;
  if (c.host || c.pod) return false;
  return c.network ? w.template.some((r) => r.network === c.network) : !!c.namespace;
}

/**
 * What the explorer shows of the view it holds: the view narrowed to the criteria (the previous view narrows at once
 * while the new one comes), except a view the server sent as its overview, which is already what the criteria keep
 * and holds no pods to narrow by (narrowing it again would drop the findings and workloads of its pods).
 */
export function shownTopology(view: Topology, c: Criteria, overview: boolean): Topology {
  return overview ? view : filterTopology(view, c);
}
