import { appendAll } from "../append";
import type { ElementKind, InterfaceElement, PodElement, Topology } from "../contract/schema";
import { MUTED, topologyColours } from "./palette";
import { pendingRollout } from "./workload-summary";

/** Every element is drawn as a box except networks, which are colours. */
export type DrawnKind = Exclude<ElementKind, "network">;
export type GraphNodeKind = DrawnKind | "fold";

/** A drawable box: leaves have a fixed size, groups (hosts, pods) are sized by the layout around their children. */
interface Box {
  id: string;
  parent: string | null;
  width: number;
  height: number;
  isGroup: boolean;
  /** room a group keeps under its children for a badge of its own (a pod pending its workload's rollout) */
  footer?: number;
}

/**
 * A pod's "rollout pending" badge: one line with its border, drawn inside the pod under its interfaces; room for it
 * at 23 px too, as the semantic zoom draws it far out (app/globals.css, .node-footer-badge): 11 px on screen down to
 * zoom 0.48, where the demo's cluster view fits at 1024×768 (at 20 px it was 10.9 px there).
 */
export const ROLLOUT_FOOTER = 30;

/** The box of one topology element (its id is the element's). */
export interface ElementBox extends Box {
  kind: DrawnKind;
}

/** Pods of one host that share their first secondary network, drawn as one counted box. */
export interface FoldBox extends Box {
  kind: "fold";
  /** the pods it stands for */
  members: string[];
  /** the networks its pods share */
  networks: string[];
}

export type GraphNode = ElementBox | FoldBox;

export interface GraphEdge {
  id: string;
  kind: "attachment" | "segment";
  source: string;
  target: string;
  label: string;
  colour: string;
}

export interface GraphModel {
  nodes: GraphNode[];
  edges: GraphEdge[];
  colours: Map<string, string>;
}

export interface ModelOptions {
  /** draw the cluster's default network interface (eth0) too */
  showDefault: boolean;
  /** past this many pods on one host, pods with the same networks fold into one counted box */
  foldThreshold?: number;
  /** folds the user opened */
  expanded?: ReadonlySet<string>;
  /** join host-side points that share an L2 segment across hosts (macvlan parents, host devices, uplinked bridges) */
  segments?: boolean;
  /** network colours, from the whole cluster so a network keeps its colour in every view; else from `t` */
  colours?: Map<string, string>;
}

const LEAF_SIZE: Partial<Record<GraphNodeKind, [number, number]>> = {
  interface: [210, 58],
  bridge: [170, 62],
  "macvlan-parent": [170, 62],
  "ipvlan-parent": [170, 62],
  "vlan-parent": [170, 62],
  "host-device": [170, 62],
  "sriov-pf": [170, 62],
  "ovn-switch": [170, 62],
  fold: [230, 64],
};

/** A pod folds with the others on its first secondary network (what it was mostly deployed for). */
function signature(ifaces: InterfaceElement[]): string {
  return ifaces.find((i) => !i.isDefault)?.network ?? "no secondary network";
}

/** The interface (a VM's by the VM's name for it) and every address it has: dual stack shows both. */
const edgeLabel = (i: InterfaceElement): string =>
  [i.vmInterface ?? i.interface, ...i.ips.map((a) => a.split("/")[0])].join(" ");

/** Folds per host: pods sharing a signature, when the host has too many pods to draw one by one. */
function decideFolds(
  podsOf: Map<string, PodElement[]>,
  ifacesOf: Map<string, InterfaceElement[]>,
  threshold: number,
  expanded: ModelOptions["expanded"],
): { foldOf: Map<string, string>; folds: Map<string, FoldBox> } {
  const foldOf = new Map<string, string>();
  const folds = new Map<string, FoldBox>();
  for (const [host, pods] of podsOf) {
    if (pods.length <= threshold) continue;
    const groups = new Map<string, PodElement[]>();
    for (const p of pods) {
      const sig = signature(ifacesOf.get(p.id) ?? []);
      groups.set(sig, [...(groups.get(sig) ?? []), p]);
    }
    for (const [sig, members] of groups) {
      const id = `fold/${host}/${sig}`;
      // On a crowded host even a lone pod folds: one box per network is what keeps a big host readable.
      if (expanded?.has(id)) continue;
      const [w, h] = LEAF_SIZE.fold ?? [0, 0];
      folds.set(id, {
        id,
        kind: "fold",
        parent: host,
        width: w,
        height: h,
        isGroup: false,
        members: members.map((m) => m.id),
        networks: [sig],
      });
      for (const m of members) foldOf.set(m.id, id);
    }
  }
  return { foldOf, folds };
}

