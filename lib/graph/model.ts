import type { InterfaceElement, PodElement, Topology, TopologyElement } from "../topology/schema";
import { MUTED, topologyColours } from "./palette";

export type GraphNodeKind = TopologyElement["kind"] | "fold";

/** A drawable box: leaves have a fixed size, groups (hosts, pods) are sized by the layout around their children. */
export interface GraphNode {
  id: string;
  kind: GraphNodeKind;
  parent: string | null;
  width: number;
  height: number;
  isGroup: boolean;
  /** a fold: the pods it stands for */
  members?: string[];
  /** a fold: the networks its pods share */
  networks?: string[];
  /** a host drawn as a summary card: what it carries */
  summary?: HostSummary;
}

export interface HostSummary {
  pods: number;
  /** pods per network, most used first */
  networks: { network: string; pods: number }[];
  points: number;
  problems: number;
}

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
  /** draw each host as one summary card (a whole big cluster at a glance); pods and points are not drawn */
  summarizeHosts?: boolean;
}

const LEAF_SIZE: Partial<Record<GraphNodeKind, [number, number]>> = {
  interface: [210, 58],
  bridge: [170, 62],
  "macvlan-parent": [170, 62],
  "ipvlan-parent": [170, 62],
  "vlan-parent": [170, 62],
  "host-device": [170, 62],
  "sriov-pf": [170, 62],
  fold: [230, 64],
};

/** A pod folds with the others on its first secondary network (what it was mostly deployed for). */
function signature(ifaces: InterfaceElement[]): string {
  return ifaces.find((i) => !i.isDefault)?.network ?? "no secondary network";
}

/** The interface and every address it has: a dual-stack interface shows its IPv4 and its IPv6 address. */
const edgeLabel = (i: InterfaceElement): string => [i.interface, ...i.ips.map((a) => a.split("/")[0])].join(" ");

/** Folds per host: pods sharing a signature, when the host has too many pods to draw one by one. */
function decideFolds(
  podsOf: Map<string, PodElement[]>,
  ifacesOf: Map<string, InterfaceElement[]>,
  threshold: number,
  expanded: ModelOptions["expanded"],
): { foldOf: Map<string, string>; folds: Map<string, GraphNode> } {
  const foldOf = new Map<string, string>();
  const folds = new Map<string, GraphNode>();
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
  if (opts.summarizeHosts) return { nodes: hostSummaries(t), edges: [], colours };
  const threshold = opts.foldThreshold ?? 12;
  const byId = new Map(t.elements.map((e) => [e.id, e]));
  const ifacesOf = new Map<string, InterfaceElement[]>();
  const podsOf = new Map<string, PodElement[]>();
  for (const el of t.elements) {
    if (el.kind === "interface" && el.parent) ifacesOf.set(el.parent, [...(ifacesOf.get(el.parent) ?? []), el]);
    if (el.kind === "pod" && el.parent) podsOf.set(el.parent, [...(podsOf.get(el.parent) ?? []), el]);
  }

  const { foldOf, folds } = decideFolds(podsOf, ifacesOf, threshold, opts.expanded);

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
  if (opts.segments) edges.push(...segmentEdges(t, kept));
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

const SUMMARY = { width: 280, base: 78, perNetwork: 18, maxNetworks: 8 };

/** One card per host: its pods per network, its attachment points and how many of its elements have problems. */
function hostSummaries(t: Topology): GraphNode[] {
  const hostOf = new Map<string, string>();
  const stats = new Map<string, { pods: number; nets: Map<string, number>; points: number; problems: number }>();
  const stat = (host: string) => {
    let s = stats.get(host);
    if (!s) {
      s = { pods: 0, nets: new Map(), points: 0, problems: 0 };
      stats.set(host, s);
    }
    return s;
  };
  for (const el of t.elements) {
    if (el.kind === "host") stat(el.id);
    else if (el.kind === "pod" && el.parent) {
      stat(el.parent).pods++;
      hostOf.set(el.id, el.parent);
    } else if (el.kind !== "interface" && el.kind !== "network" && el.parent) {
      stat(el.parent).points++;
      hostOf.set(el.id, el.parent);
    }
  }
  for (const el of t.elements) {
    if (el.kind !== "interface" || el.isDefault || !el.parent) continue;
    const host = hostOf.get(el.parent);
    if (!host) continue;
    hostOf.set(el.id, host);
    const nets = stat(host).nets;
    nets.set(el.network, (nets.get(el.network) ?? 0) + 1);
  }
  for (const f of t.findings) {
    if (f.severity === "info") continue;
    const hosts = new Set(
      f.elements.flatMap((id) =>
        [hostOf.get(id) ?? (id.startsWith("host/") && !id.slice(5).includes("/") ? id : undefined)].filter(
          (h) => h !== undefined,
        ),
      ),
    );
    for (const h of hosts) stat(h).problems++;
  }
  return t.elements.flatMap((el): GraphNode[] => {
    if (el.kind !== "host") return [];
    const s = stat(el.id);
    const networks = [...s.nets]
      .map(([network, pods]) => ({ network, pods }))
      .sort((a, b) => b.pods - a.pods || a.network.localeCompare(b.network));
    const shown = Math.min(networks.length, SUMMARY.maxNetworks);
    return [
      {
        id: el.id,
        kind: "host",
        parent: null,
        isGroup: false,
        width: SUMMARY.width,
        height: SUMMARY.base + shown * SUMMARY.perNetwork + (networks.length > shown ? SUMMARY.perNetwork : 0),
        summary: { pods: s.pods, networks, points: s.points, problems: s.problems },
      },
    ];
  });
}