/**
 * Topology → boxes and arrows. Hosts and pods become groups; networks are not boxes here (they are colours),
 * so a graph of many hosts stays a set of tidy islands instead of a web of cross-host edges.
 */
export function graphModel(t: Topology, opts: ModelOptions): GraphModel {
  const colours = opts.colours ?? topologyColours(t);
  const threshold = opts.foldThreshold ?? 12;
  const byId = new Map(t.elements.map((e) => [e.id, e]));
  const ifacesOf = new Map<string, InterfaceElement[]>();
  const podsOf = new Map<string, PodElement[]>();
  for (const el of t.elements) {
    if (el.kind === "interface" && el.parent) ifacesOf.set(el.parent, [...(ifacesOf.get(el.parent) ?? []), el]);
    if (el.kind === "pod" && el.parent) podsOf.set(el.parent, [...(podsOf.get(el.parent) ?? []), el]);
  }

  const { foldOf, folds } = decideFolds(podsOf, ifacesOf, threshold, opts.expanded);
  const pending = pendingRollout(t);

  const nodes: GraphNode[] = [];
  const kept = new Set<string>();
  const emitted = new Set<string>();
  for (const el of t.elements) {
    if (el.kind === "network" || el.kind === "workload") continue;
    if (el.kind === "interface" && el.isDefault && !opts.showDefault) continue;
    if (el.parent !== null && !kept.has(el.parent)) continue;
    const fold = foldOf.get(el.id);
    if (fold) {
      const folded = folds.get(fold);
      if (folded && !emitted.has(fold)) nodes.push(folded);
      emitted.add(fold);
      continue;
    }
    const size = LEAF_SIZE[el.kind];
    nodes.push({
      id: el.id,
      kind: el.kind,
      parent: el.parent,
      width: size?.[0] ?? 0,
      height: size?.[1] ?? 0,
      isGroup: !size,
      ...(pending.has(el.id) ? { footer: ROLLOUT_FOOTER } : {}),
    });
    kept.add(el.id);
  }

  const edges: GraphEdge[] = [];
  const foldEdges = new Map<string, GraphEdge & { count: number }>();
  for (const l of t.links) {
    if (l.kind !== "attachment") continue;
    const src = byId.get(l.source);
    if (src?.kind !== "interface") continue;
    const colour = colours.get(src.network) ?? MUTED;
    const fold = src.parent ? foldOf.get(src.parent) : undefined;
    if (fold) {
      const id = `attachment:${fold}->${l.target}`;
      const e = foldEdges.get(id) ?? {
        id,
        kind: "attachment" as const,
        source: fold,
        target: l.target,
        label: "",
        colour,
        count: 0,
      };
      e.count++;
      e.label = `${e.count} × ${src.interface}`;
      foldEdges.set(id, e);
    } else if (kept.has(l.source) && kept.has(l.target)) {
      edges.push({ id: l.id, kind: "attachment", source: l.source, target: l.target, label: edgeLabel(src), colour });
    }
  }
  for (const { count: _c, ...e } of foldEdges.values()) edges.push(e);
  if (opts.segments) appendAll(edges, segmentEdges(t, kept));
  return { nodes, edges, colours };
}

/** Chains the points of each shared L2 segment across hosts; an island bridge's segment is its own, so it gets none. */
function segmentEdges(t: Topology, kept: Set<string>): GraphEdge[] {
  const bySegment = new Map<string, string[]>();
  for (const el of t.elements) {
    if (!kept.has(el.id) || !("segment" in el) || el.segment === el.id) continue;
    bySegment.set(el.segment, [...(bySegment.get(el.segment) ?? []), el.id]);
  }
  const out: GraphEdge[] = [];
  for (const [segment, ids] of bySegment) {
    for (const [i, target] of ids.entries()) {
      const source = ids[i - 1];
      if (source === undefined) continue;
      out.push({
        id: `segment:${source}->${target}`,
        kind: "segment",
        source,
        target,
        label: `same L2 (${segment.replace(/^\w+:/, "")})`,
        colour: MUTED,
      });
    }
  }
  return out;
}
